package account

import (
	"context"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
)

// DemoPassword is the password of every demo account; the demo prints it.
const DemoPassword = "teilhabe-demo"

// demoPeople are the demo accounts: people of the Kassel region in the
// platform's languages, each with a handle other modules' demo content uses.
var demoPeople = []struct {
	handle, email, name, lang string
	role                      auth.Role
}{
	{"admin", "admin@demo.teilhabe.example", "Administration", "de", auth.Admin},
	{"coordinator", "koordination@demo.teilhabe.example", "Katrin (Koordinierungsstelle)", "de", auth.Coordinator},
	{"agency", "sabine@demo.teilhabe.example", "Sabine", "de", auth.Member},
	{"mso_tr", "yusuf@demo.teilhabe.example", "Yusuf", "tr", auth.Member},
	{"mso_ar", "nour@demo.teilhabe.example", "Nour", "ar", auth.Member},
	{"municipality", "martin@demo.teilhabe.example", "Martin", "de", auth.Member},
	{"company", "chris@demo.teilhabe.example", "Chris", "en", auth.Member},
	{"volunteer", "jonas@demo.teilhabe.example", "Jonas", "de", auth.Member},
	{"newcomer_ar", "amal@demo.teilhabe.example", "Amal", "ar", auth.Member},
	{"newcomer_fa", "reza@demo.teilhabe.example", "Reza", "fa", auth.Member},
	{"newcomer_uk", "olena@demo.teilhabe.example", "Olena", "uk", auth.Member},
}

// HasUsers reports whether any account exists; the demo fills only an
// empty database.
func (m *Module) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := m.s.DB.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n > 0, err
}

// SeedDemo creates the demo accounts.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	for _, p := range demoPeople {
		u, err := m.CreateVerified(ctx, p.email, p.name, DemoPassword, p.lang, p.role)
		if err != nil {
			return err
		}
		demo.Users[p.handle] = u.ID
		demo.Logins = append(demo.Logins, app.Login{Email: p.email, Password: DemoPassword, Name: p.name, Lang: p.lang, Role: string(p.role)})
	}
	return nil
}

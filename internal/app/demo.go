package app

// Demo is shared by the modules' seeders while they fill an empty database:
// earlier modules record what they made, later ones refer to it by handle.
type Demo struct {
	Users  map[string]string // handle → user id, e.g. "volunteer"
	Orgs   map[string]string // handle → organisation id
	Logins []Login           // printed at start so people can try the demo

	// Listings are the board's demo offers and requests: handle → listing id.
	Listings map[string]string
}

// Login is a demo account to print.
type Login struct {
	Email, Password, Name, Lang, Role string
}

// NewDemo returns an empty demo record.
func NewDemo() *Demo {
	return &Demo{Users: map[string]string{}, Orgs: map[string]string{}, Listings: map[string]string{}}
}

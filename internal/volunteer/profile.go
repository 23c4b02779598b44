package volunteer

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The volunteer profile is optional and never public: the person, the
// organisations whose roster they are on, and coordinators see it.

// Profile is what a volunteer tells about themselves.
type Profile struct {
	UserID        string
	LatinName     string // the name in Latin letters, for documents that cannot print the person's script
	Postcode      string
	Place         string
	RadiusKm      int
	MaxHoursMonth int // 0: not said
	Availability  Availability
	Contact       string // "message" (through the platform's conversations) or "email"
	Skills        []string
	Languages     []LanguageLevel
	UpdatedAt     time.Time
}

// LanguageLevel is a language the person speaks and how well.
type LanguageLevel struct {
	Lang  string
	Level string // native, fluent, basic
}

// Levels are the language levels in the order forms offer them.
var Levels = []string{"native", "fluent", "basic"}

// DayParts are the parts of a day availability is said for.
var DayParts = []string{"morning", "afternoon", "evening"}

// Availability says for each weekday, Monday first, and each part of the
// day whether the person is usually free.
type Availability [7][3]bool

func (a Availability) String() string {
	var b strings.Builder
	for _, day := range a {
		for _, free := range day {
			if free {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
	}
	return b.String()
}

func parseAvailability(s string) Availability {
	var a Availability
	for i := 0; i < len(s) && i < 21; i++ {
		a[i/3][i%3] = s[i] == '1'
	}
	return a
}

// Limits of a profile.
const (
	maxLatinNameLen = 120
	maxProfilePlace = 80
	maxRadiusKm     = 200
	maxHoursMonth   = 744
	maxSkills       = 20
)

// normalize trims what the person typed.
func (p *Profile) normalize() {
	p.LatinName = text.OneLine(p.LatinName)
	p.Postcode = strings.TrimSpace(p.Postcode)
	p.Place = text.OneLine(p.Place)
	if p.Contact == "" {
		p.Contact = "message"
	}
	slices.Sort(p.Skills)
	p.Skills = slices.Compact(p.Skills)
	var langs []LanguageLevel
	seen := map[string]bool{}
	for _, l := range p.Languages {
		l.Lang = text.CanonicalLanguage(strings.TrimSpace(l.Lang))
		if l.Lang == "" || seen[l.Lang] {
			continue
		}
		seen[l.Lang] = true
		langs = append(langs, l)
	}
	p.Languages = langs
}

// Validate returns field errors with message ids.
func (p *Profile) Validate() error {
	f := apperr.Fields{}
	check.Text(f, "latin_name", p.LatinName, maxLatinNameLen, false)
	check.Postcode(f, "postcode", p.Postcode, false)
	check.Text(f, "place", p.Place, maxProfilePlace, false)
	if p.RadiusKm < 0 || p.RadiusKm > maxRadiusKm {
		f.Add("radius_km", "volunteer.profile.radius_range")
	}
	if p.MaxHoursMonth < 0 || p.MaxHoursMonth > maxHoursMonth {
		f.Add("max_hours_month", "volunteer.profile.hours_range")
	}
	if p.Contact != "message" && p.Contact != "email" {
		f.Add("contact", "form.invalid_choice")
	}
	if len(p.Skills) > maxSkills {
		f.Add("skills", "form.too_long")
	}
	for _, s := range p.Skills {
		if !taxonomy.Default().Valid(s) {
			f.Add("skills", "form.invalid_choice")
		}
	}
	if len(p.Languages) > maxLanguages {
		f.Add("languages", "form.too_long")
	}
	for _, l := range p.Languages {
		if !text.ValidLanguage(l.Lang) || !slices.Contains(Levels, l.Level) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	return f.Err()
}

// MyProfile is the person's profile; ok is false when they have none.
func (m *Module) MyProfile(ctx context.Context, actor *auth.Identity) (Profile, bool, error) {
	if actor == nil {
		return Profile{}, false, apperr.New(apperr.Unauthenticated, "")
	}
	p, err := loadProfile(ctx, m.s.DB, actor.UserID)
	if apperr.Is(err, apperr.NotFound) {
		return Profile{UserID: actor.UserID, Contact: "message"}, false, nil
	}
	return p, err == nil, err
}

// SaveProfile writes the person's profile whole.
func (m *Module) SaveProfile(ctx context.Context, actor *auth.Identity, p Profile) (Profile, error) {
	if actor == nil {
		return Profile{}, apperr.New(apperr.Unauthenticated, "")
	}
	p.normalize()
	if err := p.Validate(); err != nil {
		return Profile{}, err
	}
	p.UserID, p.UpdatedAt = actor.UserID, m.s.Clock.Now()
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_profiles
(user_id, latin_name, postcode, place, radius_km, max_hours_month, availability, contact, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (user_id) DO UPDATE SET latin_name = excluded.latin_name, postcode = excluded.postcode,
place = excluded.place, radius_km = excluded.radius_km, max_hours_month = excluded.max_hours_month,
availability = excluded.availability, contact = excluded.contact, updated_at = excluded.updated_at`,
			p.UserID, p.LatinName, p.Postcode, p.Place, p.RadiusKm, p.MaxHoursMonth, p.Availability.String(), p.Contact,
			p.UpdatedAt); err != nil {
			return db.Err(err)
		}
		if err := userdata.Exec(ctx, tx, p.UserID, `DELETE FROM volunteer_profile_skills WHERE user_id = $1`,
			`DELETE FROM volunteer_profile_languages WHERE user_id = $1`); err != nil {
			return err
		}
		for _, s := range p.Skills {
			if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_profile_skills (user_id, category) VALUES ($1, $2)`,
				p.UserID, s); err != nil {
				return db.Err(err)
			}
		}
		for _, l := range p.Languages {
			if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_profile_languages (user_id, lang, level) VALUES ($1, $2, $3)`,
				p.UserID, l.Lang, l.Level); err != nil {
				return db.Err(err)
			}
		}
		return nil
	})
	return p, err
}

// ProfileFor is a volunteer's profile as an organisation's planner sees
// it: only of a person on the organisation's roster; NotFound for anybody
// else and when there is none.
func (m *Module) ProfileFor(ctx context.Context, actor *auth.Identity, orgID, userID string) (RosterEntry, Profile, error) {
	if err := m.planRoster(ctx, actor, orgID); err != nil {
		return RosterEntry{}, Profile{}, err
	}
	r, err := rosterEntry(ctx, m.s.DB, orgID, userID)
	if err != nil {
		return RosterEntry{}, Profile{}, err
	}
	names, err := m.names(ctx, []string{userID})
	if err != nil {
		return RosterEntry{}, Profile{}, err
	}
	r.Name = names[userID]
	p, err := loadProfile(ctx, m.s.DB, userID)
	if apperr.Is(err, apperr.NotFound) {
		return r, Profile{UserID: userID}, nil
	}
	return r, p, err
}

func loadProfile(ctx context.Context, q db.Querier, userID string) (Profile, error) {
	var p Profile
	var avail string
	err := q.QueryRowContext(ctx, `SELECT user_id, latin_name, postcode, place, radius_km, max_hours_month, availability,
contact, updated_at FROM volunteer_profiles WHERE user_id = $1`, userID).Scan(&p.UserID, &p.LatinName, &p.Postcode,
		&p.Place, &p.RadiusKm, &p.MaxHoursMonth, &avail, &p.Contact, &p.UpdatedAt)
	if err != nil {
		return p, db.Err(err)
	}
	p.Availability, p.UpdatedAt = parseAvailability(avail), p.UpdatedAt.UTC()
	rows, err := q.QueryContext(ctx, `SELECT category FROM volunteer_profile_skills WHERE user_id = $1 ORDER BY category`, userID)
	if p.Skills, err = db.Collect(rows, err, db.Value[string]); err != nil {
		return p, err
	}
	rows, err = q.QueryContext(ctx, `SELECT lang, level FROM volunteer_profile_languages WHERE user_id = $1
ORDER BY CASE level WHEN 'native' THEN 0 WHEN 'fluent' THEN 1 ELSE 2 END, lang`, userID)
	p.Languages, err = db.Collect(rows, err, func(s db.Scanner) (LanguageLevel, error) {
		var l LanguageLevel
		return l, s.Scan(&l.Lang, &l.Level)
	})
	return p, err
}

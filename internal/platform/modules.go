package platform

import (
	"context"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/admin"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/coop"
	"teilhabe.org/teilhabe/internal/coordination"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/funding"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/home"
	"teilhabe.org/teilhabe/internal/hsds"
	"teilhabe.org/teilhabe/internal/legal"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/network"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
	"teilhabe.org/teilhabe/internal/search"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/volunteer"
)

// Modules builds the modules and lists them in the order they migrate and
// seed demo content: a module may build on the ones before it. This is the
// only place that names modules: a module that needs another is given it
// here; what a module adds to the navigation, to other modules' pages, to
// moderation, search and data export it says through app's interfaces,
// and app.New hands it over. A new module is its constructor and its line
// in the list.
func Modules(s *app.Services, cfg Config) ([]app.Module, *account.Module) {
	accounts := account.New(s)
	places := geo.New(s.DB)
	orgs := organization.New(s, accounts, places)
	mod := moderation.New(s, accounts)
	// Conversations, passed to the modules that open them (board, pledges).
	conversations := conversation.New(s, accounts, func(ctx context.Context, orgID, userID string) bool {
		_, err := orgs.RoleOf(ctx, orgID, userID)
		return err == nil
	})
	conversations.UseOrgLister(func(ctx context.Context, userID string) ([]string, error) {
		ms, err := orgs.Memberships(ctx, userID)
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = m.OrganizationID
		}
		return out, err
	})
	index := search.New(s, places)
	index.SetTrusted(func(ctx context.Context, userID string) bool {
		ms, _ := orgs.Memberships(ctx, userID)
		for _, m := range ms {
			if m.Verified {
				return true
			}
		}
		return false
	})
	listings := board.New(s, accounts, orgs, places, conversations, mod,
		board.Settings{HoldFirstListings: cfg.HoldFirstListings})
	dir := directory.New(s, orgs, accounts, places)
	partners := network.New(s, orgs, dir)
	dir.UsePartnerSearch(partners.LookingFor) // the volunteer CSV says what organisations look for partners for
	reports := blog.New(s, accounts, orgs)
	pledges := pledge.New(s, accounts, orgs, places, conversations, mod, reports)
	reports.Register(pledges.ReportKind()) // the blog publishes pledges' reports
	mods := []app.Module{
		accounts,
		places,
		taxonomy.NewModule(),
		index,
		orgs,
		dir,
		partners,
		event.New(s, orgs, places, accounts.Names).UseContacts(accounts).UseMunicipalities(dir.MunicipalityKey).
			UseLocations(eventLocations(dir)),
		coop.New(s, orgs, accounts.Names),
		volunteer.New(s, orgs, accounts.Names),
		hsds.New(s, orgs, dir),
		funding.New(s, orgs, accounts.Names),
		pledges,  // seeded before conversations: their demo talks stay newest
		reports,  // after pledges: its tables refer to theirs
		listings, // seeded before conversations too
		conversations,
		mod,
		coordination.New(s, accounts, orgs, places, listings, dir), // counts the board's requests per region, refers them to services
		legal.New(s),
		admin.New(s, accounts.Names, places),
		home.New(s),
	}
	return mods, accounts
}

// eventLocations offers the directory's locations of organisations as
// places of their events.
func eventLocations(dir *directory.Module) event.LocationsOf {
	return func(ctx context.Context, orgIDs ...string) ([]event.OrgLocation, error) {
		var out []event.OrgLocation
		for _, id := range orgIDs {
			locs, err := dir.LocationsOf(ctx, id)
			if err != nil {
				return nil, err
			}
			for _, l := range locs {
				out = append(out, event.OrgLocation{ID: l.ID, OrganizationID: l.OrganizationID, Name: l.Name,
					Street: l.Street, Postcode: l.Postcode, Place: l.City})
			}
		}
		return out, nil
	}
}

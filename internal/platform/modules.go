package platform

import (
	"context"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/admin"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/home"
	"teilhabe.org/teilhabe/internal/legal"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
	"teilhabe.org/teilhabe/internal/search"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// Modules lists the modules in the order they migrate and seed demo content:
// a module may build on the ones before it. A new module is one line here.
func Modules(s *app.Services) ([]app.Module, *account.Module) {
	accounts := account.New(s)
	orgs := organization.New(s, accounts)
	mod := moderation.New(s, accounts) // other modules Register their Targets with it
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
	mod.Register(conversations.ModerationTarget())
	// The search index; modules hand it their public documents.
	index := search.New(s)
	orgs.SetIndex(index)
	index.AddSource(orgs)
	index.SetTrusted(func(ctx context.Context, userID string) bool {
		ms, _ := orgs.Memberships(ctx, userID)
		for _, m := range ms {
			if m.Verified {
				return true
			}
		}
		return false
	})
	listings := board.New(s, accounts, orgs, conversations, mod)
	listings.SetIndex(index)
	index.AddSource(listings)
	pledges := pledge.New(s, accounts, orgs, conversations, mod)
	pledges.SetIndex(index)
	index.AddSource(pledges)
	services := directory.New(s, orgs, accounts) // adds its section to the organisation pages
	services.SetIndex(index)
	index.AddSource(services)
	mods := []app.Module{
		accounts,
		geo.NewModule(s.Geo),
		taxonomy.NewModule(),
		index,
		orgs,
		services,
		pledges,  // seeded before conversations: their demo talks stay newest
		listings, // seeded before conversations too
		conversations,
		mod,
		legal.New(s),
		admin.New(s, accounts.Names),
		home.New(s),
	}
	for _, p := range app.UserDataProviders(mods) {
		accounts.AddUserData(p)
	}
	return mods, accounts
}

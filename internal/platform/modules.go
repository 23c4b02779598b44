package platform

import (
	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/admin"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/home"
	"teilhabe.org/teilhabe/internal/legal"
	"teilhabe.org/teilhabe/internal/organization"
)

// Modules lists the modules in the order they migrate and seed demo content:
// a module may build on the ones before it. A new module is one line here.
func Modules(s *app.Services) ([]app.Module, *account.Module) {
	accounts := account.New(s)
	orgs := organization.New(s, accounts)
	mods := []app.Module{
		accounts,
		orgs,
		legal.New(s),
		admin.New(s, accounts.Names),
		home.New(s),
	}
	for _, p := range app.UserDataProviders(mods) {
		accounts.AddUserData(p)
	}
	return mods, accounts
}

package pledge_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/pledge"
)

// TestAnonymousSignerStaysAnonymous: who signs up anonymously is named to
// no co-signer: not on the pledge's page, not in the group conversation
// (its page, the list, the API, the mails; the pledger, who confirms the
// sign-ups, sees no name there either), not as the author of a report
// (its page, the blog's feed, the API). The signer sees their own name.
func TestAnonymousSignerStaysAnonymous(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		if err := e.P.Accounts.UpdateProfile(ctx, ana.ID, account.Profile{Name: "Ana Petrova", Lang: "de"}); err != nil {
			t.Fatal(err)
		}
		conv := apptest.Module[*conversation.Module](t, e.Env)
		if err := conv.SetMailText(ctx, ben.ID, true); err != nil {
			t.Fatal(err)
		}
		p := e.active(t, owner, staff, 3, func(tm *pledge.Terms) { tm.Needed = 2; tm.AutoConfirm = true })
		if _, err := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Gern.", Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.SignUp(ctx, ben.Identity(), p.ID, pledge.SignupInput{Note: "Ich auch."}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.Close(ctx, owner.Identity(), p.ID); err != nil {
			t.Fatal(err)
		}
		convID := e.get(t, p.ID).ConversationID
		if convID == "" {
			t.Fatal("no conversation after success")
		}
		if _, err := conv.Post(ctx, convID, ana.ID, "Hallo zusammen, ich bringe die Tablets."); err != nil {
			t.Fatal(err)
		}
		apptest.Lacks(t, "the pledge's page for a co-signer", ben.Web.Get("/pledges/"+p.ID).Body, "Petrova")
		for _, who := range []*apptest.Person{ben, owner} {
			for _, path := range []string{"/conversations/" + convID, "/conversations"} {
				res := who.Web.Get(path)
				apptest.WantStatus(t, who.Name+" "+path, res.Status, http.StatusOK, res.Body)
				apptest.Lacks(t, who.Name+" "+path, res.Body, "Petrova")
			}
			for _, path := range []string{"/api/v1/conversations", "/api/v1/conversations/" + convID + "/messages"} {
				_, body := who.API(t, http.MethodGet, path, nil)
				apptest.Lacks(t, who.Name+" "+path, jsonText(body), "Petrova")
			}
		}
		apptest.Contains(t, "ben's conversation", ben.Web.Get("/conversations/"+convID).Body, "Hallo zusammen")
		apptest.Contains(t, "ana's own conversation", ana.Web.Get("/conversations/"+convID).Body, "Ana Petrova")
		for _, m := range e.Outbox(t, ben.Email) {
			apptest.Lacks(t, "ben's mail "+m.Subject, m.Subject+m.Text, "Petrova")
		}

		// Her report names her to nobody.
		r, err := e.Blog.Write(ctx, ana.Identity(), "pledge", p.ID, blog.Input{Title: "Zehn Tablets", Body: "Es hat geklappt.", Lang: "de"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Blog.Confirm(ctx, owner.Identity(), r.ID); err != nil {
			t.Fatal(err)
		}
		visitor := e.Client(t)
		for _, path := range []string{"/blog/" + r.ID, "/blog", "/blog?format=atom"} {
			res := visitor.Get(path)
			apptest.WantStatus(t, path, res.Status, http.StatusOK, res.Body)
			apptest.Lacks(t, path, res.Body, "Petrova")
		}
		_, body := e.API(t, "", http.MethodGet, "/api/v1/reports/"+r.ID, nil)
		apptest.Lacks(t, "the report in the API", jsonText(body), "Petrova")
	})
}

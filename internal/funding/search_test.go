package funding_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

func TestSearchFindsRunningCampaignsOnly(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		draft, err := e.Funding.Create(ctx, e.Rolf.Identity(), e.draft())
		if err != nil {
			t.Fatal(err)
		}
		c := e.running(t, e.draft())
		client := e.Client(t)
		body := client.Get("/search?type=campaign&q=Lastenrad").Body
		apptest.Contains(t, "search", body, "/campaigns/"+c.ID)
		apptest.Lacks(t, "search", body, "/campaigns/"+draft.ID)
		if _, err := e.Funding.Cancel(ctx, e.Olga.Identity(), c.ID); err != nil {
			t.Fatal(err)
		}
		apptest.Lacks(t, "after cancelling", client.Get("/search?type=campaign&q=Lastenrad").Body, "/campaigns/"+c.ID)
	})
}

package board_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestQuantityUnits: a quantity reads in the unit of the listing's
// category, on the board and on the listing's page, in every language:
// ten volunteers are not "10 Stück".
func TestQuantityUnits(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		jonas := e.NewPerson(t, "Jonas", auth.Member)
		with := func(title, category string, n int) *board.Listing {
			d := draft(title)
			d.Kind, d.Category, d.Quantity = board.Request, category, &n
			return post(t, e, jonas, d)
		}
		helpers := with("Helfende für das Sommerfest", "volunteering.events", 10)
		chairs := with("Stühle für das Sommerfest", "goods.furniture", 12)
		tutoring := with("Nachhilfe in Mathe", "german_lessons.tutoring", 3)

		want := map[string][3]string{ // helpers, chairs, tutoring
			"de": {"10 Personen", "12 Stück", "3 Stunden"},
			"en": {"10 people", "12 items", "3 hours"},
			"ar": {"10 أشخاص", "12 قطعة", "3 ساعات"},
			"fa": {"10 نفر", "12 عدد", "3 ساعت"},
			"uk": {"10 осіб", "12 штук", "3 години"},
			"tr": {"10 kişi", "12 adet", "3 saat"},
		}
		for lang, w := range want {
			c := e.Client(t)
			c.Lang = lang
			boardPage := c.Get("/board").Body
			apptest.Contains(t, lang+" board", boardPage, w[0], w[1], w[2])
			for i, l := range []*board.Listing{helpers, chairs, tutoring} {
				apptest.Contains(t, lang+" listing "+l.Title, c.Get("/listings/"+l.ID).Body, w[i])
			}
		}
		apptest.Lacks(t, "German board", e.Client(t).Get("/board").Body, "10 Stück", "3 Stück")
	})
}

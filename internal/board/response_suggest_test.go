package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/geo"
)

// rPostcodes are the rows of the GeoNames postcode file (CC BY 4.0) these
// tests need: Kassel and places around it, and two far away.
const rPostcodes = `country_code,zipcode,place,state,state_code,province,province_code,community,community_code,latitude,longitude
DE,34117,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,"Kassel, documenta-Stadt",06611,51.3166,9.4912
DE,34119,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,"Kassel, documenta-Stadt",06611,51.3152,9.4647
DE,34127,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,"Kassel, documenta-Stadt",06611,51.3355,9.4913
DE,34225,Baunatal,Hessen,HE,Regierungsbezirk Kassel,066,Kassel,06633,51.2518,9.4075
DE,34233,Fuldatal,Hessen,HE,Regierungsbezirk Kassel,066,Kassel,06633,51.3484,9.5256
DE,37073,Göttingen,Niedersachsen,NI,,00,Landkreis Göttingen,03159,51.5364,9.939
DE,60311,Frankfurt am Main,Hessen,HE,Regierungsbezirk Darmstadt,064,"Frankfurt am Main, Stadt",06412,50.1112,8.6831
`

// TestSuggestionsOnThePlatform posts listings around Kassel with imported
// postcode data and checks the suggestions the owner gets: the order of
// docs/SUGGESTIONS.md, the distances, the reason on the page in the
// owner's language, and that nothing is suggested the owner may not see.
func TestSuggestionsOnThePlatform(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		if _, err := apptest.Module[*geo.Gazetteer](t, e.Env).Import(ctx, strings.NewReader(rPostcodes)); err != nil {
			t.Fatal(err)
		}
		owner := e.NewPersonLang(t, "owner", auth.Member, "de")
		others := e.NewPersonLang(t, "others", auth.Member, "ar")
		at := func(kind board.Kind, cat, title, postcode string, langs []string, vis board.Visibility) *board.Listing {
			d := rDraft(kind, cat, title)
			d.Postcode, d.Place, d.Languages, d.Visibility = postcode, "", langs, vis
			return post(t, e.Env, others, d)
		}
		mine := post(t, e.Env, owner, rDraft(board.Request, "german_lessons.conversation", "Gesprächspartner gesucht"))
		far := at(board.Offer, "german_lessons.conversation", "Tandem in Göttingen", "37073", []string{"ar"}, board.Public)
		sibling := at(board.Offer, "german_lessons.tutoring", "Nachhilfe in Fuldatal", "34233", []string{"ar"}, board.Public)
		near := at(board.Offer, "german_lessons.conversation", "Sprachcafé am Bebelplatz", "34119", []string{"ar"}, board.Public)
		members := at(board.Offer, "german_lessons.conversation", "Tandem in Baunatal", "34225", []string{"ar"}, board.Members)
		verified := at(board.Offer, "german_lessons.conversation", "Geschützte Sprachgruppe", "34127", []string{"ar"}, board.Verified)
		other := at(board.Offer, "goods.furniture", "Sofa", "34119", []string{"ar"}, board.Public)
		same := at(board.Request, "german_lessons.conversation", "Ich suche auch", "34119", []string{"ar"}, board.Public)

		status, got := owner.API(t, http.MethodGet, "/api/v1/listings/"+mine.ID+"/suggestions", nil)
		list, _ := got["suggestions"].([]any)
		var ids []string
		for _, x := range list {
			ids = append(ids, x.(map[string]any)["listing_id"].(string))
		}
		want := []string{near.ID, members.ID, sibling.ID}
		if status != 200 || strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Fatalf("suggestions: %d %v\nwant near, members, sibling", status, got)
		}
		first := list[0].(map[string]any)
		if first["distance_km"] != float64(2) || first["category_match"] != "same" || rFlat(first["shared_languages"]) != "ar de " {
			t.Errorf("first suggestion: %v", first)
		}
		for _, l := range []*board.Listing{far, verified, other, same} {
			if strings.Contains(rFlat(got), l.ID) {
				t.Errorf("suggested %q", l.Title)
			}
		}

		// The page shows each with its reason, in the owner's language.
		res := owner.Web.Get("/listings/" + mine.ID)
		apptest.Contains(t, "owner's page", res.Body, `id="suggestions"`, "2 km · spricht Arabisch · gleiche Kategorie",
			"4 km · spricht Arabisch · verwandte Kategorie", `href="/listings/`+near.ID+`"`)
		apptest.Lacks(t, "owner's page", res.Body, verified.Title, far.Title)
	})
}

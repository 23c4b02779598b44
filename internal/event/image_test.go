package event_test

import (
	"bytes"
	"database/sql"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/event"
)

// pngPicture is a small picture of width × height pixels.
func pngPicture(t *testing.T, width, height int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for x := range width {
		for y := range height {
			img.Set(x, y, color.RGBA{uint8(x * 3), uint8(y * 5), 140, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const altText = "Menschen an Tischen beim Sprachcafé"

// uploadStatus is what /uploads/{id} answers for the picture at url.
func uploadStatus(t *testing.T, e *env, url string) int {
	t.Helper()
	return e.Client(t).Get(strings.TrimPrefix(url, e.URL)).Status
}

func TestEventImageThroughThePages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		form := e.eventForm()
		form.Set("image_alt", altText)
		res := e.Rolf.Web.PostFiles("/events/new", form, map[string][]byte{"image": pngPicture(t, 60, 40)})
		apptest.WantStatus(t, "create with a picture", res.Status, http.StatusSeeOther, res.Body)
		page := res.Location()
		ev, err := e.Events.Get(ctx, strings.TrimPrefix(page, "/events/"))
		if err != nil || ev.Image == nil {
			t.Fatalf("event %v, %v: no picture", ev, err)
		}
		first := ev.Image.URL()
		show := e.Client(t).Get(page).Body
		apptest.Contains(t, "event page", show, `src="`+first+`" alt="`+altText+`"`, `width="60" height="40"`)
		if v := jsonLD(t, show); v["image"] != e.URL+first {
			t.Errorf("JSON-LD image %v, want %s", v["image"], e.URL+first)
		}
		apptest.Contains(t, "list", e.Client(t).Get("/events").Body, `class="event-thumb" src="`+first+`"`)
		if s := uploadStatus(t, e, first); s != http.StatusOK {
			t.Errorf("the picture answers %d", s)
		}
		status, body := e.API(t, "", http.MethodGet, "/api/v1/events/"+ev.ID, nil)
		img, _ := body["image"].(map[string]any)
		if status != http.StatusOK || img["url"] != e.URL+first || img["alt"] != altText || img["width"] != 60.0 {
			t.Errorf("API: %d %v", status, body["image"])
		}

		// The edit page offers the picture there; a new one replaces it
		// and the old upload is gone.
		apptest.Contains(t, "edit page", e.Olga.Web.Get(page+"/edit").Body, `enctype="multipart/form-data"`,
			`name="image_remove"`, `value="`+altText+`"`)
		form.Set("image_alt", "Ein Plakat")
		res = e.Olga.Web.PostFiles(page+"/edit", form, map[string][]byte{"image": pngPicture(t, 30, 30)})
		apptest.WantStatus(t, "replace", res.Status, http.StatusSeeOther, res.Body)
		ev, _ = e.Events.Get(ctx, ev.ID)
		if ev.Image == nil || ev.Image.URL() == first || ev.Image.Alt != "Ein Plakat" {
			t.Fatalf("after replacing: %+v", ev.Image)
		}
		if s := uploadStatus(t, e, first); s != http.StatusNotFound {
			t.Errorf("the replaced picture answers %d", s)
		}

		// Saving without a file keeps it; the box takes it away.
		second := ev.Image.URL()
		res = e.Olga.Web.Post(page+"/edit", form)
		apptest.WantStatus(t, "save without a file", res.Status, http.StatusSeeOther, res.Body)
		if ev, _ = e.Events.Get(ctx, ev.ID); ev.Image == nil || ev.Image.URL() != second {
			t.Fatalf("a save without a file changed the picture: %+v", ev.Image)
		}
		form.Set("image_remove", "1")
		res = e.Olga.Web.PostFiles(page+"/edit", form, nil)
		apptest.WantStatus(t, "remove", res.Status, http.StatusSeeOther, res.Body)
		if ev, _ = e.Events.Get(ctx, ev.ID); ev.Image != nil {
			t.Errorf("still a picture: %+v", ev.Image)
		}
		if s := uploadStatus(t, e, second); s != http.StatusNotFound {
			t.Errorf("the removed picture answers %d", s)
		}
		apptest.Lacks(t, "event page without a picture", e.Client(t).Get(page).Body, "/uploads/")
	})
}

func TestEventImageRefusalsKeepTheForm(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		form := e.eventForm()
		form.Set("image_alt", altText)
		res := e.Rolf.Web.PostFiles("/events/new", form, map[string][]byte{"image": []byte("%PDF-1.4 kein Bild")})
		apptest.WantStatus(t, "not a picture", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "form again", res.Body, `id="f-image-error"`, `value="Infoabend Ausbildung"`,
			`value="Lindenhofstraße 14"`, `value="`+altText+`"`, ">Wege in die Ausbildung.</textarea>")

		big := make([]byte, event.MaxImageBytes+1024)
		copy(big, pngPicture(t, 10, 10))
		form.Set("title", "")
		res = e.Rolf.Web.PostFiles("/events/new", form, map[string][]byte{"image": big})
		apptest.WantStatus(t, "too large", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "too large, with the other mistakes", res.Body, `id="f-image-error"`, `id="f-title-error"`,
			`value="Lindenhofstraße 14"`)

		form = e.eventForm()
		res = e.Rolf.Web.PostFiles("/events/new", form, map[string][]byte{"image": pngPicture(t, 20, 20)})
		apptest.WantStatus(t, "no text for the picture", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "no text for the picture", res.Body, `id="f-image_alt-error"`, "Was das Bild zeigt")

		var n int
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&n)
		if n != 0 {
			t.Errorf("%d events made from refused forms", n)
		}
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM uploads").Scan(&n)
		if n != 0 {
			t.Errorf("%d uploads kept from refused forms", n)
		}
	})
}

// putImage sends a picture to the API as token.
func putImage(t *testing.T, e *env, token, eventID string, picture []byte) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, e.URL+"/api/v1/events/"+eventID+"/image?alt="+url.QueryEscape(altText),
		bytes.NewReader(picture))
	req.Header.Set("Content-Type", "image/png")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func TestEventImageOnlyByItsOrganisers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.create(t, e.Olga, e.draft())
		rolfToken := e.Rolf.Token(t)
		if err := e.Orgs.RemoveMember(ctx, e.Olga.ID, e.OrgID, e.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		picture := pngPicture(t, 20, 20)
		form := apptest.Form("organization_id", e.OrgID, "title", "Gekapert", "description", "Gekapert.",
			"kind", "info_event", "start_date", "10.03.2026", "start_time", "18:00", "end_time", "20:00",
			"place_kind", "address", "postcode", "34117", "content_lang", "de", "image_alt", "Gekapert")
		for _, who := range []struct {
			name   string
			client *apptest.Client
			token  string
			web    int
			api    int
		}{
			{"another user", e.Mia.Web, e.Mia.Token(t), http.StatusForbidden, http.StatusForbidden},
			{"a removed member", e.Rolf.Web, rolfToken, http.StatusForbidden, http.StatusForbidden},
			{"a visitor", e.Client(t), "", http.StatusUnauthorized, http.StatusUnauthorized},
		} {
			res := who.client.PostFiles("/events/"+ev.ID+"/edit", form, map[string][]byte{"image": picture})
			if res.Status != who.web {
				t.Errorf("%s, page: %d, want %d", who.name, res.Status, who.web)
			}
			if s := putImage(t, e, who.token, ev.ID, picture); s != who.api {
				t.Errorf("%s, PUT: %d, want %d", who.name, s, who.api)
			}
		}
		if got, _ := e.Events.Get(ctx, ev.ID); got.Image != nil || got.Title != ev.Title {
			t.Fatalf("changed by someone else: %q %+v", got.Title, got.Image)
		}

		if s := putImage(t, e, e.Olga.Token(t), ev.ID, picture); s != http.StatusOK {
			t.Fatalf("PUT by the owner: %d", s)
		}
		for _, who := range []struct {
			name, token string
			want        int
		}{{"another user", e.Mia.Token(t), http.StatusForbidden}, {"a removed member", rolfToken, http.StatusForbidden},
			{"a visitor", "", http.StatusUnauthorized}} {
			if s, _ := e.API(t, who.token, http.MethodDelete, "/api/v1/events/"+ev.ID+"/image", nil); s != who.want {
				t.Errorf("%s, DELETE: %d, want %d", who.name, s, who.want)
			}
		}
		if got, _ := e.Events.Get(ctx, ev.ID); got.Image == nil {
			t.Fatal("the picture was removed by someone else")
		}
		if _, err := e.Events.RemoveImage(ctx, e.Mia.Identity(), ev.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("RemoveImage by a stranger: %v", err)
		}
		if s, body := e.Olga.API(t, http.MethodDelete, "/api/v1/events/"+ev.ID+"/image", nil); s != http.StatusOK || body["image"] != nil {
			t.Errorf("DELETE by the owner: %d %v", s, body["image"])
		}
		if s := putImage(t, e, e.Olga.Token(t), ev.ID, []byte("GIF89a kaputt")); s != http.StatusUnprocessableEntity {
			t.Errorf("PUT of a broken picture: %d", s)
		}
	})
}

func TestErasureTakesThePicturesOffTheEvents(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Image, d.ImageAlt = bytes.NewReader(pngPicture(t, 20, 20)), altText
		byRolf := e.create(t, e.Rolf, d)
		d.Image = bytes.NewReader(pngPicture(t, 20, 20))
		byOlga := e.create(t, e.Olga, d)
		err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error { return e.Events.UserData().Erase(ctx, tx, e.Rolf.ID) })
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := e.Events.Get(ctx, byRolf.ID); got.Image != nil {
			t.Errorf("the erased person's picture stays: %+v", got.Image)
		}
		if s := uploadStatus(t, e, byRolf.Image.URL()); s != http.StatusNotFound {
			t.Errorf("the erased person's upload answers %d", s)
		}
		if got, _ := e.Events.Get(ctx, byOlga.ID); got.Image == nil || uploadStatus(t, e, got.Image.URL()) != http.StatusOK {
			t.Errorf("another person's picture went too: %+v", got.Image)
		}
	})
}

package account

import (
	"io/fs"
	"reflect"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/i18n"
)

func TestReadableExportKeepsOrderTranslatesAndFormats(t *testing.T) {
	cat := i18n.NewCatalog()
	locales, err := fs.Sub(files, "locales")
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Load("account", locales); err != nil {
		t.Fatal(err)
	}
	type item struct {
		ID        string    `json:"id"`
		CreatedAt time.Time `json:"created_at"`
		Anonymous bool      `json:"anonymous"`
		Note      string    `json:"note_for_organiser,omitempty"`
	}
	part := struct {
		Title string `json:"title"`
		Items []item `json:"items"`
		Empty []item `json:"empty"`
	}{Title: "Sprachcafé", Items: []item{{ID: "a1", CreatedAt: time.Date(2026, 3, 29, 10, 0, 0, 0, time.UTC), Anonymous: true}}}
	got, err := readable(cat.Localizer("de"), cat.Has, part)
	if err != nil {
		t.Fatal(err)
	}
	want := []dataNode{
		{Label: "Titel", Text: "Sprachcafé"},
		{Label: "items", Children: []dataNode{{Children: []dataNode{
			{Label: "Kennung", Text: "a1"},
			{Label: "Angelegt am", Text: "29.03.2026 12:00"},
			{Label: "anonymous", Text: "ja"},
		}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readable:\n got %+v\nwant %+v", got, want)
	}
}

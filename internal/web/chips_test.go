package web

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestFilterChipsRemoveOneFilterAndThePageCursor(t *testing.T) {
	q, _ := url.ParseQuery("q=Fahrrad&category=bikes&near=Kassel&radius_km=10&cursor=abc&sort=")
	got := FilterChips("/board", q, []ChipField{
		{Name: "q", Label: "board.filter.q"},
		{Name: "category", Label: "board.field.category", Show: strings.ToUpper},
		{Name: "near", Label: "board.filter.near", Drop: []string{"radius_km"}},
		{Name: "sort", Label: "board.filter.sort"},
	})
	want := []Chip{
		{Label: "board.filter.q", Value: "Fahrrad", Remove: "/board?category=bikes&near=Kassel&radius_km=10&sort="},
		{Label: "board.field.category", Value: "BIKES", Remove: "/board?near=Kassel&q=Fahrrad&radius_km=10&sort="},
		{Label: "board.filter.near", Value: "Kassel", Remove: "/board?category=bikes&q=Fahrrad&sort="},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FilterChips:\n got %+v\nwant %+v", got, want)
	}
	if chips := FilterChips("/board", url.Values{"cursor": {"x"}}, []ChipField{{Name: "q"}}); chips != nil {
		t.Errorf("no filter set: got %+v, want no chips", chips)
	}
}

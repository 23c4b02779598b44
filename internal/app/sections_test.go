package app

import (
	"context"
	"errors"
	"html/template"
	"reflect"
	"testing"
)

func TestSectionListDrawsInItsOrderAndSkipsEmpty(t *testing.T) {
	var l SectionList
	draw := func(html string) SectionFunc {
		return func(_ context.Context, id, lang string) (template.HTML, error) {
			if html == "" {
				return "", nil
			}
			return template.HTML(html + ":" + id + ":" + lang), nil
		}
	}
	l.Add(Section{Page: "home", Draw: draw("c"), Order: 30})
	l.Add(Section{Page: "home", Draw: draw("a")})
	l.Add(Section{Page: "other", Draw: draw("x")})
	l.Add(Section{Page: "home", Draw: draw(""), Order: 10})
	l.Add(Section{Page: "home", Draw: draw("b"), Order: 10})
	got, err := l.Draw(context.Background(), "home", "Kassel", "de")
	if want := []template.HTML{"a:Kassel:de", "b:Kassel:de", "c:Kassel:de"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Draw = %v, %v; want %v", got, err, want)
	}
	broken := errors.New("broken")
	l.Add(Section{Page: "home", Draw: func(context.Context, string, string) (template.HTML, error) { return "", broken }})
	if _, err := l.Draw(context.Background(), "home", "", "de"); !errors.Is(err, broken) {
		t.Errorf("a failing section: err = %v, want it passed on", err)
	}
}

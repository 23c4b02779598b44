package web

import (
	"html/template"
	"strconv"
	"strings"
)

// TNames translates a message whose string arguments are names people
// chose (an organisation, a place, a person) and isolates each in <bdi>:
// "Kassel e. V." inside an Arabic sentence would otherwise show as
// ".Kassel e. V", and an Arabic name breaks up a German one. The message
// and the names are escaped; only the <bdi> elements are markup. Other
// arguments (counts, dates already formatted by the template) pass as
// they are; so does markup already made safe (template.HTML), such as a
// list of names each isolated.
func (v *View) TNames(id string, args ...any) template.HTML {
	var names []template.HTML
	marked := make([]any, len(args))
	copy(marked, args)
	for i := 1; i < len(marked); i += 2 {
		switch a := marked[i].(type) {
		case string:
			marked[i] = nameMark(len(names))
			names = append(names, Isolate(a))
		case template.HTML:
			marked[i] = nameMark(len(names))
			names = append(names, a)
		}
	}
	out := template.HTMLEscapeString(v.L.T(id, marked...))
	for i, name := range names {
		out = strings.ReplaceAll(out, nameMark(i), string(name))
	}
	return template.HTML(out)
}

// nameMark stands in for the i-th name while the message is translated
// and escaped: characters of the private use area, which no message holds
// and escaping leaves alone.
func nameMark(i int) string { return "\uE000" + strconv.Itoa(i) + "\uE001" }

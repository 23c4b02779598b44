package web

import (
	"strconv"
	"strings"
	"time"
)

// Field is one form control as the "field" template draws it: label,
// control, hint and error, tied together for screen readers.
type Field struct {
	Name, Label, Type, Value, Error, Hint, Autocomplete string
	Required, Multiline                                 bool
	Options                                             []Option
}

// Option is one choice of a select field.
type Option struct {
	Value, Label string
	Selected     bool
}

// field builds a Field for templates:
//
//	{{template "field" (field $ "email" "account.email" "email" "required autocomplete=email")}}
//
// opts is a space-separated list: required, hint=<message id>,
// autocomplete=<token>. Type "textarea" draws a multi-line box.
func field(v *View, name, labelID, typ string, opts ...string) Field {
	f := Field{Name: name, Label: v.T(labelID), Type: typ}
	if v.Form != nil {
		if typ != "password" {
			f.Value = v.Form.Values.Get(name)
		}
		if id := v.Form.Errors[name]; id != "" {
			f.Error = v.T(id)
		}
	}
	for _, o := range strings.Fields(strings.Join(opts, " ")) {
		key, val, _ := strings.Cut(o, "=")
		switch key {
		case "required":
			f.Required = true
		case "hint":
			f.Hint = v.T(val)
		case "autocomplete":
			f.Autocomplete = val
		}
	}
	f.Multiline = typ == "textarea"
	if !holdsValue(typ, f.Value) {
		// A date, time or number control cannot hold text that is none
		// (HTML forbids the value, browsers show the box empty): a text box
		// keeps what was typed in view, beside its error.
		f.Type = "text"
	}
	return f
}

// valueLayouts are the value formats of HTML's date and time controls.
var valueLayouts = map[string][]string{
	"date":           {"2006-01-02"},
	"time":           {"15:04", "15:04:05"},
	"datetime-local": {"2006-01-02T15:04", "2006-01-02T15:04:05"},
	"month":          {"2006-01"},
}

// holdsValue reports whether a control of type typ can hold value.
func holdsValue(typ, value string) bool {
	if typ == "number" && value != "" {
		_, err := strconv.ParseFloat(value, 64)
		return err == nil
	}
	layouts, ok := valueLayouts[typ]
	if !ok || value == "" {
		return true
	}
	for _, layout := range layouts {
		if _, err := time.Parse(layout, value); err == nil {
			return true
		}
	}
	return false
}

// selectField builds a select Field from value/message-id pairs.
func selectField(v *View, name, labelID string, pairs ...string) Field {
	f := field(v, name, labelID, "select")
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Options = append(f.Options, Option{Value: pairs[i], Label: v.T(pairs[i+1]), Selected: pairs[i] == f.Value})
	}
	return f
}

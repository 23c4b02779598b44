package notify

import (
	"encoding/json"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// A stored parameter keeps its type, so the inbox shows a date in the
// reader's language and translates a Translated, as the mail did.
type storedValue struct {
	Text *string     `json:"text,omitempty"`
	Int  *int64      `json:"int,omitempty"`
	Time *time.Time  `json:"time,omitempty"`
	Msg  *Translated `json:"msg,omitempty"`
}

// encodeParams turns name/value pairs into the JSON kept with a record.
func encodeParams(pairs []any) (string, error) {
	stored := map[string]storedValue{}
	err := eachPair(pairs, func(name string, v any) error {
		var s storedValue
		switch v := v.(type) {
		case string:
			s.Text = &v
		case int:
			n := int64(v)
			s.Int = &n
		case int64:
			s.Int = &v
		case time.Time:
			t := v.UTC()
			s.Time = &t
		case Translated:
			s.Msg = &v
		}
		stored[name] = s
		return nil
	})
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(stored)
	return string(b), err
}

// decodeParams turns stored JSON back into name/value pairs, sorted by
// name.
func decodeParams(s string) ([]any, error) {
	stored := map[string]storedValue{}
	if err := json.Unmarshal([]byte(s), &stored); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(stored))
	for name := range stored {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]any, 0, 2*len(names))
	for _, name := range names {
		v := stored[name]
		var value any = ""
		switch {
		case v.Text != nil:
			value = *v.Text
		case v.Int != nil:
			value = int(*v.Int)
		case v.Time != nil:
			value = v.Time.UTC()
		case v.Msg != nil:
			value = *v.Msg
		}
		out = append(out, name, value)
	}
	return out, nil
}

// localArgs renders the values that depend on the reader's language: dates
// and Translated ids. It refuses pairs that are not name and value of a
// known type.
func localArgs(l *i18n.Localizer, pairs []any) ([]any, error) {
	out := make([]any, 0, len(pairs))
	err := eachPair(pairs, func(name string, v any) error {
		switch v := v.(type) {
		case time.Time:
			out = append(out, name, (&web.View{L: l}).DateTime(v))
		case Translated:
			out = append(out, name, l.T(string(v)))
		default:
			out = append(out, name, v)
		}
		return nil
	})
	return out, err
}

func eachPair(pairs []any, fn func(name string, v any) error) error {
	if len(pairs)%2 != 0 {
		return invalid("parameters %v are not name/value pairs", pairs)
	}
	for i := 0; i < len(pairs); i += 2 {
		name, ok := pairs[i].(string)
		if !ok || name == "" {
			return invalid("parameter name %v is not a word", pairs[i])
		}
		switch pairs[i+1].(type) {
		case string, int, int64, time.Time, Translated:
		default:
			return invalid("parameter %s has a value of type %T", name, pairs[i+1])
		}
		if err := fn(name, pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

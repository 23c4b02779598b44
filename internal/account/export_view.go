package account

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// dataNode is one value of the data export as the "my data" page shows it:
// a labelled text, or a group of values: named fields, or the items of a
// list, which have no label.
type dataNode struct {
	Label    string
	Text     string
	Children []dataNode
}

// readable turns a part of the export into nodes in the reader's language,
// in the order the export writes its fields: names the catalogue knows
// ("account.export.key.<name>") are translated, others are spelt out
// ("created_at" as "created at"); times are dates of the reader's kind.
func readable(l *i18n.Localizer, has func(id string) bool, v any) ([]dataNode, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	n, err := decodeNode(dec, l, has, "")
	if err != nil {
		return nil, err
	}
	if n.Children == nil && n.Text != "" {
		return []dataNode{n}, nil
	}
	return n.Children, nil
}

// decodeNode reads the next value of dec as a node labelled label.
func decodeNode(dec *json.Decoder, l *i18n.Localizer, has func(string) bool, label string) (dataNode, error) {
	n := dataNode{Label: label}
	tok, err := dec.Token()
	if err != nil {
		return n, err
	}
	switch t := tok.(type) {
	case json.Delim:
		list := t == '['
		n.Children = []dataNode{}
		for dec.More() {
			childLabel := ""
			if !list {
				key, err := dec.Token()
				if err != nil {
					return n, err
				}
				childLabel = keyLabel(l, has, key.(string))
			}
			child, err := decodeNode(dec, l, has, childLabel)
			if err != nil {
				return n, err
			}
			if child.Text != "" || len(child.Children) > 0 {
				n.Children = append(n.Children, child)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing ] or }
			return n, err
		}
	case bool:
		n.Text = l.T("account.export.no")
		if t {
			n.Text = l.T("account.export.yes")
		}
	case json.Number:
		n.Text = t.String()
	case string:
		n.Text = t
		if at, err := time.Parse(time.RFC3339Nano, t); err == nil {
			n.Text = web.FormatDateTime(l, at)
		}
	}
	return n, nil
}

// keyLabel names a field of the export in the reader's language.
func keyLabel(l *i18n.Localizer, has func(string) bool, key string) string {
	if id := "account.export.key." + key; has(id) {
		return l.T(id)
	}
	return strings.ReplaceAll(key, "_", " ")
}

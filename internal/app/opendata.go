package app

import (
	"context"
	"fmt"
	"reflect"
	"time"
)

// OpenDataSet is a set of public records a module publishes as open data
// for others to mirror (the events of organisations). The open-data host
// (the search module) serves each set at /api/v1/opendata/<Name> as JSON
// or CSV, licence CC BY 4.0, a page at a time in the order the records
// changed, so a mirror reads everything once and then asks with since=
// for what changed. A set holds only what the module shows everybody,
// never data of people.
type OpenDataSet struct {
	Name        string       // the path segment: lower-case letters, digits and "_"
	Summary     string       // the operation's summary in the API document
	Description string       // what the records are
	Item        reflect.Type // the JSON object of one record, for the API document
	Columns     []string     // the CSV header
	// Page returns up to limit records that changed after since, or after
	// the record cursor names, oldest change first, and the cursor of the
	// next page ("" on the last). A cursor that does not read back is
	// paging.BadCursor.
	Page func(ctx context.Context, since time.Time, cursor string, limit int) (OpenDataPage, error)
}

// OpenDataPage is one page of a set: each record as the JSON value of its
// Item type and as a CSV row of the set's Columns, in the same order.
type OpenDataPage struct {
	Items []any
	Rows  [][]string
	Next  string
}

// OpenDataSource publishes open data sets.
type OpenDataSource interface{ OpenDataSets() []OpenDataSet }

// OpenDataHost serves the sets (the search module); AddOpenData refuses a
// name it serves already.
type OpenDataHost interface{ AddOpenData(s OpenDataSet) error }

// contributeOpenData hands every set to the hosts.
func contributeOpenData(mods []Module) error {
	var hosts []OpenDataHost
	for _, m := range mods {
		if h, ok := m.(OpenDataHost); ok {
			hosts = append(hosts, h)
		}
	}
	for _, m := range mods {
		src, ok := m.(OpenDataSource)
		if !ok {
			continue
		}
		if len(hosts) == 0 {
			return errNoReceiver(m, "open data")
		}
		for _, s := range src.OpenDataSets() {
			for _, h := range hosts {
				if err := h.AddOpenData(s); err != nil {
					return fmt.Errorf("%s: %w", m.Name(), err)
				}
			}
		}
	}
	return nil
}

package moderation

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
)

// FlagInput reports an item.
type FlagInput struct {
	Kind   string `json:"kind" minLength:"1" maxLength:"40" doc:"What is reported: listing, message, pledge, report or question."`
	ID     string `json:"id" format:"uuid" doc:"The item's id."`
	Reason string `json:"reason" enum:"spam,offensive,personal_data,dangerous,discrimination,wrong_category,other"`
	Text   string `json:"text,omitempty" maxLength:"2000" doc:"What is wrong; required for the reason other."`
}

// PublicFlag is a flag as its reporter sees it.
type PublicFlag struct {
	ID        string    `json:"id" format:"uuid"`
	Kind      string    `json:"kind"`
	ItemID    string    `json:"item_id" format:"uuid"`
	Reason    string    `json:"reason"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func publicFlag(f *Flag) PublicFlag {
	return PublicFlag{ID: f.ID, Kind: f.Kind, ItemID: f.ItemID, Reason: f.Reason, Text: f.Text, CreatedAt: f.CreatedAt,
		UpdatedAt: f.UpdatedAt}
}

// StaffFlag is an open flag as coordinators see it: with the reporter and
// the item as its module describes it.
type StaffFlag struct {
	PublicFlag
	ReporterID string    `json:"reporter_id,omitempty" format:"uuid" doc:"Absent when the reporter deleted their account."`
	Item       *FlagItem `json:"item,omitempty" doc:"Absent when the item no longer exists."`
}

// FlagItem is the flagged item.
type FlagItem struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	OwnerID string `json:"owner_id,omitempty" format:"uuid"`
}

// FlagOutput is a stored flag.
type FlagOutput struct {
	Body PublicFlag
}

// FlagListInput pages through the open flags.
type FlagListInput struct {
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"50"`
	Cursor string `query:"cursor" doc:"next_cursor of the previous page."`
}

// FlagListOutput is one page of open flags, oldest first.
type FlagListOutput struct {
	Body struct {
		Flags      []StaffFlag `json:"flags"`
		NextCursor string      `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
	}
}

// OpenFlags returns a page of open flags, oldest first (coordinators and
// administrators), and the cursor of the next page ("" on the last).
func (m *Module) OpenFlags(ctx context.Context, actor *auth.Identity, cursor string, limit int) ([]*Flag, string, error) {
	if !actor.Staff() {
		return nil, "", apperr.New(apperr.Forbidden, "")
	}
	var after *Cursor
	if cursor != "" {
		c, err := ParseCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		after = &c
	}
	limit = min(max(limit, 1), 100)
	flags, err := openFlags(ctx, m.s.DB, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(flags) > limit {
		flags = flags[:limit]
		last := flags[len(flags)-1]
		next = Cursor{At: last.CreatedAt, ID: last.ID}.String()
	}
	return flags, next, nil
}

// CreateFlagInput is a report of an item.
type CreateFlagInput struct{ Body FlagInput }

// RegisterAPI adds the flag operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Moderation"}
	huma.Register(a, huma.Operation{
		OperationID: "create-flag", Method: http.MethodPost, Path: api.Prefix + "/flags", Tags: tags,
		Summary: "Report an item",
		Description: "Reports a listing, message or other item to the coordination office. One open report per person " +
			"and item: reporting it again replaces reason and text. At most 20 reports an hour.",
		Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiCreateFlag)
	huma.Register(a, huma.Operation{
		OperationID: "list-flags", Method: http.MethodGet, Path: api.Prefix + "/flags", Tags: tags,
		Summary:     "List open reports",
		Description: "Coordinators and administrators only. Open reports, oldest first, with their reporters.",
		Security:    api.Secured,
	}, m.apiListFlags)
}

func (m *Module) apiCreateFlag(ctx context.Context, in *CreateFlagInput) (*FlagOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	f, err := m.flag(ctx, id.UserID, in.Body.Kind, in.Body.ID, in.Body.Reason, in.Body.Text)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &FlagOutput{Body: publicFlag(f)}, nil
}

func (m *Module) apiListFlags(ctx context.Context, in *FlagListInput) (*FlagListOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	flags, next, err := m.OpenFlags(ctx, id, in.Cursor, in.Limit)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &FlagListOutput{}
	out.Body.Flags = make([]StaffFlag, len(flags))
	items := map[string]*FlagItem{}
	for i, f := range flags {
		key := f.Kind + "/" + f.ItemID
		item, seen := items[key]
		if !seen {
			if t, err := m.target(f.Kind); err == nil {
				d, err := t.Describe(ctx, f.ItemID)
				switch {
				case err == nil:
					item = &FlagItem{Title: d.Title, URL: d.URL, OwnerID: d.OwnerID}
				case !apperr.Is(err, apperr.NotFound):
					return nil, api.Err(ctx, err)
				}
			}
			items[key] = item
		}
		out.Body.Flags[i] = StaffFlag{PublicFlag: publicFlag(f), ReporterID: f.ReporterID, Item: item}
	}
	out.Body.NextCursor = next
	return out, nil
}

package blog

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/uploads"
)

// ReportOut is a report.
type ReportOut struct {
	ID          string     `json:"id" format:"uuid"`
	PledgeID    string     `json:"pledge_id" format:"uuid"`
	Title       string     `json:"title"`
	Text        string     `json:"text" doc:"Markdown source."`
	HTML        string     `json:"html" doc:"The text rendered and sanitised."`
	ContentLang string     `json:"content_lang"`
	Status      Status     `json:"status" enum:"submitted,published"`
	Featured    bool       `json:"featured"`
	Author      string     `json:"author"`
	Photos      []string   `json:"photos" doc:"URLs of the photos."`
	URL         string     `json:"url"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

func (m *Module) reportOut(ctx context.Context, r *Report) ReportOut {
	o := ReportOut{ID: r.ID, PledgeID: r.OwnerID, Title: r.Title, Text: r.Body, HTML: string(r.HTML()), ContentLang: r.Lang,
		Status: r.Status, Featured: r.Featured, Author: m.author(ctx, r), Photos: []string{}, URL: m.s.BaseURL + "/blog/" + r.ID,
		PublishedAt: r.PublishedAt, CreatedAt: r.CreatedAt}
	for _, id := range r.Photos {
		o.Photos = append(o.Photos, m.s.BaseURL+uploads.URL(id))
	}
	return o
}

// ReportBody is the body that writes a report.
type ReportBody struct {
	PledgeID    string `json:"pledge_id" format:"uuid" doc:"The successful pledge the report is about."`
	Title       string `json:"title" minLength:"1" maxLength:"120"`
	Text        string `json:"text" minLength:"1" maxLength:"10000" doc:"Markdown: paragraphs, emphasis, lists, quotes, links."`
	ContentLang string `json:"content_lang,omitempty" enum:"de,en,ar,fa,uk,tr"`
}

// ReportListInput pages the blog.
type ReportListInput struct {
	Featured bool   `query:"featured" doc:"Only reports the coordinators featured."`
	Limit    int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
	Cursor   string `query:"cursor"`
}

// ReportListOutput is one page of the blog.
type ReportListOutput struct {
	Body struct {
		Reports    []ReportOut `json:"reports"`
		NextCursor string      `json:"next_cursor,omitempty"`
	}
}

// ReportWriteInput is a new report.
type ReportWriteInput struct{ Body ReportBody }

// ReportWrittenOutput is a new report and where it lives.
type ReportWrittenOutput struct {
	Location string `header:"Location"`
	Body     ReportOut
}

// ReportPath names a report.
type ReportPath struct {
	ID string `path:"id" format:"uuid"`
}

// ReportOutput is one report.
type ReportOutput struct{ Body ReportOut }

// RegisterAPI adds the report operations. Reports are written about
// pledges only so far: the body names the pledge.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Reports"}
	prefix := api.Prefix + "/reports"
	huma.Register(a, huma.Operation{
		OperationID: "list-reports", Method: http.MethodGet, Path: prefix, Tags: tags, Summary: "List published reports",
		Description: "The blog: newest first.",
	}, m.apiList)
	huma.Register(a, huma.Operation{
		OperationID: "create-report", Method: http.MethodPost, Path: prefix, Tags: tags, Summary: "Write the report of a pledge",
		Description: "A redeemer or the pledger of a successful pledge. A redeemer's report is published once the pledger confirms it.",
		Security:    api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiWrite)
	huma.Register(a, huma.Operation{
		OperationID: "get-report", Method: http.MethodGet, Path: prefix + "/{id}", Tags: tags, Summary: "Get a report",
	}, m.apiGet)
	huma.Register(a, huma.Operation{
		OperationID: "confirm-report", Method: http.MethodPost, Path: prefix + "/{id}/confirm", Tags: tags,
		Summary: "Confirm a report", Description: "The pledger only: the report is published on the blog.", Security: api.Secured,
	}, m.apiConfirm)
}

func (m *Module) apiList(ctx context.Context, in *ReportListInput) (*ReportListOutput, error) {
	page, err := m.List(ctx, in.Featured, in.Limit, in.Cursor)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ReportListOutput{}
	out.Body.Reports = make([]ReportOut, 0, len(page.Items))
	for _, r := range page.Items {
		out.Body.Reports = append(out.Body.Reports, m.reportOut(ctx, r))
	}
	out.Body.NextCursor = page.Next
	return out, nil
}

// pledgeKind is the kind of owner the API writes reports about.
const pledgeKind = "pledge"

func (m *Module) apiWrite(ctx context.Context, in *ReportWriteInput) (*ReportWrittenOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	lang := in.Body.ContentLang
	if lang == "" {
		lang = id.Lang
	}
	r, err := m.Write(ctx, id, pledgeKind, in.Body.PledgeID, Input{Title: in.Body.Title, Body: in.Body.Text, Lang: lang}, nil)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReportWrittenOutput{Location: api.Prefix + "/reports/" + r.ID, Body: m.reportOut(ctx, r)}, nil
}

func (m *Module) apiGet(ctx context.Context, in *ReportPath) (*ReportOutput, error) {
	r, err := m.Get(ctx, auth.From(ctx), in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReportOutput{Body: m.reportOut(ctx, r)}, nil
}

func (m *Module) apiConfirm(ctx context.Context, in *ReportPath) (*ReportOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.Confirm(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReportOutput{Body: m.reportOut(ctx, r)}, nil
}

package pledge

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/uploads"
)

// PledgeOut is a pledge as the API shows it. The decline reason is shown
// to its pledger and the coordinators only.
type PledgeOut struct {
	ID             string     `json:"id" format:"uuid"`
	Status         Status     `json:"status" enum:"draft,submitted,active,declined,successful,failed"`
	Sentence       string     `json:"sentence" doc:"The pledge as one sentence in its language."`
	Promise        string     `json:"promise"`
	Needed         int        `json:"needed" doc:"Confirmed sign-ups needed."`
	Confirmed      int        `json:"confirmed" doc:"Confirmed sign-ups so far."`
	Who            string     `json:"who"`
	Condition      string     `json:"condition"`
	Deadline       time.Time  `json:"deadline"`
	Postcode       string     `json:"postcode"`
	Place          string     `json:"place"`
	Category       string     `json:"category"`
	Description    string     `json:"description"`
	ContentLang    string     `json:"content_lang"`
	OrganizationID string     `json:"organization_id,omitempty" format:"uuid"`
	Pledger        string     `json:"pledger" doc:"Name of the organisation or person pledging."`
	AutoConfirm    bool       `json:"auto_confirm"`
	ImageURL       string     `json:"image_url,omitempty"`
	CopiedFrom     string     `json:"copied_from,omitempty" format:"uuid"`
	DeclineReason  string     `json:"decline_reason,omitempty"`
	URL            string     `json:"url"`
	CreatedAt      time.Time  `json:"created_at"`
	ApprovedAt     *time.Time `json:"approved_at,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
}

func (m *Module) out(ctx context.Context, id *auth.Identity, p *Pledge) PledgeOut {
	c := m.card(ctx, p)
	o := PledgeOut{ID: p.ID, Status: p.Status, Sentence: c.Sentence, Promise: p.Promise, Needed: p.Needed,
		Confirmed: p.Confirmed, Who: p.Who, Condition: p.Condition, Deadline: p.Deadline, Postcode: p.Postcode,
		Place: p.Place, Category: p.Category, Description: p.Description, ContentLang: p.Lang, OrganizationID: p.OrgID,
		Pledger: c.Pledger, AutoConfirm: p.AutoConfirm, CopiedFrom: p.CopiedFrom, URL: m.s.BaseURL + "/pledges/" + p.ID,
		CreatedAt: p.CreatedAt, ClosedAt: p.ClosedAt}
	if p.ImageID != "" {
		o.ImageURL = m.s.BaseURL + uploads.URL(p.ImageID)
	}
	if p.Status.Public() {
		o.ApprovedAt = p.DecidedAt
	}
	if id != nil && (id.Staff() || m.isPledger(ctx, p, id.UserID)) {
		o.DeclineReason = p.DeclineReason
	}
	return o
}

// PledgeInput is the body that creates a pledge.
type PledgeInput struct {
	OrganizationID string    `json:"organization_id,omitempty" format:"uuid" doc:"Pledge for this organisation (you must be its owner or editor)."`
	Promise        string    `json:"promise" minLength:"1" maxLength:"200" doc:"What is promised, e.g. 20 tablets for a welcome class."`
	Needed         int       `json:"needed,omitempty" minimum:"0" maximum:"500" doc:"Confirmed sign-ups needed; 1 when left out."`
	Who            string    `json:"who" minLength:"1" maxLength:"60" doc:"Who is asked, e.g. volunteers or initiatives."`
	Condition      string    `json:"condition" minLength:"1" maxLength:"300" doc:"What they do, e.g. help the pupils learn with them for three months."`
	Deadline       time.Time `json:"deadline"`
	Postcode       string    `json:"postcode,omitempty" doc:"Five digits."`
	Place          string    `json:"place,omitempty" maxLength:"80"`
	Category       string    `json:"category" doc:"A category id of the platform's taxonomy."`
	Description    string    `json:"description,omitempty" maxLength:"5000"`
	ContentLang    string    `json:"content_lang,omitempty" enum:"de,en,ar,fa,uk,tr" doc:"Language of the texts; your interface language when left out."`
	AutoConfirm    bool      `json:"auto_confirm,omitempty" doc:"Count sign-ups without confirming each."`
}

// TransformSchema lists the taxonomy's categories in the document.
func (PledgeInput) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return taxonomy.EnumerateCategories(s, "category")
}

func (in *PledgeInput) terms(lang string) Terms {
	t := Terms{OrgID: in.OrganizationID, Promise: in.Promise, Needed: in.Needed, Who: in.Who, Condition: in.Condition,
		Deadline: in.Deadline, Postcode: in.Postcode, Place: in.Place, Category: in.Category, Description: in.Description,
		Lang: in.ContentLang, AutoConfirm: in.AutoConfirm}
	if t.Needed == 0 {
		t.Needed = 1
	}
	if t.Lang == "" {
		t.Lang = lang
	}
	return t
}

// PledgePatch changes some terms of a draft; fields left out keep their
// value.
type PledgePatch struct {
	OrganizationID *string    `json:"organization_id,omitempty" doc:"An empty string pledges for yourself."`
	Promise        *string    `json:"promise,omitempty" maxLength:"200"`
	Needed         *int       `json:"needed,omitempty" minimum:"1" maximum:"500"`
	Who            *string    `json:"who,omitempty" maxLength:"60"`
	Condition      *string    `json:"condition,omitempty" maxLength:"300"`
	Deadline       *time.Time `json:"deadline,omitempty"`
	Postcode       *string    `json:"postcode,omitempty"`
	Place          *string    `json:"place,omitempty" maxLength:"80"`
	Category       *string    `json:"category,omitempty"`
	Description    *string    `json:"description,omitempty" maxLength:"5000"`
	ContentLang    *string    `json:"content_lang,omitempty" enum:"de,en,ar,fa,uk,tr"`
	AutoConfirm    *bool      `json:"auto_confirm,omitempty"`
}

// TransformSchema lists the taxonomy's categories in the document.
func (PledgePatch) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return taxonomy.EnumerateCategories(s, "category")
}

func (in *PledgePatch) apply(t Terms) Terms {
	for _, f := range []struct{ from, to *string }{
		{in.OrganizationID, &t.OrgID}, {in.Promise, &t.Promise}, {in.Who, &t.Who}, {in.Condition, &t.Condition},
		{in.Postcode, &t.Postcode}, {in.Place, &t.Place}, {in.Category, &t.Category}, {in.Description, &t.Description},
		{in.ContentLang, &t.Lang},
	} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if in.Needed != nil {
		t.Needed = *in.Needed
	}
	if in.Deadline != nil {
		t.Deadline = *in.Deadline
	}
	if in.AutoConfirm != nil {
		t.AutoConfirm = *in.AutoConfirm
	}
	return t
}

// SignupOut is a sign-up, with its private note: shown to the pledger and
// to the person who signed up.
type SignupOut struct {
	ID             string       `json:"id" format:"uuid"`
	PledgeID       string       `json:"pledge_id" format:"uuid"`
	OrganizationID string       `json:"organization_id,omitempty" format:"uuid"`
	Name           string       `json:"name" doc:"The person's or organisation's name."`
	Note           string       `json:"note"`
	Anonymous      bool         `json:"anonymous"`
	Status         SignupStatus `json:"status" enum:"pending,confirmed,declined"`
	CreatedAt      time.Time    `json:"created_at"`
	ConfirmedAt    *time.Time   `json:"confirmed_at,omitempty"`
}

func signupOut(s *Signup, name string) SignupOut {
	return SignupOut{ID: s.ID, PledgeID: s.PledgeID, OrganizationID: s.OrgID, Name: name, Note: s.Note,
		Anonymous: s.Anonymous, Status: s.Status, CreatedAt: s.CreatedAt, ConfirmedAt: s.ConfirmedAt}
}

// SignupInput is the body of a sign-up.
type SignupBody struct {
	OrganizationID string `json:"organization_id,omitempty" format:"uuid" doc:"Sign up for this organisation (you must be its owner or editor)."`
	Note           string `json:"note" maxLength:"1000" doc:"How you will do it; only the pledger sees it."`
	Anonymous      bool   `json:"anonymous,omitempty" doc:"Show publicly without your name."`
}

// PledgeBody wraps one pledge.
type PledgeBody struct{ Body PledgeOut }

// PledgeCreated is a new pledge and where it lives.
type PledgeCreated struct {
	Location string `header:"Location"`
	Body     PledgeOut
}

// PledgePath names a pledge.
type PledgePath struct {
	ID string `path:"id" format:"uuid" doc:"The pledge's id."`
}

// RegisterAPI adds the pledge operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Pledges"}
	prefix := api.Prefix + "/pledges"
	huma.Register(a, huma.Operation{
		OperationID: "list-pledges", Method: http.MethodGet, Path: prefix, Tags: tags, Summary: "List public pledges",
		Description: "Approved pledges, newest first.",
	}, func(ctx context.Context, in *struct {
		Show     string `query:"show" enum:"open,successful,failed" doc:"Only open (running), successful or failed pledges."`
		Category string `query:"category" doc:"A category id; a top-level one includes its children."`
		Place    string `query:"place" maxLength:"80" doc:"A part of the place, or the start of the postcode."`
		Limit    int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
		Cursor   string `query:"cursor" doc:"next_cursor of the previous page."`
	}) (*struct {
		Body struct {
			Pledges    []PledgeOut `json:"pledges"`
			NextCursor string      `json:"next_cursor,omitempty"`
		}
	}, error) {
		page, err := m.List(ctx, Filter{Show: in.Show, Category: in.Category, Place: in.Place, Limit: in.Limit, Cursor: in.Cursor})
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &struct {
			Body struct {
				Pledges    []PledgeOut `json:"pledges"`
				NextCursor string      `json:"next_cursor,omitempty"`
			}
		}{}
		out.Body.Pledges = []PledgeOut{}
		for _, p := range page.Items {
			out.Body.Pledges = append(out.Body.Pledges, m.out(ctx, nil, p))
		}
		out.Body.NextCursor = page.Next
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "create-pledge", Method: http.MethodPost, Path: prefix, Tags: tags, Summary: "Make a pledge",
		Description: "Creates a draft; submit it for a coordinator's approval.", Security: api.Secured,
		DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *struct{ Body PledgeInput }) (*PledgeCreated, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		p, err := m.Create(ctx, id, in.Body.terms(id.Lang), nil)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &PledgeCreated{Location: prefix + "/" + p.ID, Body: m.out(ctx, id, p)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "get-pledge", Method: http.MethodGet, Path: prefix + "/{id}", Tags: tags, Summary: "Get a pledge",
		Description: "Public pledges for everybody; drafts and pledges waiting for approval for their pledger and coordinators.",
	}, func(ctx context.Context, in *PledgePath) (*PledgeBody, error) {
		id := auth.From(ctx)
		p, err := m.Get(ctx, id, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &PledgeBody{Body: m.out(ctx, id, p)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "update-pledge", Method: http.MethodPatch, Path: prefix + "/{id}", Tags: tags, Summary: "Change a draft",
		Description: "The pledger only, while the pledge is a draft. Fields left out keep their value.", Security: api.Secured,
	}, func(ctx context.Context, in *struct {
		PledgePath
		Body PledgePatch
	}) (*PledgeBody, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		p, err := m.Update(ctx, id, in.ID, in.Body.apply, nil)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &PledgeBody{Body: m.out(ctx, id, p)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "put-pledge-image", Method: http.MethodPut, Path: prefix + "/{id}/image", Tags: tags,
		Summary: "Set the picture of a draft", Description: "A JPEG, PNG or GIF image; it is re-encoded without its metadata and scaled down.",
		Security: api.Secured, MaxBodyBytes: MaxImageBytes + 1,
	}, func(ctx context.Context, in *struct {
		PledgePath
		RawBody []byte `contentType:"image/*"`
	}) (*PledgeBody, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		p, err := m.Update(ctx, id, in.ID, func(t Terms) Terms { return t }, bytes.NewReader(in.RawBody))
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &PledgeBody{Body: m.out(ctx, id, p)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "delete-pledge-image", Method: http.MethodDelete, Path: prefix + "/{id}/image", Tags: tags,
		Summary: "Remove the picture of a draft", Security: api.Secured, DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *PledgePath) (*struct{}, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		if err := m.RemoveImage(ctx, id, in.ID); err != nil {
			return nil, api.Err(ctx, err)
		}
		return nil, nil
	})
	type action struct {
		path, op, summary, doc string
		do                     func(ctx context.Context, id *auth.Identity, pledgeID string) (*Pledge, error)
	}
	for _, ac := range []action{
		{"/submit", "submit-pledge", "Submit a draft", "The pledger hands the draft to the coordinators.", m.Submit},
		{"/approve", "approve-pledge", "Approve a pledge", "Coordinators only; the pledger is told.", m.Approve},
		{"/close", "close-pledge", "Close a pledge as successful", "The pledger, once enough sign-ups are confirmed: pledger and signers are put in touch.", m.Close},
		{"/copy", "copy-pledge", "Copy a pledge", "Starts a new draft of yours from a pledge you may see, credited to the original.", m.Copy},
	} {
		status := http.StatusOK
		if ac.path == "/copy" {
			status = http.StatusCreated
		}
		huma.Register(a, huma.Operation{
			OperationID: ac.op, Method: http.MethodPost, Path: prefix + "/{id}" + ac.path, Tags: tags, Summary: ac.summary,
			Description: ac.doc, Security: api.Secured, DefaultStatus: status,
		}, func(ctx context.Context, in *PledgePath) (*PledgeBody, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			p, err := ac.do(ctx, id, in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &PledgeBody{Body: m.out(ctx, id, p)}, nil
		})
	}
	huma.Register(a, huma.Operation{
		OperationID: "decline-pledge", Method: http.MethodPost, Path: prefix + "/{id}/decline", Tags: tags,
		Summary: "Decline a pledge", Description: "Coordinators only; the pledger is told the reason.", Security: api.Secured,
	}, func(ctx context.Context, in *struct {
		PledgePath
		Body struct {
			Reason string `json:"reason" maxLength:"1000"`
		}
	}) (*PledgeBody, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		p, err := m.Decline(ctx, id, in.ID, in.Body.Reason)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &PledgeBody{Body: m.out(ctx, id, p)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "list-pledge-signups", Method: http.MethodGet, Path: prefix + "/{id}/signups", Tags: tags,
		Summary: "List the sign-ups of a pledge", Description: "The pledger only, with the private notes.", Security: api.Secured,
	}, func(ctx context.Context, in *PledgePath) (*struct {
		Body struct {
			Signups []SignupOut `json:"signups"`
		}
	}, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		signups, err := m.Signups(ctx, id, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		names, err := m.names(ctx, signups)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &struct {
			Body struct {
				Signups []SignupOut `json:"signups"`
			}
		}{}
		out.Body.Signups = []SignupOut{}
		for _, s := range signups {
			out.Body.Signups = append(out.Body.Signups, signupOut(s, names[s.ID]))
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "sign-up-to-pledge", Method: http.MethodPost, Path: prefix + "/{id}/signups", Tags: tags,
		Summary: "Sign up to fulfil a pledge", Description: "For yourself or an organisation you belong to; the pledger confirms.",
		Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *struct {
		PledgePath
		Body SignupBody
	}) (*struct{ Body SignupOut }, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		s, err := m.SignUp(ctx, id, in.ID, SignupInput{OrgID: in.Body.OrganizationID, Note: in.Body.Note, Anonymous: in.Body.Anonymous})
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		names, _ := m.names(ctx, []*Signup{s})
		return &struct{ Body SignupOut }{Body: signupOut(s, names[s.ID])}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "confirm-pledge-signup", Method: http.MethodPost, Path: prefix + "/{id}/signups/{sid}/confirm", Tags: tags,
		Summary: "Confirm a sign-up", Description: "The pledger only; the signer is told.", Security: api.Secured,
	}, func(ctx context.Context, in *struct {
		PledgePath
		SID string `path:"sid" format:"uuid" doc:"The sign-up's id."`
	}) (*struct{ Body SignupOut }, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		s, err := m.ConfirmSignup(ctx, id, in.ID, in.SID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		names, _ := m.names(ctx, []*Signup{s})
		return &struct{ Body SignupOut }{Body: signupOut(s, names[s.ID])}, nil
	})
}

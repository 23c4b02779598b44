package funding

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// BookingOut is a kept transaction as treasurers see it.
type BookingOut struct {
	ID            string    `json:"id" format:"uuid"`
	BookedOn      time.Time `json:"booked_on"`
	Amount        int64     `json:"amount" doc:"Euro cents; negative for money going out."`
	Counterparty  string    `json:"counterparty"`
	Remittance    string    `json:"remittance"`
	Reference     string    `json:"reference"`
	Status        string    `json:"status" enum:"pending,proposed,matched,expense,reversed"`
	ReservationID string    `json:"reservation_id,omitempty"`
	CampaignID    string    `json:"campaign_id,omitempty"`
	Category      string    `json:"category,omitempty"`
	Note          string    `json:"note,omitempty"`
}

func bookingOut(b *Booking) BookingOut {
	return BookingOut{ID: b.ID, BookedOn: b.BookedOn, Amount: b.Amount, Counterparty: b.Counterparty, Remittance: b.Remittance,
		Reference: b.Reference, Status: b.Status, ReservationID: b.ReservationID, CampaignID: b.CampaignID,
		Category: b.Category, Note: b.Note}
}

// OrgIDPath names an organisation.
type OrgIDPath struct {
	ID string `path:"id" doc:"The organisation's id (a UUID)."`
}

// UploadStatementInput is a statement file as the body.
type UploadStatementInput struct {
	OrgIDPath
	ColDate    string `query:"col_date" doc:"For a CSV: the header of the booking date's column, when the bank names it unusually."`
	ColAmount  string `query:"col_amount"`
	ColName    string `query:"col_name"`
	ColPurpose string `query:"col_purpose"`
	RawBody    []byte `contentType:"application/xml" doc:"camt.053 XML, a ZIP of such files, or a bank CSV."`
}

// ImportOutput says what an upload did.
type ImportOutput struct {
	Body struct {
		StatementID string `json:"statement_id" format:"uuid"`
		Entries     int    `json:"entries"`
		New         int    `json:"new"`
		Matched     int    `json:"matched"`
		Proposed    int    `json:"proposed"`
		Reversed    int    `json:"reversed"`
	}
}

// ListBookingsInput filters bookings.
type ListBookingsInput struct {
	OrgIDPath
	Status string `query:"status" enum:"pending,proposed,matched,expense,reversed"`
	Limit  int    `query:"limit" minimum:"1" maximum:"1000" default:"200"`
}

// BookingsOutput lists bookings, newest first.
type BookingsOutput struct {
	Body struct {
		Bookings []BookingOut `json:"bookings"`
	}
}

// ReviewBookingInput decides about a booking.
type ReviewBookingInput struct {
	OrgIDPath
	BookingID string `path:"bid" doc:"The booking's id."`
	Body      struct {
		Action   string `json:"action" enum:"expense,confirm,reject,discard" doc:"expense books a debit with a category; confirm and reject answer a proposed match; discard forgets a pending transaction."`
		Category string `json:"category,omitempty" enum:"equipment,material,rent,fees,travel,services,transfer,other"`
		Note     string `json:"note,omitempty" maxLength:"300"`
	}
}

// BookingOutput is one booking.
type BookingOutput struct{ Body BookingOut }

func (m *Module) bookingAPI(a huma.API) {
	tags := []string{"Bookings"}
	huma.Register(a, huma.Operation{OperationID: "upload-statement", Method: http.MethodPost,
		Path: api.Prefix + "/organizations/{id}/statements", Tags: tags, Summary: "Upload a bank statement",
		Security: api.Secured, MaxBodyBytes: maxUpload + 1,
		Description: "By the organisation's owners and treasurers. camt.053 (001.02, 001.08, or a ZIP) or a German bank CSV; " +
			"credits are matched by creditor reference, proposed by amount and name, and no transaction is imported twice."}, m.apiUpload)
	huma.Register(a, huma.Operation{OperationID: "list-bookings", Method: http.MethodGet,
		Path: api.Prefix + "/organizations/{id}/bookings", Tags: tags, Summary: "List bookings", Security: api.Secured,
		Description: "For the organisation's owners and treasurers."}, m.apiBookings)
	huma.Register(a, huma.Operation{OperationID: "review-booking", Method: http.MethodPatch,
		Path: api.Prefix + "/organizations/{id}/bookings/{bid}", Tags: tags, Summary: "Review a booking", Security: api.Secured,
		Description: "Book an expense's category, confirm or reject a proposed match, or discard."}, m.apiReview)
}

func (m *Module) apiUpload(ctx context.Context, in *UploadStatementInput) (*ImportOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	res, err := m.Import(ctx, id, in.ID, in.RawBody, Layout{Date: in.ColDate, Amount: in.ColAmount, Name: in.ColName,
		Purpose: in.ColPurpose})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ImportOutput{}
	out.Body.StatementID, out.Body.Entries, out.Body.New = res.StatementID, res.Entries, res.New
	out.Body.Matched, out.Body.Proposed, out.Body.Reversed = res.Matched, res.Proposed, res.Reversed
	return out, nil
}

func (m *Module) apiBookings(ctx context.Context, in *ListBookingsInput) (*BookingsOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	bs, err := m.Bookings(ctx, id, in.ID, in.Status, in.Limit)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &BookingsOutput{}
	out.Body.Bookings = make([]BookingOut, len(bs))
	for i, b := range bs {
		out.Body.Bookings[i] = bookingOut(b)
	}
	return out, nil
}

func (m *Module) apiReview(ctx context.Context, in *ReviewBookingInput) (*BookingOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b, err := m.ReviewBooking(ctx, id, in.ID, in.BookingID, Review{Action: in.Body.Action, Category: in.Body.Category,
		Note: in.Body.Note})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &BookingOutput{Body: bookingOut(b)}, nil
}

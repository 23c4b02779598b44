package board

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// listingAction runs a button of the listing page or /me/listings for the
// logged-in person and goes back where the button was (the form's
// "next"), with a flash.
func (m *Module) listingAction(w http.ResponseWriter, r *http.Request, flash string,
	do func(ctx context.Context, id *auth.Identity, listingID string) error) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = do(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	m.s.Render.Redirect(w, r, web.SafeNext(form.Get("next"), "/listings/"+r.PathValue("id")), flash)
}

func (m *Module) fulfilListing(w http.ResponseWriter, r *http.Request) {
	m.listingAction(w, r, "board.listing.fulfilled_now", func(ctx context.Context, id *auth.Identity, listingID string) error {
		_, err := m.Fulfil(ctx, id, listingID)
		return err
	})
}

func (m *Module) withdrawListing(w http.ResponseWriter, r *http.Request) {
	m.listingAction(w, r, "board.listing.withdrawn_now", func(ctx context.Context, id *auth.Identity, listingID string) error {
		_, err := m.Withdraw(ctx, id, listingID)
		return err
	})
}

func (m *Module) extendListing(w http.ResponseWriter, r *http.Request) {
	m.listingAction(w, r, "board.listing.extended_now", func(ctx context.Context, id *auth.Identity, listingID string) error {
		_, err := m.Extend(ctx, id, listingID, 0)
		return err
	})
}

// extendPage is what the link of a reminder mail opens.
type extendPage struct {
	Listing *Listing
	Days    int
}

// extendLinkPage shows the listing a reminder's link extends, with the
// button that does it; nothing changes on opening the link.
func (m *Module) extendLinkPage(w http.ResponseWriter, r *http.Request) {
	l, err := m.ExtendLink(r.Context(), r.PathValue("id"), r.PathValue("secret"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "board/listing_extend", extendPage{Listing: l, Days: ExtendDays}, nil)
}

// extendByLink extends the listing without logging in. The poster goes
// to the listing when logged in, else back to the page, now saying done.
func (m *Module) extendByLink(w http.ResponseWriter, r *http.Request) {
	l, err := m.ExtendByLink(r.Context(), r.PathValue("id"), r.PathValue("secret"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if id := auth.From(r.Context()); id != nil && m.canManage(r.Context(), l, id) {
		m.s.Render.Redirect(w, r, "/listings/"+l.ID, "board.listing.extended_now")
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "board/listing_extend", extendPage{Listing: l, Days: 0}, nil)
}

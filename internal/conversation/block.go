package conversation

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
)

// blockData is what the confirmation page shows.
type blockData struct {
	ConversationID string
	UserID, Name   string
}

// blockTarget finds the person to block among the others of a
// conversation the asking person sees; anybody else is NotFound.
func (m *Module) blockTarget(r *http.Request) (*auth.Identity, *blockData, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	t, err := m.Read(r.Context(), r.PathValue("id"), id.UserID, 0)
	if err != nil {
		return nil, nil, err
	}
	target := r.PathValue("user")
	for _, p := range t.Members {
		if p.UserID == target && p.UserID != id.UserID && (p.Name != "" || p.Anonymous) {
			return id, &blockData{ConversationID: t.Conversation.ID, UserID: p.UserID, Name: displayName(m.localizer(r), p)}, nil
		}
	}
	return nil, nil, apperr.New(apperr.NotFound, "")
}

// blockForm asks before blocking, so the button works without script.
func (m *Module) blockForm(w http.ResponseWriter, r *http.Request) {
	_, data, err := m.blockTarget(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "conversation/block", data, nil)
}

func (m *Module) block(w http.ResponseWriter, r *http.Request) {
	id, data, err := m.blockTarget(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if err := m.Block(r.Context(), id.UserID, data.UserID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/conversations/"+data.ConversationID, "conversation.block.done")
}

package coop

import (
	"context"
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/pdf"
)

// MinutesPDF is the German minutes as a PDF: the same text as the page,
// with the confirmations beneath.
func (m *Module) MinutesPDF(ctx context.Context, actor *auth.Identity, id string) ([]byte, error) {
	mi, err := m.MinutesOf(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	title, body, _ := strings.Cut(mi.Text, "\n")
	d, err := pdf.New(title, mi.Coop.Name)
	if err != nil {
		return nil, apperr.Wrap(apperr.Internal, err)
	}
	d.Heading(title)
	if mi.Draft {
		d.Small("Entwurf – noch nicht bestätigt")
		d.Space(3)
	}
	for _, block := range strings.Split(strings.TrimSpace(body), "\n\n") {
		d.Paragraph(block)
	}
	if mi.ChairConfirmedAt != nil {
		d.Small("Bestätigt von der Versammlungsleitung (" + mi.ChairName + ") am " + clock.Local(*mi.ChairConfirmedAt).Format("02.01.2006 15:04"))
	}
	if mi.BoardConfirmedAt != nil {
		d.Small("Bestätigt vom Vorstand (" + mi.BoardName + ") am " + clock.Local(*mi.BoardConfirmedAt).Format("02.01.2006 15:04"))
	}
	b, err := d.Bytes()
	if err != nil {
		return nil, apperr.Wrap(apperr.Internal, err)
	}
	return b, nil
}

func (m *Module) minutesPDF(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	b, err := m.MinutesPDF(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="niederschrift.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// PDFOutput is a PDF file.
type PDFOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (m *Module) apiMinutesPDF(ctx context.Context, in *AssemblyIDPath) (*PDFOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b, err := m.MinutesPDF(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &PDFOutput{ContentType: "application/pdf", ContentDisposition: `attachment; filename="niederschrift.pdf"`, Body: b}, nil
}

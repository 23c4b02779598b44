package flyer

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/web"
)

// Source is what the flyer of the thing id says, in the reader's language
// (ctx); an error for a thing visitors cannot open.
type Source func(ctx context.Context, id string) (Flyer, error)

// Handlers serve the flyer of the thing at base+id (the {id} of the
// route) as a printable page, drawn by the module's template tmpl (which
// holds {{template "flyer" .}}), and as a PDF.
func Handlers(render *web.Renderer, tmpl, base string, of Source) (page, pdf http.HandlerFunc) {
	page = func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		f, err := of(r.Context(), id)
		var p *Page
		if err == nil {
			l := web.Localizer(r.Context())
			pdfURL := ""
			if PDFPrints(l.Lang()) {
				pdfURL = base + id + "/flyer.pdf"
			}
			p, err = NewPage(f, l.T("flyer.code_label"), base+id, pdfURL)
		}
		if err != nil {
			render.Error(w, r, err)
			return
		}
		render.Page(w, r, http.StatusOK, tmpl, p, nil)
	}
	pdf = func(w http.ResponseWriter, r *http.Request) {
		f, err := of(r.Context(), r.PathValue("id"))
		var doc []byte
		if err == nil {
			doc, err = PDF(f, "teilhabe")
		}
		if err != nil {
			render.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="flyer.pdf"`)
		w.Write(doc)
	}
	return page, pdf
}

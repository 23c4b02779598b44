package uploads

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/web"
)

// ReadForm reads a form that may carry files, of at most limit bytes in
// all; a plain form is read as one. Files come back by field name, empty
// file inputs left out. A body over the limit is MsgTooLarge on
// fileField, with the fields read so far kept.
func ReadForm(w http.ResponseWriter, r *http.Request, limit int64, fileField string) (*web.Form, map[string][]*multipart.FileHeader, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	err := r.ParseMultipartForm(1 << 20)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		form := &web.Form{Values: r.PostForm, Errors: map[string]string{}}
		if form.Values == nil {
			form.Values = map[string][]string{}
		}
		return form, nil, apperr.Field(fileField, MsgTooLarge)
	case errors.Is(err, http.ErrNotMultipart):
		return web.NewForm(r), nil, nil
	case err != nil:
		return web.NewForm(r), nil, apperr.Wrap(apperr.Invalid, err)
	}
	form := web.NewForm(r)
	files := map[string][]*multipart.FileHeader{}
	if r.MultipartForm != nil {
		for name, fhs := range r.MultipartForm.File {
			for _, fh := range fhs {
				if fh.Size > 0 || fh.Filename != "" {
					files[name] = append(files[name], fh)
				}
			}
		}
	}
	return form, files, nil
}

// OpenAll opens uploaded files; the returned func closes them.
func OpenAll(fhs []*multipart.FileHeader) ([]io.Reader, func(), error) {
	var readers []io.Reader
	var closers []io.Closer
	closeAll := func() {
		for _, c := range closers {
			c.Close()
		}
	}
	for _, fh := range fhs {
		f, err := fh.Open()
		if err != nil {
			closeAll()
			return nil, func() {}, apperr.Wrap(apperr.Invalid, err)
		}
		readers, closers = append(readers, f), append(closers, f)
	}
	return readers, closeAll, nil
}

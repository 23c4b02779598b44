package apptest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
)

// PostFiles submits a form with files (field name → file contents) as a
// page of the same site does, encoded as multipart/form-data.
func (c *Client) PostFiles(path string, form url.Values, files map[string][]byte) *Response {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				c.t.Fatal(err)
			}
		}
	}
	for name, contents := range files {
		fw, err := w.CreateFormFile(name, name+".png")
		if err != nil {
			c.t.Fatal(err)
		}
		fw.Write(contents)
	}
	if err := w.Close(); err != nil {
		c.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, c.e.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", c.e.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

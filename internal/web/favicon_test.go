package web

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestFaviconIsAnIconFile: /favicon.ico answers an ICO file whose one
// entry is a PNG image of the size it says.
func TestFaviconIsAnIconFile(t *testing.T) {
	rec := httptest.NewRecorder()
	Favicon().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/favicon.ico", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/x-icon" {
		t.Fatalf("%d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	b := rec.Body.Bytes()
	if len(b) < 22 || binary.LittleEndian.Uint16(b[2:]) != 1 || binary.LittleEndian.Uint16(b[4:]) != 1 {
		t.Fatalf("no icon directory with one entry: % x", b[:min(len(b), 22)])
	}
	size, offset := binary.LittleEndian.Uint32(b[14:]), binary.LittleEndian.Uint32(b[18:])
	if int(offset)+int(size) != len(b) {
		t.Fatalf("entry at %d of %d bytes in a file of %d", offset, size, len(b))
	}
	img, err := png.Decode(bytes.NewReader(b[offset:]))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Dx(); got != int(b[6]) || got != faviconSize {
		t.Errorf("width %d, entry says %d", got, b[6])
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("the corner is not cut off")
	}
}

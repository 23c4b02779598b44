package platform_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
)

// BenchmarkPage measures a page through the whole middleware stack (session
// load, identity, language, rendering, gzip), without the network.
func BenchmarkPage(b *testing.B) {
	for _, path := range []string{"/", "/organizations"} {
		b.Run(path, func(b *testing.B) {
			e := apptest.New(b, "sqlite")
			if _, err := e.P.SeedDemoIfEmpty(b.Context()); err != nil {
				b.Fatal(err)
			}
			h := e.P.App.Handler
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest(http.MethodGet, path, nil)
					req.Header.Set("Accept-Encoding", "gzip")
					req.Header.Set("Accept-Language", "ar")
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d", path, w.Code)
					}
				}
			})
		})
	}
}

// BenchmarkPasswordHash is the cost of one argon2id hash, paid by every
// login and registration.
func BenchmarkPasswordHash(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		account.HashPassword("correct horse battery")
	}
}

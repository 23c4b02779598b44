package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// AddAssets registers a module's static files: each is served at
// /static/<module>/<file>, and pages link it with {{asset "<module>/<file>"}}.
// Call it while assembling, before serving.
func (r *Renderer) AddAssets(module string, fsys fs.FS) error {
	if _, err := staticFiles.Open("static/" + module); err == nil {
		return fmt.Errorf("static files of %s: the name is taken by the layout's", module)
	}
	r.assets[module] = fsys
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		r.assetURLs[module+"/"+name] = "/static/" + module + "/" + name + "?v=" + hex.EncodeToString(h[:6])
		return nil
	})
}

// asset is the template function that links a module's static file by a
// URL that changes with its content, so it can be cached for a year.
func (r *Renderer) asset(name string) (string, error) {
	u, ok := r.assetURLs[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// AddFuncs adds a module's functions to every template; a name the layout
// or another module already uses is refused.
func (r *Renderer) AddFuncs(module string, fm template.FuncMap) error {
	for name, fn := range fm {
		if _, taken := funcs[name]; taken || name == "asset" || r.funcs[name] != nil {
			return fmt.Errorf("template function %q of %s: the name is taken", name, module)
		}
		r.funcs[name] = fn
	}
	return nil
}

// Static serves the layout's files and the modules' (AddAssets) under
// /static/ for a year: their URLs carry a content hash.
func (r *Renderer) Static() http.Handler {
	sub, _ := fs.Sub(staticFiles, "static")
	layout := http.FileServerFS(sub)
	modules := map[string]http.Handler{}
	for name, fsys := range r.assets {
		modules[name] = http.StripPrefix(name+"/", http.FileServerFS(fsys))
	}
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if path.Ext(req.URL.Path) == "" {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		module, _, nested := strings.Cut(req.URL.Path, "/")
		if h, ok := modules[module]; ok && nested {
			h.ServeHTTP(w, req)
			return
		}
		layout.ServeHTTP(w, req)
	}))
}

package platform_test

import (
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const internalPath = "teilhabe.org/teilhabe/internal/"

// plumbing are the shared packages: they know nothing of the modules. A
// package under internal that modules.go does not name counts as plumbing
// too; these are the ones that must never turn into a module.
var plumbing = []string{"app", "web", "db", "i18n", "api", "auth", "session", "mail", "jobs", "ratelimit", "audit",
	"uploads", "metrics", "clientip", "userdata", "ids", "clock", "apperr", "check", "searchdoc", "secrets",
	"text", "paging", "feed", "csv", "notify"}

// assembly are the packages that put modules together: the platform, the
// tests' harness and the conformance runs against the whole platform.
var assembly = []string{"platform", "apptest", "browsertest", "conformance"}

// TestPlumbingImportsNoModule reads the import graph of the program (not
// of the tests) and fails when a shared package imports a module, directly
// or through another package. The modules are the packages modules.go
// imports, with their subpackages.
func TestPlumbingImportsNoModule(t *testing.T) {
	root := "../.."
	modules := moduleNames(t, root)
	for _, p := range plumbing {
		if slices.Contains(modules, p) {
			t.Errorf("modules.go names the plumbing package %s as a module", p)
		}
	}
	if len(modules) < 10 {
		t.Fatalf("modules.go names only %v", modules)
	}
	graph := importGraph(t, root)
	moduleOf := func(pkg string) string {
		top, _, _ := strings.Cut(pkg, "/")
		if slices.Contains(modules, top) {
			return top
		}
		return ""
	}
	for pkg := range graph {
		top, _, _ := strings.Cut(pkg, "/")
		if moduleOf(pkg) != "" || slices.Contains(assembly, top) {
			continue
		}
		if path := pathToModule(graph, pkg, moduleOf); path != nil {
			t.Errorf("the plumbing package %s imports the module %s: %s", pkg, moduleOf(path[len(path)-1]),
				strings.Join(path, " → "))
		}
	}
	for _, p := range plumbing {
		if _, err := os.Stat(filepath.Join(root, "internal", p)); err == nil {
			if _, ok := graph[p]; !ok {
				t.Errorf("the plumbing package %s was not read", p)
			}
		}
	}
}

// moduleNames are the internal packages modules.go imports, but app.
func moduleNames(t *testing.T, root string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, "internal", "platform", "modules.go"), nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if name, ok := strings.CutPrefix(path, internalPath); ok && name != "app" {
			out = append(out, name)
		}
	}
	return out
}

// importGraph maps each package under internal (by its path below
// internal) to the internal packages its non-test files import.
func importGraph(t *testing.T, root string) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	dir := filepath.Join(root, "internal")
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		var deps []string
		for _, imp := range pkg.Imports {
			if name, ok := strings.CutPrefix(imp, internalPath); ok {
				deps = append(deps, name)
			}
		}
		graph[filepath.ToSlash(rel)] = deps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// pathToModule returns a chain of imports from pkg to a module, or nil.
func pathToModule(graph map[string][]string, pkg string, moduleOf func(string) string) []string {
	seen := map[string]bool{pkg: true}
	var walk func(path []string) []string
	walk = func(path []string) []string {
		for _, dep := range graph[path[len(path)-1]] {
			next := append(slices.Clone(path), dep)
			if moduleOf(dep) != "" {
				return next
			}
			if !seen[dep] {
				seen[dep] = true
				if found := walk(next); found != nil {
					return found
				}
			}
		}
		return nil
	}
	return walk([]string{pkg})
}

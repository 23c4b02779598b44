package conformance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// readAtom is run by node: it parses an Atom document with npm's
// feedparser and prints what it found as JSON, the raw atom: elements
// beside feedparser's normalised fields, so that what RFC 4287 requires is
// read from the document and not from feedparser's fallbacks (it gives an
// entry the feed's author, for one).
const readAtom = `
const FeedParser = require(process.env.TEILHABE_FEEDPARSER);
const fs = require('fs');
const parser = new FeedParser({ normalize: true, addmeta: false });
const items = [], errors = [];
const text = v => (v && typeof v === 'object' && '#' in v) ? v['#'] : (v ?? null);
const attrs = v => (v && v['@']) || {};
const links = v => (Array.isArray(v) ? v : (v ? [v] : [])).map(l => ({ rel: attrs(l).rel || 'alternate', href: attrs(l).href || '' }));
const person = v => (Array.isArray(v) ? v : (v ? [v] : [])).map(a => text(a.name)).filter(Boolean);
parser.on('error', e => errors.push(String(e)));
parser.on('readable', function () { let it; while ((it = this.read())) items.push(it); });
parser.on('end', () => {
  const m = parser.meta;
  console.log(JSON.stringify({
    type: m['#type'], lang: m.language || '',
    id: text(m['atom:id']), title: m.title, updated: text(m['atom:updated']),
    authors: person(m['atom:author']), links: links(m['atom:link']),
    entries: items.map(i => ({
      id: text(i['atom:id']), title: i.title, updated: text(i['atom:updated']),
      published: text(i['atom:published']), authors: person(i['atom:author']),
      lang: attrs(i)['xml:lang'] || (i['atom:@'] || {})['xml:lang'] || '', links: links(i['atom:link']),
    })),
    errors,
  }));
});
fs.createReadStream(process.argv[2]).pipe(parser);
`

// Atom is an Atom feed as npm's feedparser reads it.
type Atom struct {
	Type, Lang, ID, Title, Updated string
	Authors                        []string
	Links                          []AtomLink
	Entries                        []AtomEntry
	Errors                         []string
}

// AtomEntry is an entry of a feed as feedparser reads it.
type AtomEntry struct {
	ID, Title, Updated, Published, Lang string
	Authors                             []string
	Links                               []AtomLink
}

// AtomLink is a link element.
type AtomLink struct{ Rel, Href string }

// ParseAtom reads an Atom document with npm's feedparser, run by node.
func ParseAtom(t testing.TB, doc string) Atom {
	t.Helper()
	lib := Tool(t, FeedparserEnv, "npm feedparser")
	node := Command(t, "node")
	dir := t.TempDir()
	script, file := filepath.Join(dir, "read.cjs"), filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(script, []byte(readAtom), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := Run(t, []string{FeedparserEnv + "=" + lib}, node, script, file)
	if err != nil {
		t.Fatalf("feedparser: %v\n%s", err, stderr)
	}
	var a Atom
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatalf("feedparser: %v\n%s", err, out)
	}
	return a
}

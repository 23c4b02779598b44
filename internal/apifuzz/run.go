package apifuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Config says what to test.
type Config struct {
	BaseURL string            // where the API's paths are, without a trailing slash
	Doc     []byte            // the OpenAPI document
	Tokens  map[string]string // caller name → bearer token; the anonymous caller is always added
	IDs     map[string][]string
	// IDs are known ids by collection ("listings", "organizations",
	// "municipalities" for AGS keys), beside those the answers show.
	Seed   uint64
	Now    time.Time    // the server's time, for dates in bodies
	Client *http.Client // default http.DefaultClient
	// Skip leaves out operations by id: one that would end the test's own
	// access (revoking its token), say.
	Skip map[string]bool
}

// Report is what a run found.
type Report struct {
	Operations int // operations of the document exercised
	Cases      int // requests sent
	Checks     int // assertions made on the answers
	Succeeded  int // cases answered with a 2xx status
	Findings   []Finding
}

// Finding is an answer that broke a rule, with how often the same
// broke it.
type Finding struct {
	Operation, Rule, Detail string
	Example                 string // one request that showed it
	Count                   int
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s (%d×, e.g. %s)", f.Operation, f.Rule, f.Detail, f.Count, f.Example)
}

// caller is who sends a request.
type caller struct{ name, token string }

// fuzzCase is one request.
type fuzzCase struct {
	label   string
	path    string // with its parameters filled in
	query   url.Values
	body    []byte
	hasBody bool
	refuse  bool // the request's schema forbids it: it must not succeed
}

type run struct {
	cfg      Config
	d        *document
	g        *generator
	client   *http.Client
	report   *Report
	findings map[string]*Finding
}

// Run tests the API.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	d, err := parseDocument(cfg.Doc)
	if err != nil {
		return nil, err
	}
	ids := newIDPool()
	colls := make([]string, 0, len(cfg.IDs))
	for coll := range cfg.IDs {
		colls = append(colls, coll)
	}
	sort.Strings(colls) // in order, so that a seed repeats a run
	for _, coll := range colls {
		for _, id := range cfg.IDs[coll] {
			ids.add(coll, id)
		}
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	r := &run{cfg: cfg, d: d, report: &Report{}, findings: map[string]*Finding{},
		g: &generator{d: d, rnd: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed)), ids: ids, now: cfg.Now}}
	r.client = cfg.Client
	if r.client == nil {
		r.client = http.DefaultClient
	}
	callers := []caller{{name: "anonymous"}}
	names := make([]string, 0, len(cfg.Tokens))
	for name := range cfg.Tokens {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		callers = append(callers, caller{name, cfg.Tokens[name]})
	}
	for _, op := range d.operations {
		if cfg.Skip[op.ID] {
			continue
		}
		r.report.Operations++
		for _, who := range callers {
			for _, c := range r.cases(op) {
				if err := ctx.Err(); err != nil {
					return r.finish(), err
				}
				if err := r.send(ctx, op, who, c); err != nil {
					return r.finish(), err
				}
			}
		}
	}
	return r.finish(), nil
}

func (r *run) finish() *Report {
	keys := make([]string, 0, len(r.findings))
	for k := range r.findings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	r.report.Findings = r.report.Findings[:0]
	for _, k := range keys {
		r.report.Findings = append(r.report.Findings, *r.findings[k])
	}
	return r.report
}

// cases are the requests for an operation: valid ones, then one broken
// thing at a time in the path, the query and the body.
func (r *run) cases(op *operation) []fuzzCase {
	g := r.g
	validPath := func() string { return r.fillPath(op, nil) }
	validQuery := func(all bool) url.Values {
		q := url.Values{}
		for _, p := range op.Params {
			if p.In == "query" && (p.Required || all || g.rnd.IntN(3) == 0) {
				q.Set(p.Name, fmt.Sprint(g.valid(p.Schema, p.Name, 0)))
			}
		}
		return q
	}
	var body map[string]any
	var bodyBytes []byte
	if op.Body != nil {
		body, _ = g.valid(op.Body, "", 0).(map[string]any)
		bodyBytes, _ = json.Marshal(body)
	}
	base := func(label string) fuzzCase {
		return fuzzCase{label: label, path: validPath(), query: validQuery(false), body: bodyBytes, hasBody: op.Body != nil}
	}
	out := []fuzzCase{base("valid"), base("valid again")}
	all := base("valid with every parameter")
	all.query = validQuery(true)
	out = append(out, all)
	for _, p := range op.Params {
		switch p.In {
		case "path":
			for _, bad := range g.badPathValues() {
				c := base("path " + p.Name + " " + strconv.Quote(bad))
				c.path = r.fillPath(op, map[string]string{p.Name: bad})
				out = append(out, c)
			}
		case "query":
			for _, bad := range badQueryValues(p.Schema) {
				c := base("query " + p.Name + "=" + strconv.Quote(trim(bad)))
				c.query.Set(p.Name, bad)
				c.refuse = r.paramRefused(p, bad)
				out = append(out, c)
			}
		}
	}
	if op.Body != nil {
		for _, m := range g.mutations(op.Body, body) {
			c := base("body " + m.Label)
			c.body, c.hasBody = m.Body, m.Body != nil
			c.refuse = r.bodyRefused(op, m.Body)
			out = append(out, c)
		}
	}
	return out
}

// fillPath puts values into the path's parameters: those given, else the
// id of an object that exists.
func (r *run) fillPath(op *operation, given map[string]string) string {
	path := op.Path
	for _, p := range op.Params {
		if p.In != "path" {
			continue
		}
		v, ok := given[p.Name]
		if !ok {
			v = r.g.ids.pick(r.g.rnd, collectionBefore(op.Path, p.Name))
			if v == "" {
				v = fmt.Sprint(r.g.valid(p.Schema, p.Name, 0))
			}
		}
		path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
	}
	return path
}

// bodyRefused tells whether the body schema forbids a body.
func (r *run) bodyRefused(op *operation, body []byte) bool {
	if body == nil {
		return op.BodyRequired
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return true
	}
	s, err := r.d.schema(op.BodyPointer)
	if err != nil {
		return false
	}
	return s.Validate(inst) != nil
}

// paramRefused tells whether a query parameter's schema forbids a value
// (as text: numbers and booleans are parsed first).
func (r *run) paramRefused(p parameter, value string) bool {
	s := r.d.resolve(p.Schema)
	if value == "" {
		return false // an empty parameter is an absent one
	}
	var v any = value
	switch typeOf(s) {
	case "integer":
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return true
		}
		v = n
	case "number":
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return true
		}
		v = f
	case "boolean":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return true
		}
		v = b
	case "array":
		v = []any{value}
	}
	b, _ := json.Marshal(v)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	raw, _ := json.Marshal(s)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil || c.AddResource("urn:param", doc) != nil {
		return false
	}
	compiled, err := c.Compile("urn:param")
	if err != nil {
		return false
	}
	return compiled.Validate(inst) != nil
}

// send makes one request and checks the answer.
func (r *run) send(ctx context.Context, op *operation, who caller, c fuzzCase) error {
	u := r.cfg.BaseURL + c.path
	if len(c.query) > 0 {
		u += "?" + c.query.Encode()
	}
	var body io.Reader
	if c.hasBody {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, op.Method, u, body)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if c.hasBody {
		req.Header.Set("Content-Type", "application/json")
	}
	if who.token != "" {
		req.Header.Set("Authorization", "Bearer "+who.token)
	}
	res, err := r.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", op.Method, u, err)
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return fmt.Errorf("%s %s: %w", op.Method, u, err)
	}
	r.report.Cases++
	example := fmt.Sprintf("%s %s as %s (%s) → %d", op.Method, trim(c.path+"?"+c.query.Encode()), who.name, c.label, res.StatusCode)
	r.check(op, who, c, res, raw, example)
	return nil
}

func (r *run) check(op *operation, who caller, c fuzzCase, res *http.Response, raw []byte, example string) {
	status := res.StatusCode
	r.expect(op, status < 500, "no server error", "status "+strconv.Itoa(status)+": "+trim(string(raw)), example)
	success := status >= 200 && status < 300
	if success {
		r.report.Succeeded++
	}
	if c.refuse {
		r.expect(op, !success, "refuses what its schema forbids", c.label, example)
	}
	if op.Secured && who.token == "" {
		r.expect(op, !success, "answers only with a token, as its security says", c.label, example)
	}
	if !op.Secured && who.token == "" && c.label == "valid" && op.Method == http.MethodGet {
		r.expect(op, status != http.StatusUnauthorized, "answers without a token, as its security says", "", example)
	}
	code := strconv.Itoa(status)
	doc, documented := op.Responses[code]
	if !documented && !success {
		doc, documented = op.Responses[strings.TrimSuffix(code, code[1:])+"XX"]
		if !documented {
			doc, documented = op.Responses["default"]
		}
	}
	if !r.expect(op, documented, "answers a documented status", code, example) {
		return
	}
	media, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if len(doc.Content) == 0 {
		r.expect(op, len(bytes.TrimSpace(raw)) == 0, "answers no body where the document says none", media, example)
		return
	}
	pointer, ok := doc.Content[media]
	if !r.expect(op, ok, "answers a documented content type", code+" "+media, example) {
		return
	}
	var inst any = string(raw) // a text such as CSV is one string to its schema
	if isJSON(media) {
		var err error
		inst, err = jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if !r.expect(op, err == nil, "answers JSON", code+" "+trim(string(raw)), example) {
			return
		}
	}
	s, err := r.d.schema(pointer)
	if !r.expect(op, err == nil, "has a response schema that compiles", fmt.Sprint(err), example) {
		return
	}
	verr := s.Validate(inst)
	r.expect(op, verr == nil, "answers a body its schema allows", code+" "+firstLine(verr), example)
	if success && op.Method == http.MethodGet || status == http.StatusCreated {
		var v any
		if json.Unmarshal(raw, &v) == nil {
			r.g.ids.harvest(collectionOfPath(op.Path), v)
		}
	}
}

// expect counts a check and records a finding when ok is false.
func (r *run) expect(op *operation, ok bool, rule, detail, example string) bool {
	r.report.Checks++
	if ok {
		return true
	}
	key := op.Method + " " + op.Path + "\x00" + rule + "\x00" + detail
	f := r.findings[key]
	if f == nil {
		f = &Finding{Operation: op.Method + " " + op.Path, Rule: rule, Detail: detail, Example: example}
		r.findings[key] = f
	}
	f.Count++
	return false
}

func isJSON(media string) bool {
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

func firstLine(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if ve, ok := err.(*jsonschema.ValidationError); ok {
		s = fmt.Sprintf("%v", ve)
	}
	return trim(strings.Join(strings.Fields(s), " "))
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

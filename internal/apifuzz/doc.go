// Package apifuzz tests a running API against its OpenAPI 3.1 document:
// it walks every operation, generates valid and invalid path parameters,
// query parameters and JSON bodies from the document's schemas (ids of
// objects that exist among them), sends them anonymously and with each
// token it is given, and checks every answer against the document with a
// JSON Schema validator nobody in the project wrote
// (github.com/santhosh-tekuri/jsonschema): no server error, a documented
// status and content type, a body its schema allows, and a refusal for
// input the request's schema forbids.
package apifuzz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// docURL is the name the document has in the schema compiler.
const docURL = "urn:teilhabe:openapi.json"

// document is the part of an OpenAPI document the fuzzer reads, and the
// compiled schemas it checks with.
type document struct {
	plain      any // the whole document as encoding/json reads it, for $ref
	operations []*operation
	compiler   *jsonschema.Compiler
	compiled   map[string]*jsonschema.Schema // by JSON pointer
}

// operation is one method on one path.
type operation struct {
	ID, Method, Path string
	Secured          bool
	Params           []parameter
	Body             map[string]any // the request body's schema, nil without one
	BodyPointer      string         // its JSON pointer in the document
	BodyRequired     bool
	Responses        map[string]response // by status code or "default"
}

type parameter struct {
	Name, In string
	Required bool
	Schema   map[string]any
}

type response struct {
	Content map[string]string // media type → JSON pointer of its schema
}

var methodOrder = map[string]int{"GET": 0, "PUT": 1, "PATCH": 2, "POST": 3, "DELETE": 4}

// parseDocument reads an OpenAPI 3.1 document.
func parseDocument(doc []byte) (*document, error) {
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(docURL, raw); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	d := &document{compiler: c, compiled: map[string]*jsonschema.Schema{}}
	if err := json.Unmarshal(doc, &d.plain); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	var top struct {
		Paths map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(doc, &top); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	for path, item := range top.Paths {
		for method, rawOp := range item {
			method = strings.ToUpper(method)
			if _, ok := methodOrder[method]; !ok {
				continue
			}
			op, err := d.readOperation(method, path, rawOp)
			if err != nil {
				return nil, fmt.Errorf("openapi: %s %s: %w", method, path, err)
			}
			d.operations = append(d.operations, op)
		}
	}
	// Reads first, so that what exists is known before it is changed, and
	// deletions last.
	sort.Slice(d.operations, func(i, j int) bool {
		a, b := d.operations[i], d.operations[j]
		if methodOrder[a.Method] != methodOrder[b.Method] {
			return methodOrder[a.Method] < methodOrder[b.Method]
		}
		return a.Path < b.Path
	})
	return d, nil
}

func (d *document) readOperation(method, path string, rawOp json.RawMessage) (*operation, error) {
	var o struct {
		OperationID string `json:"operationId"`
		Security    *[]map[string][]string
		Parameters  []struct {
			Name, In string
			Required bool
			Schema   map[string]any
		}
		RequestBody *struct {
			Required bool
			Content  map[string]struct{ Schema map[string]any }
		} `json:"requestBody"`
		Responses map[string]struct {
			Content map[string]json.RawMessage
		}
	}
	if err := json.Unmarshal(rawOp, &o); err != nil {
		return nil, err
	}
	pointer := "#/paths/" + escapePointer(path) + "/" + strings.ToLower(method)
	op := &operation{ID: o.OperationID, Method: method, Path: path, Responses: map[string]response{}}
	op.Secured = o.Security != nil && len(*o.Security) > 0
	for _, p := range o.Parameters {
		op.Params = append(op.Params, parameter{Name: p.Name, In: p.In, Required: p.Required || p.In == "path", Schema: p.Schema})
	}
	if o.RequestBody != nil {
		if c, ok := o.RequestBody.Content["application/json"]; ok {
			op.Body = c.Schema
			op.BodyPointer = pointer + "/requestBody/content/application~1json/schema"
			op.BodyRequired = o.RequestBody.Required
		}
	}
	for status, r := range o.Responses {
		res := response{Content: map[string]string{}}
		for media := range r.Content {
			res.Content[media] = pointer + "/responses/" + status + "/content/" + escapePointer(media) + "/schema"
		}
		op.Responses[status] = res
	}
	return op, nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// schema compiles the schema at a JSON pointer of the document once.
func (d *document) schema(pointer string) (*jsonschema.Schema, error) {
	if s, ok := d.compiled[pointer]; ok {
		return s, nil
	}
	s, err := d.compiler.Compile(docURL + pointer)
	if err != nil {
		return nil, err
	}
	d.compiled[pointer] = s
	return s, nil
}

// resolve follows a local $ref ("#/components/schemas/X") to its schema.
func (d *document) resolve(s map[string]any) map[string]any {
	for range 16 {
		ref, ok := s["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			return s
		}
		var node any = d.plain
		for _, part := range strings.Split(ref[2:], "/") {
			part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
			m, _ := node.(map[string]any)
			node = m[part]
		}
		next, _ := node.(map[string]any)
		if next == nil {
			return s
		}
		s = next
	}
	return s
}

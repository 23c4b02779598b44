package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
)

// Fragment draws a template a module defines in its partials
// ("partials*.html") on its own, not as a page: a part of another module's
// page (app.Section). name is "<module>/<template>". The part has the
// layout's helpers (field, formerror, …); form, when not nil, fills its
// fields and errors. The identity and language are the request's (ctx).
func (r *Renderer) Fragment(ctx context.Context, name string, data any, form *Form) (template.HTML, error) {
	module, tmpl, _ := strings.Cut(name, "/")
	t := r.fragmentSet(module, tmpl)
	if t == nil {
		return "", fmt.Errorf("no fragment %q", name)
	}
	v := &View{L: Localizer(ctx), User: auth.From(ctx), Data: data, Form: form, Now: r.clock.Now()}
	if v.L == nil {
		v.L = r.cat.Localizer(i18n.Default)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, tmpl, v); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// fragmentSet finds a parsed page of the module, which holds the module's
// partials, that defines tmpl.
func (r *Renderer) fragmentSet(module, tmpl string) *template.Template {
	names := make([]string, 0, len(r.pages))
	for name := range r.pages {
		if strings.HasPrefix(name, module+"/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if t := r.pages[name]; t.Lookup(tmpl) != nil {
			return t
		}
	}
	return nil
}

package taxonomy

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// CategoryNode is a category as the API shows it, with its subcategories.
type CategoryNode struct {
	ID          string              `json:"id" example:"goods.furniture"`
	Parent      string              `json:"parent" doc:"The parent's id; empty for a top-level category."`
	Name        string              `json:"name" doc:"The name in the requested language."`
	Description string              `json:"description" doc:"One sentence in the requested language."`
	Names       map[string]string   `json:"names" doc:"The name in every interface language (de, en, ar, fa, uk, tr)."`
	Synonyms    map[string][]string `json:"synonyms" doc:"Words people type for the category, per language: the interface languages, and some in ru, ku or ps."`
	Children    []CategoryNode      `json:"children" doc:"The subcategories; empty for a subcategory."`
}

// CategoriesInput chooses the language of the names and descriptions.
type CategoriesInput struct {
	Lang string `query:"lang" enum:"de,en,ar,fa,uk,tr" doc:"Language of name and description. Without it, the caller's language: the account's setting, the language cookie or Accept-Language, else German."`
}

// CategoriesOutput is the whole taxonomy.
type CategoriesOutput struct {
	ContentLanguage string `header:"Content-Language"`
	CacheControl    string `header:"Cache-Control"`
	Vary            string `header:"Vary"`
	Body            struct {
		Lang       string         `json:"lang" doc:"The language of name and description."`
		Categories []CategoryNode `json:"categories" doc:"The top-level categories in their order, each with its subcategories."`
	}
}

// RegisterAPI adds GET /api/v1/categories.
func (m *Module) RegisterAPI(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "list-categories", Method: http.MethodGet, Path: api.Prefix + "/categories", Tags: []string{"Categories"},
		Summary: "List the categories",
		Description: "The one category taxonomy that offers, requests, pledges, services and search use: " +
			"top-level categories with their subcategories, names in every interface language and the words people type for each.",
	}, m.apiCategories)
}

func (m *Module) tree(lang string) []CategoryNode {
	top := m.t.Top()
	out := make([]CategoryNode, len(top))
	for i, c := range top {
		out[i] = m.node(c, lang)
		for _, ch := range m.t.Children(c.ID) {
			out[i].Children = append(out[i].Children, m.node(ch, lang))
		}
	}
	return out
}

func (m *Module) node(c *Category, lang string) CategoryNode {
	return CategoryNode{
		ID: c.ID, Parent: c.Parent, Name: m.t.Name(c.ID, lang), Description: m.t.Description(c.ID, lang),
		Names: c.Names, Synonyms: c.Synonyms, Children: []CategoryNode{},
	}
}

func (m *Module) apiCategories(ctx context.Context, in *CategoriesInput) (*CategoriesOutput, error) {
	out := &CategoriesOutput{}
	lang := in.Lang
	if lang != "" {
		out.CacheControl = "public, max-age=3600"
	} else {
		lang = i18n.Default
		if l := web.Localizer(ctx); l != nil {
			lang = l.Lang()
		}
		out.CacheControl = "private, max-age=3600"
		out.Vary = "Accept-Language, Cookie, Authorization"
	}
	out.ContentLanguage = lang
	out.Body.Lang = lang
	out.Body.Categories = m.tree(lang)
	return out, nil
}

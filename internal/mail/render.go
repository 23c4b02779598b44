package mail

import (
	"html/template"
	"strings"
)

// Rendered is a mail ready for a Sender.
type Rendered struct {
	ID      string // the outbox id; senders use it for the Message-ID
	To      string
	Subject string
	Text    string
	HTML    string
	// ListUnsubscribe is Message.Unsubscribe, sent as the List-Unsubscribe
	// and List-Unsubscribe-Post headers.
	ListUnsubscribe string
	Attachment      *Attachment // nil for none
}

// Render turns m into its plain text and HTML forms, as Enqueue stores them.
func Render(m Message) (Rendered, error) {
	m, err := normalise(m)
	if err != nil {
		return Rendered{}, err
	}
	return render(m)
}

func render(m Message) (Rendered, error) {
	var html strings.Builder
	if err := htmlTemplate.Execute(&html, m); err != nil {
		return Rendered{}, err
	}
	return Rendered{To: m.To, Subject: m.Subject, Text: renderText(m.Body), HTML: html.String(),
		ListUnsubscribe: m.Unsubscribe, Attachment: m.Attachment}, nil
}

// renderText lays the body out as paragraphs separated by blank lines, the
// action as "Label: URL" (mail programs make the URL clickable) and the
// footer below the usual "-- " signature line.
func renderText(b Body) string {
	var blocks []string
	if b.Greeting != "" {
		blocks = append(blocks, b.Greeting)
	}
	blocks = append(blocks, b.Paragraphs...)
	if b.Action != nil {
		blocks = append(blocks, b.Action.Label+": "+b.Action.URL)
	}
	text := strings.Join(blocks, "\n\n")
	if b.Footer != "" {
		text += "\n\n-- \n" + b.Footer
	}
	return text + "\n"
}

// htmlTemplate is deliberately plain: no styles, no images, no remote
// resources, so it reads well in every mail program, on old phones and in
// screen readers, and leaks nothing when opened.
var htmlTemplate = template.Must(template.New("mail").Funcs(template.FuncMap{
	"lines": func(s string) []string { return strings.Split(s, "\n") },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Body.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body>
{{- with .Body}}
{{- with .Greeting}}
<p>{{.}}</p>
{{- end}}
{{- range .Paragraphs}}
<p>{{range $i, $line := lines .}}{{if $i}}<br>{{end}}{{$line}}{{end}}</p>
{{- end}}
{{- with .Action}}
<p><a href="{{.URL}}">{{.Label}}</a></p>
{{- end}}
{{- with .Footer}}
<hr>
<p><small>{{range $i, $line := lines .}}{{if $i}}<br>{{end}}{{$line}}{{end}}</small></p>
{{- end}}
{{- end}}
</body>
</html>
`))

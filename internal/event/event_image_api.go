package event

import (
	"bytes"
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// ImageOut is the picture of an event.
type ImageOut struct {
	URL    string `json:"url" format:"uri"`
	Alt    string `json:"alt" doc:"What the picture shows, for people who cannot see it."`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

func (m *Module) imageOut(i *Image) *ImageOut {
	if i == nil {
		return nil
	}
	return &ImageOut{URL: m.s.BaseURL + i.URL(), Alt: i.Alt, Width: i.Width, Height: i.Height}
}

// PutImageInput is a new picture with its text.
type PutImageInput struct {
	EventIDPath
	Alt     string `query:"alt" maxLength:"200" doc:"What the picture shows, for people who cannot see it. Needed unless the event has a picture already, whose text it keeps otherwise; missing, it is a field error on image_alt."`
	RawBody []byte `contentType:"image/*"`
}

func (m *Module) imageAPI(a huma.API) {
	tags := []string{"Events"}
	huma.Register(a, huma.Operation{
		OperationID: "put-event-image", Method: http.MethodPut, Path: api.Prefix + "/events/{id}/image", Tags: tags,
		Summary: "Set the picture of an event", Security: api.Secured, MaxBodyBytes: MaxImageBytes + 1,
		Description: "By its organisers. A JPEG, PNG or GIF image of at most 8 MB; it is re-encoded without its metadata and scaled down, and replaces the one there.",
	}, func(ctx context.Context, in *PutImageInput) (*EventOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		e, err := m.SetImage(ctx, id, in.ID, bytes.NewReader(in.RawBody), in.Alt)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &EventOutput{Body: m.eventOut(ctx, e, id)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "delete-event-image", Method: http.MethodDelete, Path: api.Prefix + "/events/{id}/image", Tags: tags,
		Summary: "Remove the picture of an event", Security: api.Secured,
		Description: "By its organisers.",
	}, func(ctx context.Context, in *EventIDPath) (*EventOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		e, err := m.RemoveImage(ctx, id, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &EventOutput{Body: m.eventOut(ctx, e, id)}, nil
	})
}

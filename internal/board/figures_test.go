package board_test

import (
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestRequestFigures: the board's figures count open requests only (not
// offers, withdrawn or expired ones), a response counts even when it was
// withdrawn, and the postcode filter narrows every figure.
func TestRequestFigures(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.NewPerson(t, "pia", auth.Member)
		helper := e.NewPerson(t, "hanna", auth.Member)
		start := e.Clock.Now()
		post := func(kind board.Kind, postcode, place string, days int) *board.Listing {
			d := rDraft(kind, "german_lessons", "Deutsch "+postcode)
			d.Postcode, d.Place, d.LifetimeDays = postcode, place, days
			l, err := e.Board.Create(ctx, poster.Identity(), d)
			if err != nil {
				t.Fatal(err)
			}
			return l
		}
		post(board.Offer, "34117", "Kassel", 0)
		waiting := post(board.Request, "34117", "Kassel", 0)
		withdrawn := post(board.Request, "34117", "Kassel", 0)
		answered := post(board.Request, "37073", "Göttingen", 0)
		expired := post(board.Request, "34117", "Kassel", 5)
		e.Clock.Advance(time.Hour)
		if _, err := e.Board.Withdraw(ctx, poster.Identity(), withdrawn.ID); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(time.Hour)
		r, err := e.Board.Respond(ctx, helper.Identity(), answered.ID, board.ResponseInput{Body: "Gern."})
		if err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(time.Hour)
		if _, err := e.Board.WithdrawResponse(ctx, helper.Identity(), answered.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(10 * 24 * time.Hour)
		now := e.Clock.Now()

		open, err := e.Board.OpenRequests(ctx, now, app.Everywhere)
		want := []app.OpenRequests{{Category: "german_lessons", Postcode: "34117", Count: 1}, {Category: "german_lessons", Postcode: "37073", Count: 1}}
		if err != nil || !slices.Equal(open, want) {
			t.Errorf("open: %+v %v", open, err)
		}
		if open, err := e.Board.OpenRequests(ctx, now, app.Postcodes{List: []string{"37073"}}); err != nil || len(open) != 1 || open[0].Postcode != "37073" {
			t.Errorf("open in 37073: %+v %v", open, err)
		}
		if open, err := e.Board.OpenRequests(ctx, now, app.Postcodes{}); err != nil || len(open) != 0 {
			t.Errorf("open in no postcode: %+v %v", open, err)
		}

		n, list, err := e.Board.WaitingRequests(ctx, now, now.AddDate(0, 0, -3), app.Everywhere, 10)
		if err != nil || n != 1 || len(list) != 1 || list[0].ID != waiting.ID || list[0].Link != "/listings/"+waiting.ID || !list[0].CreatedAt.Equal(start) {
			t.Errorf("waiting: %d %+v %v", n, list, err)
		}
		if n, list, err := e.Board.WaitingRequests(ctx, now, now.AddDate(0, 0, -11), app.Everywhere, 10); err != nil || n != 0 || len(list) != 0 {
			t.Errorf("waiting for 11 days: %d %+v %v", n, list, err)
		}
		if n, _, err := e.Board.WaitingRequests(ctx, now, now, app.Postcodes{List: []string{"37073"}}, 10); err != nil || n != 0 {
			t.Errorf("waiting in 37073 (answered, then withdrawn): %d %v", n, err)
		}

		timings, err := e.Board.RequestTimings(ctx, start, now, app.Everywhere)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, tm := range timings {
			ids = append(ids, tm.ID)
			switch {
			case tm.ID == answered.ID && (tm.FirstResponse == nil || !tm.FirstResponse.Equal(start.Add(2*time.Hour)) || tm.Accepted != nil):
				t.Errorf("answered: %+v", tm)
			case tm.ID != answered.ID && (tm.FirstResponse != nil || tm.Accepted != nil):
				t.Errorf("unanswered: %+v", tm)
			}
		}
		if !slices.Equal(ids, []string{waiting.ID, withdrawn.ID, answered.ID, expired.ID}) {
			t.Errorf("timings of %v", ids)
		}
		if timings, err := e.Board.RequestTimings(ctx, start, now, app.Postcodes{List: []string{"37073"}}); err != nil || len(timings) != 1 || timings[0].ID != answered.ID {
			t.Errorf("timings in 37073: %+v %v", timings, err)
		}
		if timings, err := e.Board.RequestTimings(ctx, start.Add(time.Second), now, app.Everywhere); err != nil || len(timings) != 0 {
			t.Errorf("timings after they were posted: %+v %v", timings, err)
		}
	})
}

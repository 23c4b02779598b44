package event

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// Sessions of a camp are found as events (type "event") until the camp
// ends, at their slot once the schedule is published, otherwise on the
// camp's days; a withdrawn session and the sessions of a cancelled camp
// leave the search.

// sessionDoc is what search shows of a session: its title and summary,
// the camp's place, never who proposed it.
func (m *Module) sessionDoc(ctx context.Context, e *Event, b *Camp, s *Session) searchdoc.Doc {
	d := m.eventDoc(ctx, e)
	d.ID, d.Title, d.Body, d.Lang, d.Langs = s.ID, s.Title, s.Description, s.Lang, nil
	d.CreatedAt, d.UpdatedAt = s.CreatedAt, s.UpdatedAt
	d.URL = "/events/" + e.ID + "/sessions/" + s.ID
	if slot, ok := b.slot(s.SlotID); ok && b.Published != nil {
		start, day := slot.Start, clock.DayOf(slot.Start)
		d.Deadline, d.Start, d.End = &start, &day, &day
	}
	return d
}

// indexSession hands one session to the search index in tx.
func (m *Module) indexSession(ctx context.Context, tx *sql.Tx, e *Event, b *Camp, s *Session) error {
	if m.index == nil {
		return nil
	}
	if e.Status == Cancelled || !e.Upcoming(m.s.Clock.Now()) {
		return m.index.Delete(ctx, tx, searchdoc.Event, s.ID)
	}
	return m.index.Put(ctx, tx, m.sessionDoc(ctx, e, b, s))
}

func (m *Module) unindexSession(ctx context.Context, tx *sql.Tx, id string) error {
	if m.index == nil {
		return nil
	}
	return m.index.Delete(ctx, tx, searchdoc.Event, id)
}

// indexSessions hands every session of the camp to the index in tx,
// after its schedule or the camp itself changed.
func (m *Module) indexSessions(ctx context.Context, tx *sql.Tx, e *Event) error {
	if m.index == nil || e.Kind != Barcamp {
		return nil
	}
	b, err := getBarcamp(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	sessions, err := listSessions(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	for _, s := range sessions {
		if err := m.indexSession(ctx, tx, e, b, s); err != nil {
			return err
		}
	}
	return nil
}

// sessionDocs yields the sessions of an upcoming camp for rebuilding the
// search index.
func (m *Module) sessionDocs(ctx context.Context, e *Event, yield func(searchdoc.Doc) error) error {
	if e.Kind != Barcamp || e.Status == Cancelled {
		return nil
	}
	b, err := getBarcamp(ctx, m.s.DB, e.ID)
	if err != nil {
		return err
	}
	sessions, err := listSessions(ctx, m.s.DB, e.ID)
	if err != nil {
		return err
	}
	for _, s := range sessions {
		if err := yield(m.sessionDoc(ctx, e, b, s)); err != nil {
			return err
		}
	}
	return nil
}

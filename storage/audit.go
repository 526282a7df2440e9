package storage

import (
	"context"
	"fmt"
	"slices"
)

// Auditor records who reads and changes the records of audited kinds
// (those an [Aggregate] declares Subjects for): the audit controls of the
// HIPAA Security Rule, 45 CFR § 164.312(b), "Implement hardware, software,
// and/or procedural mechanisms that record and examine activity in
// information systems that contain or use electronic protected health
// information". Package audit implements it. A DB made with [NewAudited]
// calls it:
//
//   - on every [DB.Commit] that writes audited records, with an Event per
//     kind and action: the writes it returns are committed with the
//     writes they record, so neither is stored without the other;
//   - on every read of audited records ([Collection.Get], [Collection.Page],
//     and [Collection.List] and [Collection.Scan] in batches of up to
//     [AuditBatch] records), with one Event: the writes it returns are
//     committed before the records are handed to the caller, and a read
//     whose record fails returns an error and no record.
//
// The Auditor learns who acts, why and under which decision from ctx.
type Auditor interface {
	Record(ctx context.Context, events []Event) ([]Write, error)
}

// Action is what was done to records: "read", "create" or "update", or
// "refuse" for an attempt an access decision refused (DB.Refused).
type Action string

// The actions.
const (
	ActionRead   Action = "read"
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	// ActionRefuse: the actor asked for the records and an access
	// decision refused them; nothing was handed on or changed.
	ActionRefuse Action = "refuse"
)

// Event is an action on records of one kind.
type Event struct {
	Action Action
	Kind   string
	// Keys are the records' keys, in the order read or written.
	Keys []string
	// Subjects are the people the records are about, each once.
	Subjects []string
}

// AuditBatch is the most records a listing or scan of an audited DB
// hands on under one recorded read: a caller that stops early may leave
// up to AuditBatch-1 of them recorded but not handed on.
const AuditBatch = 256

// NewAudited returns the portable layer over d that records, through a,
// every read and write of the audited kinds. Records of kinds that are
// not audited (the workforce's, the audit's own) are not recorded.
func NewAudited(d Driver, a Auditor) *DB { return &DB{driver: d, auditor: a} }

// Audited reports whether db records reads and writes (NewAudited).
func (db *DB) Audited() bool { return db != nil && db.auditor != nil }

// Refused records, on an audited DB, that the actor of ctx asked for
// records of kind (their keys, about the subjects) and was refused by an
// access decision, so that refusals are on the record beside what was
// allowed: 45 CFR § 164.312(b) asks for a record of "activity in
// information systems", and a refused attempt is activity an auditor
// looks for. The decision that refused goes in ctx, as for any action.
// On a DB that is not audited it does nothing. It returns an error
// wrapping ErrInvalid for an empty kind or no keys, or the auditor's or
// driver's error.
func (db *DB) Refused(ctx context.Context, kind string, keys, subjects []string) error {
	return db.Record(ctx, ActionRefuse, kind, keys, subjects)
}

// Record records, on an audited DB, an action on records of kind that
// did not go through a Collection's methods: a refusal (ActionRefuse, as
// Refused), or a read whose records the caller read in place, without
// the audit (Collection.Scan under a context the auditor records as the
// host's own check), and of which only part was handed on, about the
// subjects given (ActionRead). The access goes in ctx. On a DB that is
// not audited it does nothing. It returns an error wrapping ErrInvalid
// for an unknown action, an empty kind or no keys, or the auditor's or
// driver's error.
func (db *DB) Record(ctx context.Context, action Action, kind string, keys, subjects []string) error {
	if db == nil || db.driver == nil {
		return fmt.Errorf("storage: record: no driver: %w", ErrInvalid)
	}
	if kind == "" || len(keys) == 0 || (action != ActionRefuse && action != ActionRead) {
		return fmt.Errorf("storage: record: action, kind and keys: %w", ErrInvalid)
	}
	if db.auditor == nil {
		return nil
	}
	events := chunked([]Event{{Action: action, Kind: kind, Keys: slices.Clone(keys), Subjects: unique(subjects)}})
	writes, err := db.auditor.Record(ctx, events)
	if err != nil {
		return fmt.Errorf("storage: record the %s: %w", action, err)
	}
	if len(writes) == 0 {
		return nil
	}
	return db.commit(ctx, writes, false)
}

// recordReads records one read and commits what records it.
func (db *DB) recordReads(ctx context.Context, kind string, keys, subjects []string) error {
	writes, err := db.auditor.Record(ctx, []Event{{Action: ActionRead, Kind: kind, Keys: keys, Subjects: unique(subjects)}})
	if err != nil {
		return fmt.Errorf("record the read: %w", err)
	}
	if len(writes) == 0 {
		return nil
	}
	return db.commit(ctx, writes, false)
}

// recordWrites returns the writes that record the audited writes of a
// commit: an Event per kind and action, in the order of the writes.
func (db *DB) recordWrites(ctx context.Context, writes []Write) ([]Write, error) {
	var events []Event
	for i := range writes {
		w := &writes[i]
		if w.err != nil || w.owner == nil || w.op.Value == nil {
			continue // failed below, or a check that writes nothing
		}
		subjects, audited := w.owner.subjects(w)
		if !audited {
			continue
		}
		action := ActionUpdate
		if w.op.Expect == 0 {
			action = ActionCreate
		} else if row, err := db.driver.Get(ctx, w.kind, w.op.Key); err == nil {
			// An update is about the people the record was about, too:
			// a record moved away from a peer shows in their audit.
			subjects = append(subjects, w.owner.subjectsOf(row.Value)...)
		}
		j := slices.IndexFunc(events, func(e Event) bool { return e.Kind == w.kind && e.Action == action })
		if j < 0 {
			events = append(events, Event{Action: action, Kind: w.kind})
			j = len(events) - 1
		}
		events[j].Keys = append(events[j].Keys, w.op.Key)
		events[j].Subjects = append(events[j].Subjects, subjects...)
	}
	if len(events) == 0 {
		return nil, nil
	}
	for i := range events {
		events[i].Subjects = unique(events[i].Subjects)
	}
	events = chunked(events)
	recorded, err := db.auditor.Record(ctx, events)
	if err != nil {
		return nil, fmt.Errorf("storage: record the writes: %w", err)
	}
	return recorded, nil
}

// chunked splits events of more than AuditBatch keys into events of at
// most that many, so that a large commit is recorded as a large listing
// is. The subjects stay with every part.
func chunked(events []Event) []Event {
	var out []Event
	for _, e := range events {
		for len(e.Keys) > AuditBatch {
			part := e
			part.Keys = e.Keys[:AuditBatch]
			out = append(out, part)
			e.Keys = e.Keys[AuditBatch:]
		}
		out = append(out, e)
	}
	return out
}

// unique returns the strings in first-seen order, each once.
func unique(s []string) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// readBatch hands the records of a scan on in batches, each recorded as
// read first.
type readBatch[T any, K Key] struct {
	c    *Collection[T, K]
	ctx  context.Context
	db   *DB
	fn   func(*T) bool
	key  string // the key of the record add gets next
	recs []*T
	keys []string
	err  error
}

// add takes the next record; it hands the batch on when it is full.
func (b *readBatch[T, K]) add(p *T) bool {
	b.recs, b.keys = append(b.recs, p), append(b.keys, b.key)
	if len(b.recs) < AuditBatch {
		return true
	}
	return b.flush()
}

// flush records the batch as read and hands its records on; it returns
// false when the caller stopped or the record failed.
func (b *readBatch[T, K]) flush() bool {
	if len(b.recs) == 0 {
		return true
	}
	var subjects []string
	for _, p := range b.recs {
		subjects = append(subjects, b.c.a.Subjects(p)...)
	}
	if b.err = b.db.recordReads(b.ctx, b.c.a.Kind, b.keys, subjects); b.err != nil {
		return false
	}
	recs := b.recs
	b.recs, b.keys = b.recs[:0], b.keys[:0]
	for _, p := range recs {
		if !b.fn(p) {
			return false
		}
	}
	return true
}

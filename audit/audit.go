package audit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/storage"
)

// Errors of the package. Test for them with [errors.Is].
var (
	// ErrInvalid: a value or an argument broke a validation rule.
	ErrInvalid = peersupport.ErrInvalid
	// ErrNoAccess: the context of an operation on a peer's records
	// carries no [Access] (see [With]), so it cannot be recorded and is
	// refused.
	ErrNoAccess = errors.New("audit: no access in the context: who acts, for what purpose, under which decision")
	// ErrAppendOnly: an entry was to be changed; entries never are.
	ErrAppendOnly = errors.New("audit: entries are append-only")
)

// EntryID identifies an [Entry]. The zero value means "no ID".
//
//peersupport:id
type EntryID struct{ uuid uuid.UUID }

// Access is who acts on a peer's records, for what purpose, and the
// access decision that allowed it.
type Access struct {
	// Actor identifies the person or system acting, as the host knows
	// them (a user account, a service).
	Actor peersupport.Identifier `json:"actor"`
	// Role is the actor's role, a code such as "specialist".
	Role string `json:"role"`
	// Purpose is why, a code such as "treatment" or "payment".
	Purpose string `json:"purpose"`
	// Decision is the access decision that allowed it: its basis code
	// (consent.Decision's Basis, such as "assigned_specialist") or the
	// ID of the recorded decision.
	Decision string `json:"decision"`
}

// Validate reports every field of a that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (a Access) Validate() error {
	var f check.Fields
	f.Text("actor.system", a.Actor.System, true, 2*check.MaxText)
	f.Text("actor.value", a.Actor.Value, true, check.MaxText)
	for _, c := range []struct{ path, v string }{{"role", a.Role}, {"purpose", a.Purpose}, {"decision", a.Decision}} {
		f.Text(c.path, c.v, true, check.MaxText)
	}
	return f.Err(ErrInvalid, "audit.Access")
}

type accessKey struct{}

// With returns ctx carrying who acts. Every operation on a peer's
// records in an audited store needs one.
func With(ctx context.Context, a Access) context.Context {
	return context.WithValue(ctx, accessKey{}, a)
}

// From returns the access ctx carries.
func From(ctx context.Context) (Access, bool) {
	if ctx == nil {
		return Access{}, false
	}
	a, ok := ctx.Value(accessKey{}).(Access)
	return a, ok
}

// Entry records one action on records of one kind: who, when, why, under
// which decision, which records and whose.
type Entry struct {
	ID EntryID `json:"id"`
	// Version counts the writes to the stored record: always 1.
	Version int64     `json:"version"`
	At      time.Time `json:"at"`
	Access
	Action storage.Action `json:"action"`
	Kind   string         `json:"kind"`
	// Keys are the records' IDs.
	Keys []string `json:"keys"`
	// Subjects are the IDs of the peers the records are about.
	Subjects []string `json:"subjects,omitempty"`
}

// maxKey is the longest key or subject of an entry: an ID, or a short
// code.
const maxKey = 128

// Validate reports every field of e that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (e Entry) Validate() error {
	var f check.Fields
	f.Required("id", e.ID.IsZero())
	f.Required("at", e.At.IsZero())
	if err := e.Access.Validate(); err != nil {
		var ve *peersupport.ValidationError
		if errors.As(err, &ve) {
			f.Merge("", ve.Fields)
		}
	}
	switch e.Action {
	case storage.ActionRead, storage.ActionCreate, storage.ActionUpdate, storage.ActionRefuse:
	case "":
		f.Add("action", peersupport.RuleRequired)
	default:
		f.Add("action", peersupport.RuleUnknownCode)
	}
	f.Text("kind", e.Kind, true, check.MaxText)
	if len(e.Keys) == 0 {
		f.Add("keys", peersupport.RuleRequired)
	}
	if len(e.Keys) > storage.AuditBatch*4 {
		f.Add("keys", peersupport.RuleTooLong)
	}
	for i, k := range e.Keys {
		// A key names a record (an ID) or what was asked for ("new",
		// "malformed"): never free text a caller could write into the log.
		switch {
		case k == "":
			f.Add(check.Index("keys", i), peersupport.RuleRequired)
		case len(k) > maxKey:
			f.Add(check.Index("keys", i), peersupport.RuleTooLong)
		}
	}
	for i, k := range e.Subjects {
		if len(k) > maxKey {
			f.Add(check.Index("subjects", i), peersupport.RuleTooLong)
		}
	}
	return f.Err(ErrInvalid, "audit.Entry")
}

// Clone returns a deep copy of e.
func (e Entry) Clone() Entry {
	e.Keys, e.Subjects = slices.Clone(e.Keys), slices.Clone(e.Subjects)
	return e
}

// String returns "audit.Entry(ID)".
func (e Entry) String() string { return "audit.Entry(" + e.ID.String() + ")" }

// LogValue implements [slog.LogValuer]: the entry's ID, action and kind.
func (e Entry) LogValue() slog.Value {
	return slog.GroupValue(slog.String("entry_id", e.ID.String()), slog.String("action", string(e.Action)), slog.String("kind", e.Kind))
}

// Log is the [storage.Auditor] that writes [Entry] records into the
// store it audits. It is safe for concurrent use.
type Log struct {
	now func() time.Time
}

// NewLog returns a log that stamps entries with now (nil: time.Now).
func NewLog(now func() time.Time) *Log {
	if now == nil {
		now = time.Now
	}
	return &Log{now: now}
}

// Record implements [storage.Auditor]: one entry per event, stamped with
// the access of ctx. It returns an error wrapping [ErrNoAccess] when ctx
// carries none, or [ErrInvalid] when the access is not valid.
func (l *Log) Record(ctx context.Context, events []storage.Event) ([]storage.Write, error) {
	a, ok := From(ctx)
	if !ok {
		return nil, ErrNoAccess
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if l == nil || l.now == nil {
		l = NewLog(nil)
	}
	at := l.now().UTC()
	writes := make([]storage.Write, 0, len(events))
	for _, ev := range events {
		e := Entry{ID: NewEntryID(), At: at, Access: a, Action: ev.Action, Kind: ev.Kind,
			Keys: slices.Clone(ev.Keys), Subjects: slices.Clone(ev.Subjects)}
		writes = append(writes, Entries.Insert(&e))
	}
	return writes, nil
}

var _ storage.Auditor = (*Log)(nil)

// Entries are the [Entry] records, kind "audit.entry", indexed by peer,
// by actor and by time, append-only.
var Entries = storage.NewCollection(storage.Aggregate[Entry, EntryID]{
	Kind: "audit.entry", Key: func(e *Entry) EntryID { return e.ID }, Version: func(e *Entry) *int64 { return &e.Version },
	// The log is about the peers its entries name: reading it, or writing
	// to it other than through a Log, is itself on the record.
	Subjects: func(e *Entry) []string { return e.Subjects },
	Validate: func(e *Entry) error { return e.Validate() }, Clone: Entry.Clone,
	Normalize: func(e *Entry) { e.At = e.At.UTC() },
	Change:    func(_, _ *Entry) error { return ErrAppendOnly },
	Indexes: []storage.Index[Entry]{
		{Name: "subject_at", Multi: true, Fields: []storage.Field{{Name: "subject", Type: storage.TypeString}, {Name: "at", Type: storage.TypeTime}},
			Entries: func(e *Entry) [][]storage.Value {
				out := make([][]storage.Value, 0, len(e.Subjects))
				for _, s := range e.Subjects {
					out = append(out, []storage.Value{storage.String(s), storage.Time(e.At)})
				}
				return out
			}},
		{Name: "actor_at", Fields: []storage.Field{{Name: "actor", Type: storage.TypeString}, {Name: "at", Type: storage.TypeTime}},
			Entries: func(e *Entry) [][]storage.Value {
				return storage.Entry(storage.String(actorKey(e.Actor)), storage.Time(e.At))
			}},
		{Name: "at", Fields: []storage.Field{{Name: "at", Type: storage.TypeTime}},
			Entries: func(e *Entry) [][]storage.Value { return storage.Entry(storage.Time(e.At)) }},
	},
})

// actorKey is an actor's identifier as one index field.
func actorKey(id peersupport.Identifier) string { return id.System + "|" + id.Value }

// EntryFilter selects entries in time order: a peer's (Subject), an
// actor's, or all; From and Until bound At (From <= At < Until), either
// open when zero.
type EntryFilter struct {
	// Subject is a peer's ID, as text (peer.ID's String).
	Subject     string
	Actor       peersupport.Identifier
	From, Until time.Time
}

// Query implements [storage.Filter].
func (f EntryFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case f.Subject != "":
		q = storage.Query{Index: "subject_at", Prefix: []storage.Value{storage.String(f.Subject)}}
	case f.Actor != (peersupport.Identifier{}):
		q = storage.Query{Index: "actor_at", Prefix: []storage.Value{storage.String(actorKey(f.Actor))}}
	default:
		q = storage.Query{Index: "at"}
	}
	if !f.From.IsZero() {
		q.Lo = storage.Time(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Time(f.Until)
	}
	q.Exact = f.Subject == "" || f.Actor == (peersupport.Identifier{})
	return q
}

// Matches reports whether e passes f.
func (f EntryFilter) Matches(e *Entry) bool {
	return e != nil && (f.Subject == "" || slices.Contains(e.Subjects, f.Subject)) &&
		(f.Actor == (peersupport.Identifier{}) || e.Actor == f.Actor) &&
		(f.From.IsZero() || !e.At.Before(f.From)) && (f.Until.IsZero() || e.At.Before(f.Until))
}

// errorf wraps err with the package's prefix.
func errorf(format string, args ...any) error { return fmt.Errorf("audit: "+format, args...) }

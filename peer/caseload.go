package peer

import (
	"context"
	"fmt"
	"iter"
	"log/slog"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/storage"
)

// Assignment puts a peer on a specialist's caseload from Start until End.
// End is the last day of the assignment (inclusive); the zero End means the
// assignment is open. An ended assignment keeps its dates and reason for
// good: history is never overwritten. A specialist's caseload is their
// assignments; [Assign] and [EndAssignment] change it.
type Assignment struct {
	ID           AssignmentID     `json:"id"`
	Version      int64            `json:"version"`
	PeerID       ID               `json:"peer_id"`
	SpecialistID SpecialistID     `json:"specialist_id"`
	Start        peersupport.Date `json:"start"`
	End          peersupport.Date `json:"end,omitzero"`
	// EndReason says why the assignment ended; it is set exactly when End is.
	EndReason EndReason `json:"end_reason,omitzero"`
}

// EndReason is why an assignment ended.
//
//peersupport:enum
type EndReason uint8

// The reasons an assignment ends.
const (
	EndReasonUnspecified    EndReason = iota // the assignment is open
	EndReasonCompleted                       // completed: the peer and specialist finished their work together
	EndReasonPeerChoice                      // peer_choice: the peer asked to stop or to change specialist
	EndReasonReassigned                      // reassigned: the program moved the peer to another specialist
	EndReasonSpecialistLeft                  // specialist_left: the specialist left the program or went on leave
	EndReasonDischarged                      // discharged: the peer was discharged from the program
	EndReasonLostContact                     // lost_contact: the peer could not be reached
	EndReasonOther                           // other
)

// Open reports whether a has not ended.
func (a Assignment) Open() bool { return a.End.IsZero() }

// ActiveOn reports whether a covers day d: on or after Start and, if it has
// ended, on or before End.
func (a Assignment) ActiveOn(d peersupport.Date) bool {
	return !d.Before(a.Start) && (a.Open() || !d.After(a.End))
}

func (a Assignment) check(f *check.Fields, path string) {
	at := func(name string) string { return check.Join(path, name) }
	f.Required(at("id"), a.ID.IsZero())
	if a.Version < 0 {
		f.Add(at("version"), peersupport.RuleNegative)
	}
	f.Required(at("peer_id"), a.PeerID.IsZero())
	f.Required(at("specialist_id"), a.SpecialistID.IsZero())
	f.Date(at("start"), a.Start, true)
	f.Date(at("end"), a.End, false)
	f.Period(at("end"), a.Start, a.End)
	check.EnumValue(f, at("end_reason"), a.EndReason, !a.End.IsZero())
	if a.End.IsZero() && a.EndReason != EndReasonUnspecified {
		f.Add(at("end_reason"), peersupport.RuleForbidden)
	}
}

// Validate reports every field of a that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (a Assignment) Validate() error {
	var f check.Fields
	a.check(&f, "")
	return f.Err(ErrInvalid, "peer.Assignment")
}

// LogValue implements [slog.LogValuer].
func (a Assignment) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("assignment_id", a.ID.String()),
		slog.String("peer_id", a.PeerID.String()),
		slog.String("specialist_id", a.SpecialistID.String()))
}

// Load returns how many assignments count against capacity for a new
// assignment starting on from: those still open, and those that end on or
// after from.
func Load(assignments []Assignment, from peersupport.Date) int {
	n := 0
	for _, a := range assignments {
		if a.Open() || !a.End.Before(from) {
			n++
		}
	}
	return n
}

// openUntil is the until day of an open assignment in the index of
// assignments by the last day they count.
var openUntil = peersupport.Date{Year: 9999, Month: 12, Day: 31}

// until is the last day a counts against capacity.
func (a *Assignment) until() peersupport.Date {
	if a.Open() {
		return openUntil
	}
	return a.End
}

// Assignments are the [Assignment] records, kind "peer.assignment":
// indexed by specialist, by peer and by start (all, and open only), by
// end, by specialist and the last day each counts against capacity, and unique on
// an open assignment's peer and specialist, so that a peer has at most
// one open assignment with a specialist whatever writers race.
var Assignments = storage.NewCollection(storage.Aggregate[Assignment, AssignmentID]{
	Kind: "peer.assignment", Key: func(a *Assignment) AssignmentID { return a.ID },
	Subjects: func(a *Assignment) []string { return []string{a.PeerID.String()} },
	Version:  func(a *Assignment) *int64 { return &a.Version },
	Validate: func(a *Assignment) error { return a.Validate() }, Clone: func(a Assignment) Assignment { return a },
	Change: func(stored, next *Assignment) error {
		if next.PeerID != stored.PeerID || next.SpecialistID != stored.SpecialistID || next.Start != stored.Start ||
			(!stored.Open() && (next.End != stored.End || next.EndReason != stored.EndReason)) {
			return fmt.Errorf("peer: assignment %s: only an open assignment's end changes: %w", stored.ID, ErrInvalid)
		}
		return nil
	},
	Indexes: []storage.Index[Assignment]{
		assignmentIndex("specialist_start", false, func(a *Assignment) string { return a.SpecialistID.String() }),
		assignmentIndex("peer_start", false, func(a *Assignment) string { return a.PeerID.String() }),
		assignmentIndex("open_specialist_start", true, func(a *Assignment) string { return a.SpecialistID.String() }),
		assignmentIndex("open_peer_start", true, func(a *Assignment) string { return a.PeerID.String() }),
		{Name: "start", Fields: []storage.Field{dateField("start")},
			Entries: func(a *Assignment) [][]storage.Value { return storage.Entry(storage.Date(a.Start)) }},
		{Name: "open_start", Fields: []storage.Field{dateField("start")},
			Entries: func(a *Assignment) [][]storage.Value {
				if !a.Open() {
					return nil
				}
				return storage.Entry(storage.Date(a.Start))
			}},
		{Name: "end", Fields: []storage.Field{dateField("end")},
			Entries: func(a *Assignment) [][]storage.Value {
				if a.Open() {
					return nil
				}
				return storage.Entry(storage.Date(a.End))
			}},
		{Name: "specialist_until", Fields: []storage.Field{idField("specialist_id"), dateField("until")},
			Entries: func(a *Assignment) [][]storage.Value {
				return storage.Entry(storage.String(a.SpecialistID.String()), storage.Date(a.until()))
			}},
		{Name: "open_pair", Unique: true, Err: ErrAlreadyAssigned, Fields: []storage.Field{idField("peer_id"), idField("specialist_id")},
			Entries: func(a *Assignment) [][]storage.Value {
				if !a.Open() {
					return nil
				}
				return storage.Entry(storage.String(a.PeerID.String()), storage.String(a.SpecialistID.String()))
			}},
	},
})

// assignmentIndex is an index of assignments by one ID and start, of all
// of them or of the open ones only.
func assignmentIndex(name string, openOnly bool, id func(*Assignment) string) storage.Index[Assignment] {
	field := "specialist_id"
	if name == "peer_start" || name == "open_peer_start" {
		field = "peer_id"
	}
	return storage.Index[Assignment]{Name: name, Fields: []storage.Field{idField(field), dateField("start")},
		Entries: func(a *Assignment) [][]storage.Value {
			if openOnly && !a.Open() {
				return nil
			}
			return storage.Entry(storage.String(id(a)), storage.Date(a.Start))
		}}
}

// AssignmentFilter selects assignments, ordered by Start, then by ID; the
// zero filter selects all. [EndedBetween] lists them by end.
type AssignmentFilter struct {
	PeerID       ID
	SpecialistID SpecialistID
	// OpenOnly selects assignments that have not ended.
	OpenOnly bool
	// ActiveOn selects assignments in force on that day.
	ActiveOn peersupport.Date
}

// Query implements [storage.Filter]: the specialist's or the peer's
// assignments (open ones only, for OpenOnly), or every one, starting on
// or before ActiveOn.
func (f AssignmentFilter) Query() storage.Query {
	var q storage.Query
	open := ""
	if f.OpenOnly {
		open = "open_"
	}
	switch {
	case !f.SpecialistID.IsZero():
		q = storage.Query{Index: open + "specialist_start", Prefix: []storage.Value{storage.String(f.SpecialistID.String())}}
	case !f.PeerID.IsZero():
		q = storage.Query{Index: open + "peer_start", Prefix: []storage.Value{storage.String(f.PeerID.String())}}
	default:
		q = storage.Query{Index: open + "start"}
	}
	if !f.ActiveOn.IsZero() {
		q.Hi = storage.Date(f.ActiveOn.AddDays(1))
	}
	return q
}

// Matches reports whether a passes the filter.
func (f AssignmentFilter) Matches(a *Assignment) bool {
	if a == nil {
		return false
	}
	return (f.PeerID.IsZero() || a.PeerID == f.PeerID) &&
		(f.SpecialistID.IsZero() || a.SpecialistID == f.SpecialistID) &&
		(!f.OpenOnly || a.Open()) &&
		(f.ActiveOn.IsZero() || a.ActiveOn(f.ActiveOn))
}

// EndedBetween selects the assignments that ended on days from From up
// to, not including, Until, ordered by End, then by ID.
type EndedBetween struct {
	From, Until peersupport.Date
}

// Query implements [storage.Filter]: a range of the end index.
func (f EndedBetween) Query() storage.Query {
	q := storage.Query{Index: "end", Exact: true}
	if !f.From.IsZero() {
		q.Lo = storage.Date(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Date(f.Until)
	}
	return q
}

// Matches reports whether a ended in the range.
func (f EndedBetween) Matches(a *Assignment) bool {
	if a == nil {
		return false
	}
	return !a.Open() && (f.From.IsZero() || !a.End.Before(f.From)) && (f.Until.IsZero() || a.End.Before(f.Until))
}

// StartedBetween selects the assignments that started on days from From
// up to, not including, Until, ordered by Start, then by ID.
type StartedBetween struct {
	From, Until peersupport.Date
}

// Query implements [storage.Filter]: a range of the start index.
func (f StartedBetween) Query() storage.Query {
	q := storage.Query{Index: "start", Exact: true}
	if !f.From.IsZero() {
		q.Lo = storage.Date(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Date(f.Until)
	}
	return q
}

// Matches reports whether a started in the range.
func (f StartedBetween) Matches(a *Assignment) bool {
	if a == nil {
		return false
	}
	return (f.From.IsZero() || !a.Start.Before(f.From)) && (f.Until.IsZero() || a.Start.Before(f.Until))
}

// caseloadToken is the name of the token that serializes the changes of
// a specialist's caseload.
func caseloadToken(s SpecialistID) string { return "peer.caseload/" + s.String() }

// load counts the assignments of a specialist that count against capacity
// for one starting on from: an index range of those that last until from
// or later.
func load(ctx context.Context, db *storage.DB, s SpecialistID, from peersupport.Date) (int, error) {
	n := 0
	err := Assignments.Scan(ctx, db, loadRange{s, from}, func(*Assignment) bool { n++; return true })
	return n, err
}

// loadRange is the index range of the assignments that count against a
// specialist's capacity from a day.
type loadRange struct {
	s    SpecialistID
	from peersupport.Date
}

func (r loadRange) Query() storage.Query {
	return storage.Query{Index: "specialist_until", Prefix: []storage.Value{storage.String(r.s.String())}, Lo: storage.Date(r.from), Exact: true}
}

func (loadRange) Matches(*Assignment) bool { return true }

// Assign puts the peer on the specialist's caseload from the given day and
// returns the new assignment. It reads the peer and the specialist, and
// writes the assignment in one commit that also moves the specialist's
// caseload token and checks that neither record changed: so concurrent
// callers never take the specialist beyond capacity, a peer is never
// assigned twice to one specialist, and a status changed at the same
// moment is seen. It retries when another writer got there first. The
// rules, each with its own error:
//   - the peer and the specialist must exist ([ErrNotFound]) and be valid,
//     and from a valid day not before the peer's enrolment: [ErrInvalid];
//   - the peer must be active: [ErrPeerNotActive];
//   - the specialist must be active: [ErrSpecialistNotActive];
//   - the peer must not have an open assignment with the specialist:
//     [ErrAlreadyAssigned];
//   - the assignments that count against capacity from that day ([Load])
//     must be fewer than the specialist's CaseloadCapacity:
//     [ErrCaseloadFull].
//
// Other errors: [ErrConflict] after 64 conflicting attempts, ctx.Err(),
// the driver's errors. Nothing is stored on an error.
func Assign(ctx context.Context, db *storage.DB, peerID ID, specialistID SpecialistID, from peersupport.Date) (Assignment, error) {
	op := fmt.Sprintf("peer: assign %s to %s", peerID, specialistID)
	var made Assignment
	err := storage.Retry(ctx, func() error {
		p, err := Peers.Get(ctx, db, peerID)
		if err != nil {
			return err
		}
		s, err := Specialists.Get(ctx, db, specialistID)
		if err != nil {
			return err
		}
		token, err := db.Token(ctx, caseloadToken(s.ID))
		if err != nil {
			return err
		}
		switch {
		case !from.Valid() || from.Before(p.EnrolledOn):
			return fmt.Errorf("%w: start", ErrInvalid)
		case p.Status != StatusActive:
			return ErrPeerNotActive
		case s.Status != SpecialistStatusActive:
			return ErrSpecialistNotActive
		}
		open := false
		if err := Assignments.Scan(ctx, db, AssignmentFilter{PeerID: p.ID, OpenOnly: true}, func(a *Assignment) bool {
			open = a.SpecialistID == s.ID
			return !open
		}); err != nil {
			return err
		}
		if open {
			return ErrAlreadyAssigned
		}
		n, err := load(ctx, db, s.ID, from)
		if err != nil {
			return err
		}
		if n >= s.CaseloadCapacity {
			return ErrCaseloadFull
		}
		made = Assignment{ID: NewAssignmentID(), PeerID: p.ID, SpecialistID: s.ID, Start: from}
		return db.Commit(ctx, token, Peers.Check(&p), Specialists.Check(&s), Assignments.Insert(&made))
	})
	if err != nil {
		return Assignment{}, fmt.Errorf("%s: %w", op, err)
	}
	return made, nil
}

// Close ends a on the given day (its last day) for the reason. It returns
// [ErrAssignmentEnded] if a has ended already, and an error wrapping
// [ErrInvalid] if the day is not valid or before the start, or the reason
// is unspecified or unknown. On error a is unchanged. End changes only
// the value; [EndAssignment] stores it.
func (a *Assignment) Close(on peersupport.Date, reason EndReason) error {
	switch {
	case !a.Open():
		return ErrAssignmentEnded
	case !on.Valid() || on.Before(a.Start):
		return fmt.Errorf("%w: end", ErrInvalid)
	case !reason.Valid():
		return fmt.Errorf("%w: end_reason", ErrInvalid)
	}
	a.End, a.EndReason = on, reason
	return nil
}

// EndAssignment ends the assignment on the given day for the reason and
// stores it, with the specialist's caseload token, retrying on
// concurrent changes. Errors: those of [Assignment.Close]; [ErrNotFound];
// [ErrConflict] after 64 attempts; ctx.Err(); the driver's.
func EndAssignment(ctx context.Context, db *storage.DB, id AssignmentID, on peersupport.Date, reason EndReason) (Assignment, error) {
	var ended Assignment
	err := storage.Retry(ctx, func() error {
		a, err := Assignments.Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := a.Close(on, reason); err != nil {
			return err
		}
		token, err := db.Token(ctx, caseloadToken(a.SpecialistID))
		if err != nil {
			return err
		}
		if err := db.Commit(ctx, token, Assignments.Put(&a)); err != nil {
			return err
		}
		ended = a
		return nil
	})
	if err != nil {
		return Assignment{}, fmt.Errorf("peer: end assignment %s: %w", id, err)
	}
	return ended, nil
}

// EndCaseload ends every open assignment of the specialist on the given
// day for the reason, in one commit, as when a specialist leaves and all
// their peers need reassignment, and returns the assignments it ended.
// Assignments that start after the day end on their start day. It
// returns an error wrapping [ErrInvalid], and changes nothing, if the day
// or the reason is not valid; [ErrConflict] after 64 attempts; ctx.Err();
// the driver's errors.
func EndCaseload(ctx context.Context, db *storage.DB, specialist SpecialistID, on peersupport.Date, reason EndReason) ([]Assignment, error) {
	if !on.Valid() || !reason.Valid() {
		return nil, fmt.Errorf("peer: end the caseload of %s: %w", specialist, ErrInvalid)
	}
	var ended []Assignment
	err := storage.Retry(ctx, func() error {
		ended = ended[:0]
		token, err := db.Token(ctx, caseloadToken(specialist))
		if err != nil {
			return err
		}
		writes := []storage.Write{token}
		for a, err := range Assignments.List(ctx, db, AssignmentFilter{SpecialistID: specialist, OpenOnly: true}) {
			if err != nil {
				return err
			}
			a.End, a.EndReason = on, reason
			if on.Before(a.Start) {
				a.End = a.Start
			}
			ended = append(ended, a)
		}
		for i := range ended {
			writes = append(writes, Assignments.Put(&ended[i]))
		}
		return db.Commit(ctx, writes...)
	})
	if err != nil {
		return nil, fmt.Errorf("peer: end the caseload of %s: %w", specialist, err)
	}
	return ended, nil
}

// CaseloadPeers returns the peers with an assignment to the specialist in
// force on the day, in the order of the assignments' start. Errors: the
// driver's, ErrNotFound for an assigned peer who is not stored, ctx.Err().
func CaseloadPeers(ctx context.Context, db *storage.DB, specialist SpecialistID, on peersupport.Date) ([]Peer, error) {
	var out []Peer
	for a, err := range Assignments.List(ctx, db, AssignmentFilter{SpecialistID: specialist, ActiveOn: on}) {
		if err != nil {
			return nil, err
		}
		p, err := Peers.Get(ctx, db, a.PeerID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// Unassigned yields the peers of the status (every status when
// unspecified) who have no open assignment: those waiting for a
// specialist, in ascending order of ID. It reads the status index and,
// for each peer, one range of the open assignments index. Errors are the
// driver's, and ctx.Err().
func Unassigned(ctx context.Context, db *storage.DB, status Status) iter.Seq2[Peer, error] {
	return func(yield func(Peer, error) bool) {
		for p, err := range Peers.List(ctx, db, PeerFilter{Status: status}) {
			if err != nil {
				yield(Peer{}, err)
				return
			}
			open := false
			if err := Assignments.Scan(ctx, db, AssignmentFilter{PeerID: p.ID, OpenOnly: true}, func(*Assignment) bool {
				open = true
				return false
			}); err != nil {
				yield(Peer{}, err)
				return
			}
			if !open && !yield(p, nil) {
				return
			}
		}
	}
}

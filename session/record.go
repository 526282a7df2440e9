package session

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// Check is a rule a host (or package boundary) runs on a session before
// [Record] or [Revise] saves it. A non-nil error stops the save; it is
// returned wrapped, so it can carry its own sentinels.
type Check interface {
	CheckSession(ctx context.Context, s Session) error
}

// CheckFunc turns a function into a [Check].
type CheckFunc func(ctx context.Context, s Session) error

// CheckSession calls f.
func (f CheckFunc) CheckSession(ctx context.Context, s Session) error {
	if f == nil {
		return fmt.Errorf("session: check %s: a nil CheckFunc: %w", s.ID, ErrInvalid)
	}
	return f(ctx, s)
}

// Options configure [Record] and [Revise]. A nil *Options means the
// defaults.
type Options struct {
	// Vocabulary defines the activities sessions may record; nil means
	// [DefaultVocabulary].
	Vocabulary *Vocabulary
	// Checks run, in order, after validation and before the double-booking
	// check.
	Checks []Check
}

func (o *Options) vocabulary() *Vocabulary {
	if o == nil || o.Vocabulary == nil {
		return DefaultVocabulary()
	}
	return o.Vocabulary
}

func (o *Options) run(ctx context.Context, s Session) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := o.vocabulary().Check(s); err != nil {
		return err
	}
	if o == nil {
		return nil
	}
	for _, c := range o.Checks {
		if err := c.CheckSession(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// Record stores a new session: scheduled, or already completed (a session
// recorded after it took place), or a group session made by
// [Group.Session]. Before it writes, it validates s, checks its activities
// against the vocabulary, runs the options' checks, and makes sure the
// specialist has no other session (scheduled or completed) at an
// overlapping time. Instants are stored in UTC.
//
// Double booking is prevented, not detected: the session is committed
// with the specialist's booking tokens of the days it takes (one per UTC
// day), so of two sessions recorded at once for overlapping times one
// commits, the other reads again, finds the first and is refused.
//
// It returns an error wrapping [ErrInvalid] for an invalid session or
// unknown activity, a *[DoubleBookingError] ([ErrDoubleBooked]) for an
// overlap, a check's error, or the driver's error ([ErrAlreadyExists]
// among them); nothing is stored then.
func Record(ctx context.Context, db *storage.DB, s Session, opts *Options) (Session, error) {
	s = s.utc()
	if err := opts.run(ctx, s); err != nil {
		return Session{}, fmt.Errorf("session: record %s: %w", s.ID, err)
	}
	var out Session
	err := storage.Retry(ctx, func() error {
		writes, err := bookings(ctx, db, s)
		if err != nil {
			return err
		}
		if err := doubleBooked(ctx, db, s); err != nil {
			return err
		}
		// Insert copies out to store it, and the commit makes out a copy
		// of what was stored: out needs no copy of its own first.
		out = s
		return db.Commit(ctx, append(writes, Sessions.Insert(&out))...)
	})
	if err != nil {
		return Session{}, fmt.Errorf("session: record %s: %w", s.ID, err)
	}
	return out, nil
}

// Revise reads the session, applies change to a copy and saves it, retrying
// with a fresh read when another writer got there first (a version
// conflict), so no concurrent change is lost. change may run more than
// once and must only change the session it is given; use the methods of
// Session inside it (Complete, RecordAttendance, SignNote, ...).
//
// Every write of a session enforces what no single method can (the
// collection's change rule, so a direct Sessions.Update does too): the
// status changes only from scheduled to completed, cancelled or no-show
// (otherwise a *[TransitionError]); a signed note, and the record it
// documents, never change except by co-signature, new amendments and
// referral outcomes ([ErrNoteSigned]); a participant's signed note locks
// that participant's attendance and minutes and the session's times,
// place and mode; the ID stays the same. Revise then
// runs the checks of [Record], including double booking, with the booking
// tokens, when the time, the specialist or the status changed.
//
// It returns change's error, the errors above, the driver's errors
// ([ErrNotFound] among them), or [ErrConflict] if every attempt met a
// conflict. Nothing is written when it returns an error.
func Revise(ctx context.Context, db *storage.DB, id ID, opts *Options, change func(*Session) error) (Session, error) {
	var saved Session
	err := storage.Retry(ctx, func() error {
		old, err := Sessions.Get(ctx, db, id)
		if err != nil {
			return err
		}
		next := old.Clone()
		if err := change(&next); err != nil {
			return err
		}
		next = next.utc()
		// Compare in UTC: a driver may hand back times in another location.
		if err := allowed(old.utc(), next); err != nil {
			return err
		}
		if err := opts.run(ctx, next); err != nil {
			return err
		}
		var writes []storage.Write
		if next.SpecialistID != old.SpecialistID || !next.When().Equal(old.When()) || next.Status != old.Status {
			if writes, err = bookings(ctx, db, next); err != nil {
				return err
			}
			if err := doubleBooked(ctx, db, next); err != nil {
				return err
			}
		}
		if err := db.Commit(ctx, append(writes, Sessions.Put(&next))...); err != nil {
			return err
		}
		saved = next
		return nil
	})
	if err != nil {
		return Session{}, fmt.Errorf("session: revise %s: %w", id, err)
	}
	return saved, nil
}

// bookings returns the writes of the booking tokens of the UTC days a
// session that holds its specialist's time takes: every two sessions that
// overlap share the token of a day they both take.
func bookings(ctx context.Context, db *storage.DB, s Session) ([]storage.Write, error) {
	if !s.Status.blocks() {
		return nil, nil
	}
	w := s.When()
	var writes []storage.Write
	for day := w.Start.UTC().Truncate(24 * time.Hour); day.Before(w.End); day = day.Add(24 * time.Hour) {
		t, err := db.Token(ctx, "session.booking/"+s.SpecialistID.String()+"/"+day.Format(time.DateOnly))
		if err != nil {
			return nil, err
		}
		writes = append(writes, t)
	}
	return writes, nil
}

// allowed reports the first rule that the change from old to next breaks.
func allowed(old, next Session) error {
	if next.ID != old.ID {
		return fmt.Errorf("%w: id", ErrInvalid)
	}
	if next.Status != old.Status && old.Status != StatusScheduled {
		return &TransitionError{ID: old.ID, From: old.Status, To: next.Status}
	}
	if !sameNote(old.Note, next.Note) {
		return fmt.Errorf("note: %w", ErrNoteSigned)
	}
	for i, p := range old.Participants {
		if !p.Note.IsSigned() && len(p.Note.Comments) == 0 {
			continue
		}
		j := next.participant(p.PeerID)
		if j < 0 || !sameNote(p.Note, next.Participants[j].Note) {
			return fmt.Errorf("participants[%d].note: %w", i, ErrNoteSigned)
		}
		if !p.Note.IsSigned() {
			continue
		}
		// The note attests the participant's attendance and minutes, at
		// the session's times and place.
		if q := next.Participants[j]; q.Attendance != p.Attendance || q.Minutes != p.Minutes {
			return fmt.Errorf("participants[%d]: attendance and minutes: %w", j, ErrNoteSigned)
		}
		if !next.Scheduled.Equal(old.Scheduled) || !next.Actual.Equal(old.Actual) || next.Place != old.Place || next.Mode != old.Mode {
			return fmt.Errorf("participants[%d].note: the session's times and place: %w", i, ErrNoteSigned)
		}
	}
	if old.Note.IsSigned() && !reflect.DeepEqual(lockedView(old), lockedView(next)) {
		return fmt.Errorf("session fields: %w", ErrNoteSigned)
	}
	return nil
}

// sameNote reports whether next keeps what old has signed: the sections,
// format, signature and late flag unchanged, a co-signature kept once
// given, and earlier amendments kept in order; and, signed or not, every
// comment kept as written, in order (a peer's words are theirs).
func sameNote(old, next Note) bool {
	if len(next.Comments) < len(old.Comments) ||
		!slices.EqualFunc(next.Comments[:len(old.Comments)], old.Comments, func(a, b Comment) bool {
			return a.Author == b.Author && a.At.Equal(b.At) && a.Text == b.Text
		}) {
		return false
	}
	if !old.IsSigned() {
		return true
	}
	return next.Format == old.Format &&
		slices.Equal(next.Sections, old.Sections) &&
		next.Signed.SpecialistID == old.Signed.SpecialistID && next.Signed.At.Equal(old.Signed.At) &&
		next.LateEntry == old.LateEntry &&
		(old.CoSigned.IsZero() || next.CoSigned.SupervisorID == old.CoSigned.SupervisorID && next.CoSigned.At.Equal(old.CoSigned.At)) &&
		len(next.Amendments) >= len(old.Amendments) &&
		slices.EqualFunc(next.Amendments[:len(old.Amendments)], old.Amendments, func(a, b Amendment) bool {
			return a.Author == b.Author && a.At.Equal(b.At) && a.Reason == b.Reason && slices.Equal(a.Sections, b.Sections)
		})
}

// lockedView returns the part of s that a signed note locks: everything
// but the version, the notes themselves and the referral outcomes.
func lockedView(s Session) Session {
	s = s.Clone()
	s.Version = 0
	s.Note = Note{}
	for i := range s.Participants {
		s.Participants[i].Note = Note{}
	}
	for i := range s.Referrals {
		s.Referrals[i].Outcome = ReferralOutcomeUnspecified
	}
	return s
}

// utc returns s with every instant in UTC: s itself when they are all in
// UTC already (what a store hands back), or a copy with them converted,
// so that s's slices are never written to.
func (s Session) utc() Session {
	if s.inUTC() {
		return s
	}
	s = s.Clone()
	s.toUTC()
	return s
}

// toUTC puts every instant of s in UTC, in place: s's slices must be its
// own (the storage layer's copy, which Sessions' Normalize gets).
func (s *Session) toUTC() {
	s.Scheduled, s.Actual = s.Scheduled.UTC(), s.Actual.UTC()
	for i := range s.Reschedules {
		r := &s.Reschedules[i]
		r.From, r.At = r.From.UTC(), r.At.UTC()
	}
	s.Cancellation.At = s.Cancellation.At.UTC()
	s.Note.toUTC()
	for i := range s.Participants {
		s.Participants[i].Note.toUTC()
	}
}

// toUTC puts every instant of n in UTC, in place (see Session.toUTC).
func (n *Note) toUTC() {
	n.Signed.At, n.CoSigned.At = n.Signed.At.UTC(), n.CoSigned.At.UTC()
	for i := range n.Amendments {
		n.Amendments[i].At = n.Amendments[i].At.UTC()
	}
	for i := range n.Comments {
		n.Comments[i].At = n.Comments[i].At.UTC()
	}
}

// inUTC reports whether every instant of s is in UTC without a monotonic
// clock reading, as toUTC leaves it. It reads the instants toUTC writes
// (TestInstantsCoverEverySessionTime holds the two lists together, and to
// every instant a session has).
func (s *Session) inUTC() bool {
	if !isUTC(s.Scheduled.Start) || !isUTC(s.Scheduled.End) || !isUTC(s.Actual.Start) || !isUTC(s.Actual.End) ||
		!isUTC(s.Cancellation.At) || !s.Note.inUTC() {
		return false
	}
	for i := range s.Reschedules {
		if r := &s.Reschedules[i]; !isUTC(r.From.Start) || !isUTC(r.From.End) || !isUTC(r.At) {
			return false
		}
	}
	for i := range s.Participants {
		if !s.Participants[i].Note.inUTC() {
			return false
		}
	}
	return true
}

// inUTC reports whether every instant of n is in UTC (see Session.inUTC).
func (n *Note) inUTC() bool {
	if !isUTC(n.Signed.At) || !isUTC(n.CoSigned.At) {
		return false
	}
	for i := range n.Amendments {
		if !isUTC(n.Amendments[i].At) {
			return false
		}
	}
	for i := range n.Comments {
		if !isUTC(n.Comments[i].At) {
			return false
		}
	}
	return true
}

// isUTC reports whether t is as t.UTC() leaves it: in UTC, without a
// monotonic clock reading.
func isUTC(t time.Time) bool { return t == t.UTC() }

// blocks reports whether a session in this status holds the specialist's
// time.
func (s Status) blocks() bool { return s == StatusScheduled || s == StatusCompleted }

// doubleBooked returns a *DoubleBookingError if the specialist of s has
// another session that holds an overlapping time.
func doubleBooked(ctx context.Context, db *storage.DB, s Session) error {
	if !s.Status.blocks() {
		return nil
	}
	w := s.When()
	var with []ID
	for o, err := range Sessions.List(ctx, db, SessionFilter{SpecialistID: s.SpecialistID, From: w.Start, Until: w.End}) {
		if err != nil {
			return fmt.Errorf("double-booking check of %s: %w", s.ID, err)
		}
		if o.ID != s.ID && o.Status.blocks() && o.When().Overlaps(w) {
			with = append(with, o.ID)
		}
	}
	if len(with) > 0 {
		return &DoubleBookingError{ID: s.ID, With: with}
	}
	return nil
}

// Overlap is a pair of sessions of one specialist whose times overlap:
// First starts no later than Second.
type Overlap struct {
	First, Second ID
}

// DoubleBookings finds every pair of sessions of the specialist, scheduled
// or completed, whose times ([Session.When]) overlap and reach into
// [from, until), in the order of the listing. [Record] and [Revise]
// prevent them; this audits records written some other way (imported, or
// written before the booking tokens). It returns the driver's error,
// wrapped, if listing fails.
func DoubleBookings(ctx context.Context, db *storage.DB, id peer.SpecialistID, from, until time.Time) ([]Overlap, error) {
	type open struct {
		id  ID
		end time.Time
	}
	var active []open
	var out []Overlap
	for s, err := range Sessions.List(ctx, db, SessionFilter{SpecialistID: id, From: from, Until: until}) {
		if err != nil {
			return nil, fmt.Errorf("session: double bookings of %s: %w", id, err)
		}
		if !s.Status.blocks() {
			continue
		}
		w := s.When()
		active = slices.DeleteFunc(active, func(o open) bool { return !o.end.After(w.Start) })
		for _, o := range active {
			out = append(out, Overlap{First: o.id, Second: s.ID})
		}
		active = append(active, open{s.ID, w.End})
	}
	return out, nil
}

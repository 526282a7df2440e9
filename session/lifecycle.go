package session

import (
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// DefaultLateEntryAfter is the time after a session within which its note
// is signed before [Session.SignNote] flags it as a late entry, when the
// caller gives none. Programs and payers set their own deadline; pass it.
const DefaultLateEntryAfter = 72 * time.Hour

// transition returns a *TransitionError unless s is scheduled.
func (s *Session) transition(to Status) error {
	if s.Status != StatusScheduled {
		return &TransitionError{ID: s.ID, From: s.Status, To: to}
	}
	return nil
}

// Complete records that a scheduled session took place during actual. It
// returns a *[TransitionError] ([ErrTransition]) unless the session is
// scheduled, and an error wrapping [ErrInvalid] if actual's end is not
// after its start. Record the support given before saving: a completed
// session fails validation without it. On error s is unchanged.
func (s *Session) Complete(actual Interval) error {
	if err := s.transition(StatusCompleted); err != nil {
		return err
	}
	var f check.Fields
	actual.check(&f, "actual", true)
	if err := f.Err(ErrInvalid, "session.Session"); err != nil {
		return fmt.Errorf("session: complete %s: %w", s.ID, err)
	}
	s.Status, s.Actual = StatusCompleted, actual.UTC()
	return nil
}

// Cancel cancels a scheduled session. It returns a *[TransitionError]
// unless the session is scheduled, and an error wrapping [ErrInvalid] if
// the reason or time is missing or the backup is the session's own
// specialist. On error s is unchanged.
func (s *Session) Cancel(c Cancellation) error {
	if err := s.transition(StatusCancelled); err != nil {
		return err
	}
	next := *s
	next.Status, next.Cancellation = StatusCancelled, c
	next.Cancellation.At = c.At.UTC()
	var f check.Fields
	next.checkCancellation(&f)
	if err := f.Err(ErrInvalid, "session.Session"); err != nil {
		return fmt.Errorf("session: cancel %s: %w", s.ID, err)
	}
	*s = next
	return nil
}

// MarkNoShow records that the peer did not come (for a group: nobody
// came). It returns a *[TransitionError] unless the session is scheduled.
func (s *Session) MarkNoShow() error {
	if err := s.transition(StatusNoShow); err != nil {
		return err
	}
	s.Status = StatusNoShow
	return nil
}

// Reschedule moves a scheduled session to a new time, keeping the old one
// in Reschedules. It returns a *[TransitionError] unless the session is
// scheduled, and an error wrapping [ErrInvalid] if to is not a valid
// interval or at is zero. On error s is unchanged. [Revise] checks the new
// time for double booking when it saves.
func (s *Session) Reschedule(to Interval, at time.Time) error {
	if err := s.transition(StatusScheduled); err != nil {
		return err
	}
	var f check.Fields
	to.check(&f, "scheduled", true)
	f.Required("reschedules.at", at.IsZero())
	if err := f.Err(ErrInvalid, "session.Session"); err != nil {
		return fmt.Errorf("session: reschedule %s: %w", s.ID, err)
	}
	s.Reschedules = append(slices.Clip(s.Reschedules), Reschedule{From: s.Scheduled, At: at.UTC()})
	s.Scheduled = to.UTC()
	return nil
}

// AddParticipant adds a peer to a group session that has not ended (a
// walk-in). It returns [ErrAlreadyParticipant] if the peer is in it,
// [ErrNotHeld] if the session was cancelled or a no-show,
// [ErrNoteSigned] once the note is signed, and an error wrapping
// [ErrInvalid] for a one-on-one session or a zero ID.
func (s *Session) AddParticipant(id peer.ID) error {
	switch {
	case s.Kind != KindGroup || id.IsZero():
		return fmt.Errorf("session: add participant to %s: %w: participants", s.ID, ErrInvalid)
	case s.Status != StatusScheduled && s.Status != StatusCompleted:
		return fmt.Errorf("session: add participant to %s: %w", s.ID, ErrNotHeld)
	case s.Note.IsSigned():
		return fmt.Errorf("session: add participant to %s: %w", s.ID, ErrNoteSigned)
	case s.participant(id) >= 0:
		return fmt.Errorf("session: add participant %s to %s: %w", id, s.ID, ErrAlreadyParticipant)
	}
	s.Participants = append(slices.Clip(s.Participants), Participant{PeerID: id})
	return nil
}

// RecordAttendance records how a participant attended and for how many
// minutes (0 for absent or excused). It returns [ErrNotParticipant] if the
// peer is not a participant, [ErrNotHeld] for a cancelled or no-show
// session, [ErrNoteSigned] once the note is signed, and an error
// wrapping [ErrInvalid] if minutes are negative, longer than a completed
// session, given for a peer who did not attend, or missing for one who
// did. For a one-on-one session only the attendance is kept: its minutes
// are the session's. On error s is unchanged.
func (s *Session) RecordAttendance(id peer.ID, a Attendance, minutes int) error {
	i := s.participant(id)
	switch {
	case i < 0:
		return fmt.Errorf("session: attendance of %s in %s: %w", id, s.ID, ErrNotParticipant)
	case s.Status != StatusScheduled && s.Status != StatusCompleted:
		return fmt.Errorf("session: attendance in %s: %w", s.ID, ErrNotHeld)
	case s.Note.IsSigned():
		return fmt.Errorf("session: attendance in %s: %w", s.ID, ErrNoteSigned)
	}
	var f check.Fields
	f.Enter("participants", i)
	check.EnumValue(&f, "attendance", a, true)
	switch {
	case minutes < 0:
		f.Add("minutes", peersupport.RuleNegative)
	case s.Kind != KindGroup:
		minutes = 0
	case !a.Attended() && minutes > 0:
		f.Add("minutes", peersupport.RuleForbidden)
	case a.Attended() && minutes == 0:
		f.Add("minutes", peersupport.RuleRequired)
	case s.Status == StatusCompleted && minutes > s.Actual.Minutes():
		f.Add("minutes", peersupport.RuleOutOfRange)
	}
	if err := f.Err(ErrInvalid, "session.Session"); err != nil {
		return fmt.Errorf("session: attendance in %s: %w", s.ID, err)
	}
	s.Participants = slices.Clone(s.Participants)
	s.Participants[i].Attendance, s.Participants[i].Minutes = a, minutes
	return nil
}

// SignNote signs the session's note for the specialist who gave it. A note
// signed more than lateAfter after the session ended is flagged as a late
// entry (LateEntry); lateAfter 0 means [DefaultLateEntryAfter]. It returns
// [ErrNotHeld] unless the session is completed, [ErrNotSessionSpecialist]
// if by is not the session's specialist, [ErrAlreadySigned] if the note is
// signed, and an error wrapping [ErrInvalid] if a section of the note's
// format is missing or at comes before the session ended. On error s is
// unchanged.
func (s *Session) SignNote(by peer.SpecialistID, at time.Time, lateAfter time.Duration) error {
	n, err := s.signed(s.Note, by, at, lateAfter)
	if err != nil {
		return fmt.Errorf("session: sign note of %s: %w", s.ID, err)
	}
	s.Note = n
	return nil
}

// SignParticipantNote signs the note of one participant of a group
// session, by the rules of [Session.SignNote]; it also returns
// [ErrNotParticipant] if the peer is not a participant.
func (s *Session) SignParticipantNote(id peer.ID, by peer.SpecialistID, at time.Time, lateAfter time.Duration) error {
	i := s.participant(id)
	if i < 0 {
		return fmt.Errorf("session: sign note of %s in %s: %w", id, s.ID, ErrNotParticipant)
	}
	n, err := s.signed(s.Participants[i].Note, by, at, lateAfter)
	if err != nil {
		return fmt.Errorf("session: sign note of %s in %s: %w", id, s.ID, err)
	}
	s.Participants = slices.Clone(s.Participants)
	s.Participants[i].Note = n
	return nil
}

func (s *Session) signed(n Note, by peer.SpecialistID, at time.Time, lateAfter time.Duration) (Note, error) {
	switch {
	case s.Status != StatusCompleted:
		return n, ErrNotHeld
	case by != s.SpecialistID:
		return n, ErrNotSessionSpecialist
	case !at.IsZero() && at.Before(s.Actual.End):
		return n, &peersupport.ValidationError{Type: "session.Note",
			Fields: []peersupport.FieldError{{Path: "signed.at", Rule: peersupport.RuleOrder}}, Err: ErrInvalid}
	}
	n = n.Clone()
	if err := n.sign(by, at); err != nil {
		return n, err
	}
	if lateAfter <= 0 {
		lateAfter = DefaultLateEntryAfter
	}
	n.LateEntry = at.Sub(s.Actual.End) > lateAfter
	return n, nil
}

// Cover returns a new scheduled session in which the backup specialist
// named at cancellation covers s: the same kind, group, participants
// (attendance cleared), mode, place and time, with CoversID set to s.ID.
// It returns a *[TransitionError] unless s is cancelled and [ErrNoBackup]
// if no backup was named. Store the result with [Record], which checks the
// backup for double booking.
func (s Session) Cover(id ID) (Session, error) {
	switch {
	case s.Status != StatusCancelled:
		return Session{}, &TransitionError{ID: s.ID, From: s.Status, To: StatusScheduled}
	case s.Cancellation.BackupSpecialistID.IsZero():
		return Session{}, fmt.Errorf("session: cover %s: %w", s.ID, ErrNoBackup)
	}
	c := Session{
		ID:           id,
		Kind:         s.Kind,
		GroupType:    s.GroupType,
		GroupID:      s.GroupID,
		SpecialistID: s.Cancellation.BackupSpecialistID,
		Participants: make([]Participant, len(s.Participants)),
		Mode:         s.Mode,
		Place:        s.Place,
		Status:       StatusScheduled,
		Scheduled:    s.Scheduled,
		CoversID:     s.ID,
		GoalIDs:      slices.Clone(s.GoalIDs),
	}
	for i, p := range s.Participants {
		c.Participants[i] = Participant{PeerID: p.PeerID}
	}
	return c, nil
}

// Comment adds a comment to the session's note, by the peer the note is
// about (a one-on-one session's peer), the session's specialist or a
// supervisor: the peer's own words on record beside the specialist's,
// each with its author. It works on signed notes too, which it leaves as
// signed: a comment is neither an edit nor an amendment. For a group,
// peers comment on their own notes ([Session.CommentOnParticipantNote]).
// It returns [ErrNotHeld] for a session not completed, an error wrapping
// [ErrInvalid] for a note not yet written, an author who may not
// comment, an instant before the last comment or a blank, overlong or
// not UTF-8 text. On error s is unchanged.
func (s *Session) Comment(by Author, text string, at time.Time) error {
	n, err := s.commented(s.Note, by, text, at, func(id peer.ID) bool { return s.Kind == KindOneOnOne && s.participant(id) == 0 })
	if err != nil {
		return fmt.Errorf("session: comment on %s: %w", s.ID, err)
	}
	s.Note = n
	return nil
}

// CommentOnParticipantNote is [Session.Comment] on the own note of a
// participant of a group, whom a peer author must be. It returns
// [ErrNotParticipant] for a peer who is not a participant, and the errors
// of Comment.
func (s *Session) CommentOnParticipantNote(id peer.ID, by Author, text string, at time.Time) error {
	i := s.participant(id)
	if i < 0 {
		return fmt.Errorf("session: comment on the note of %s in %s: %w", id, s.ID, ErrNotParticipant)
	}
	n, err := s.commented(s.Participants[i].Note, by, text, at, func(p peer.ID) bool { return p == id })
	if err != nil {
		return fmt.Errorf("session: comment on the note of %s in %s: %w", id, s.ID, err)
	}
	s.Participants = slices.Clone(s.Participants)
	s.Participants[i].Note = n
	return nil
}

func (s *Session) commented(n Note, by Author, text string, at time.Time, about func(peer.ID) bool) (Note, error) {
	if s.Status != StatusCompleted {
		return n, ErrNotHeld
	}
	var f check.Fields
	if n.Format == NoteFormatUnspecified {
		f.Add("note", peersupport.RuleRequired)
	}
	if !by.SpecialistID.IsZero() && by.SpecialistID != s.SpecialistID {
		f.Add("author.specialist_id", peersupport.RuleMismatch)
	}
	n = n.Clone()
	n.Comments = append(n.Comments, Comment{Author: by, At: at.UTC(), Text: text})
	n.checkComments(&f, "comments", about, s.Actual.End)
	if err := f.Err(ErrInvalid, "session.Note"); err != nil {
		return n, err
	}
	return n, nil
}

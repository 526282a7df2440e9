package billing_test

// Audit tests: each one states what the rules or the docs promise and
// fails where the package does not keep the promise.

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// moveTo moves w's session (and its signatures) to start at t.
func moveTo(w *world, t time.Time) {
	d := w.Session.Actual.End.Sub(w.Session.Actual.Start)
	w.Session.Scheduled = session.Interval{Start: t, End: t.Add(d)}
	w.Session.Actual = w.Session.Scheduled
	w.Session.Note.Signed.At = w.Session.Actual.End
	if !w.Session.Note.CoSigned.IsZero() {
		w.Session.Note.CoSigned.At = w.Session.Actual.End.Add(time.Hour)
	}
	w.At = t.Add(24 * time.Hour)
}

func lineUnits(ls []billing.Line) int {
	n := 0
	for _, l := range ls {
		n += l.Units
	}
	return n
}

// A1. Texas: "limited to 104 units in a rolling six-month period". The
// rolling cap looks only backwards from the service date, so a session
// billed late (after later sessions were billed) is not checked against
// the windows that end after it.
func TestAdversarialRollingCapBackdatedSession(t *testing.T) {
	w := newWorld(240) // 16 units on Monday March 2, 2026
	w.shipped(billing.Texas())
	june := peersupport.Date{Year: 2026, Month: time.June, Day: 1}
	w.Billed = []billing.Line{billed(w.Rules, w.Peers[0].ID, june, 100, billing.AuthorizationID{})}
	r, err := w.review()
	require.NoError(t, err)
	// The window of the June 1 line (Dec 2, 2025 - June 1, 2026) holds
	// March 2 too.
	assert.LessOrEqual(t, 100+lineUnits(r.Lines), 104,
		"a six-month window would hold %d units: %v", 100+lineUnits(r.Lines), r.Holds)
}

// A2. The rolling window's first day comes from Date.AddDate, which
// normalises Feb 31 to Mar 3: six months before Aug 31 starts on Mar 4,
// while six months before Sep 1 starts on Mar 2. The window is not
// monotonic, and a line of March 3 is outside the window of Aug 31.
func TestAdversarialRollingCapMonthEnd(t *testing.T) {
	w := newWorld(60)
	w.shipped(billing.Texas())
	moveTo(w, time.Date(2026, time.August, 31, 14, 0, 0, 0, ny))
	mar3 := peersupport.Date{Year: 2026, Month: time.March, Day: 3}
	w.Billed = []billing.Line{billed(w.Rules, w.Peers[0].ID, mar3, 104, billing.AuthorizationID{})}
	r, err := w.review()
	require.NoError(t, err)
	assert.True(t, r.Has(billing.ReasonCapReached),
		"March 3 is within six months of August 31; lines: %d units", lineUnits(r.Lines))

	// The next day does see it: the window of Sep 1 starts earlier than
	// the window of Aug 31.
	moveTo(w, time.Date(2026, time.September, 1, 14, 0, 0, 0, ny))
	r, err = w.review()
	require.NoError(t, err)
	assert.True(t, r.Has(billing.ReasonCapReached))
}

// A3. One authorization, two rule sets of the same payer and service
// (a host's copy of a shipped rule set under a new ID, or next year's
// version): each rule set counts only its own lines, so the authorization
// is overdrawn, and the same session is billed twice to the same payer.
func TestAdversarialAuthorizationSharedBetweenRuleSets(t *testing.T) {
	ctx := context.Background()
	w := newWorld(120) // 8 units
	r1 := billing.Default(payer)
	r1.ID, r1.Requires.Authorization = "payer-h0038-2026", true
	r2 := r1.Clone()
	r2.ID, r2.Version = "payer-h0038-2027", "2027-01-01"
	w.Rules = r1
	w.Session.Note.CoSigned = session.CoSignature{}
	w.Authorizations[1].Units = 10
	db := w.store(t)
	s2 := w.Session
	s2.ID = session.NewID()
	s2.Scheduled.Start, s2.Scheduled.End = s2.Scheduled.Start.Add(3*time.Hour), s2.Scheduled.End.Add(3*time.Hour)
	s2.Actual, s2.Note.Signed.At = s2.Scheduled, s2.Scheduled.End
	_, err := session.Sessions.Create(ctx, db, s2)
	require.NoError(t, err)

	_, err = billing.Bill(ctx, db, w.Session.ID, r1, opts())
	require.NoError(t, err)
	_, _ = billing.Bill(ctx, db, s2.ID, r2, opts())
	used, err := billing.Used(ctx, db, w.Authorizations[1].ID)
	require.NoError(t, err)
	assert.LessOrEqual(t, used, 10, "an authorization of 10 units has %d units billed against it", used)

	// The first session again, under the second rule set: a second line
	// for the same session, peer, payer and code.
	r, err := billing.Bill(ctx, db, w.Session.ID, r2, opts())
	assert.ErrorIs(t, err, billing.ErrHeld, "the session was billed to this payer already; got %d lines", len(r.Lines))
}

// A4. Concurrent bills of the same peer under two rule sets take two
// different tokens, so even the one-rule-set count cannot serialize them.
func TestAdversarialConcurrentBillsAcrossRuleSets(t *testing.T) {
	ctx := context.Background()
	for round := range 5 {
		w := newWorld(120) // 8 units
		r1 := billing.Default(payer)
		r1.ID, r1.Requires.Authorization = "payer-h0038-a", true
		r2 := r1.Clone()
		r2.ID = "payer-h0038-b"
		w.Rules = r1
		w.Session.Note.CoSigned = session.CoSignature{}
		w.Authorizations[1].Units = 8
		db := w.store(t)
		s2 := w.Session
		s2.ID = session.NewID()
		s2.Scheduled.Start, s2.Scheduled.End = s2.Scheduled.Start.Add(3*time.Hour), s2.Scheduled.End.Add(3*time.Hour)
		s2.Actual, s2.Note.Signed.At = s2.Scheduled, s2.Scheduled.End
		_, err := session.Sessions.Create(ctx, db, s2)
		require.NoError(t, err)
		var wg sync.WaitGroup
		wg.Go(func() { _, _ = billing.Bill(ctx, db, w.Session.ID, r1, opts()) })
		wg.Go(func() { _, _ = billing.Bill(ctx, db, s2.ID, r2, opts()) })
		wg.Wait()
		used, err := billing.Used(ctx, db, w.Authorizations[1].ID)
		require.NoError(t, err)
		assert.LessOrEqual(t, used, 8, "round %d", round)
	}
}

// A5. Options.SubstanceUse says the program's records are 42 CFR Part 2
// records: "the consent to bill must cover them". Under a rule set that
// does not list consent_to_bill (Texas), a Part 2 program bills with no
// consent at all.
func TestAdversarialPart2ProgramBillsWithoutConsent(t *testing.T) {
	w := newWorld(60)
	w.shipped(billing.Texas())
	w.Consents = nil
	o := opts()
	require.True(t, o.SubstanceUse)
	r, err := billing.Review(w.Facts, o)
	require.NoError(t, err)
	assert.Empty(t, r.Lines, "a Part 2 program's claim went out with no consent of the peer")
}

// A6. Virginia: the recommendation "shall be valid for no longer than 30
// calendar days" (12VAC30-130-5210 B). An order recorded with an End
// date is in force until End, whatever order_valid_days says.
func TestAdversarialOrderEndOverridesValidity(t *testing.T) {
	va, err := billing.Virginia(h0038)
	require.NoError(t, err)
	w := newWorld(60)
	w.shipped(va)
	w.Authorizations[0].Start = day.AddDays(-200)
	w.Authorizations[0].End = day.AddDays(100)
	require.NoError(t, w.Authorizations[0].Validate())
	r, err := w.review()
	require.NoError(t, err)
	assert.True(t, r.Has(billing.ReasonOrderExpired), "a 300-day recommendation was accepted; lines: %d", len(r.Lines))
}

// A7. The credential checked is the note signer's; the line's rendering
// provider is the session's specialist. A note signed by a credentialed
// colleague makes a line for an uncredentialed specialist.
func TestAdversarialRenderingSpecialistNotCredentialed(t *testing.T) {
	w := newWorld(60)
	colleague := specialist()
	w.Session.Note.Signed.SpecialistID = colleague.ID
	w.Credentials[0].SpecialistID = colleague.ID // the session's specialist holds none
	r, err := w.review()
	require.NoError(t, err)
	for _, l := range r.Lines {
		assert.NotEqual(t, w.Session.SpecialistID, l.Rendering, "a line renders an uncredentialed specialist")
	}
}

// A8. A group attendee's own note, signed by someone who holds no
// credential, passes: only the shared note's signer is checked.
func TestAdversarialOwnNoteSignerNotCredentialed(t *testing.T) {
	w := newWorld(60)
	w.group(2)
	own := note()
	own.Signed = session.Signature{SpecialistID: specialist().ID, At: w.Session.Actual.End}
	w.Session.Participants[1].Note = own
	require.NoError(t, w.Session.Validate())
	r, err := w.review()
	require.NoError(t, err)
	for _, l := range r.Lines {
		assert.NotEqual(t, w.Peers[1].ID, l.PeerID, "billed on a note signed by an uncredentialed person")
	}
}

// A9. Readiness (what Bill returns) has no LogValue: slog's JSON handler
// marshals it, member IDs and diagnosis codes included. So does a []Line.
func TestAdversarialReadinessLogsPHI(t *testing.T) {
	w := newWorld(60)
	r, err := w.review()
	require.NoError(t, err)
	require.Len(t, r.Lines, 1)
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("billed", "readiness", r)
	log.Info("billed", "lines", r.Lines)
	assert.NotContains(t, buf.String(), "M-1", "member ID in the log")
	assert.NotContains(t, buf.String(), "F11.20", "diagnosis in the log")
}

// A10. fhir.ExportClaims codes every modifier as HCPCS Level II; 95 is an
// AMA CPT modifier (research §6.6), and the rule sets' docs name 95 as a
// telehealth modifier.
func TestAdversarialClaimModifier95System(t *testing.T) {
	w := newWorld(30)
	w.Session.Mode, w.Session.Place = session.ModeVideo, ""
	r, err := w.review()
	require.NoError(t, err)
	require.Len(t, r.Lines, 1)
	require.Equal(t, []string{"95"}, r.Lines[0].Modifiers)
	claims, err := fhir.ExportClaims(r.Lines)
	require.NoError(t, err)
	assert.NotEqual(t, session.HCPCS, claims[0].Item[0].Modifier[0].Coding[0].System, "95 is a CPT modifier")
}

// A11. Default gives every payer the same rule set ID: two payers'
// defaults share caps, tokens and the "billed once" index, and
// report.Billing refuses them as "given twice".
func TestAdversarialDefaultIDIsPerPayer(t *testing.T) {
	a := billing.Default(peersupport.Identifier{System: billing.SystemPayer, Value: "a"})
	b := billing.Default(peersupport.Identifier{System: billing.SystemPayer, Value: "b"})
	assert.NotEqual(t, a.ID, b.ID)
}

// A12 (passes: the tokens hold). A group session and two one-on-one
// sessions of one peer, billed at once against an authorization of 10
// units: never more than 10.
func TestAdversarialConcurrentGroupAndOneOnOne(t *testing.T) {
	ctx := context.Background()
	for round := range 10 {
		w := newWorld(60) // 4 units each
		w.Rules.Requires.CoSignature = false
		w.Session.Note.CoSigned = session.CoSignature{}
		w.Authorizations[1].Units = 10
		g := newWorld(60)
		db := w.store(t)
		// A group of the same peer and one more, two hours later.
		gs := g.Session
		gs.ID, gs.SpecialistID = session.NewID(), w.Session.SpecialistID
		gs.Kind, gs.GroupType = session.KindGroup, session.GroupTypeWellness
		gs.Participants = []session.Participant{{PeerID: w.Peers[0].ID, Attendance: session.AttendancePresent, Minutes: 60}}
		gs.Scheduled.Start, gs.Scheduled.End = gs.Scheduled.Start.Add(2*time.Hour), gs.Scheduled.End.Add(2*time.Hour)
		gs.Actual = gs.Scheduled
		gs.Note.Signed = session.Signature{SpecialistID: w.Session.SpecialistID, At: gs.Actual.End}
		gs.Note.CoSigned = session.CoSignature{}
		_, err := session.Sessions.Create(ctx, db, gs)
		require.NoError(t, err)
		s3 := w.Session
		s3.ID = session.NewID()
		s3.Scheduled.Start, s3.Scheduled.End = s3.Scheduled.Start.Add(4*time.Hour), s3.Scheduled.End.Add(4*time.Hour)
		s3.Actual, s3.Note.Signed.At = s3.Scheduled, s3.Scheduled.End
		_, err = session.Sessions.Create(ctx, db, s3)
		require.NoError(t, err)
		var wg sync.WaitGroup
		for _, id := range []session.ID{w.Session.ID, gs.ID, s3.ID} {
			wg.Go(func() { _, _ = billing.Bill(ctx, db, id, w.Rules, opts()) })
		}
		wg.Wait()
		used, err := billing.Used(ctx, db, w.Authorizations[1].ID)
		require.NoError(t, err)
		assert.Equal(t, 10, used, "round %d", round)
	}
}

// A13. One session whose participant's record is missing (or whose
// review fails for any reason) makes Pending, and report.Billing, return
// nothing at all: the whole work list is lost.
func TestAdversarialPendingOneBadSessionHidesAll(t *testing.T) {
	ctx := context.Background()
	w := newWorld(60)
	w.Session.Note.CoSigned = session.CoSignature{}
	w.Rules.Requires.CoSignature = false
	db := w.store(t)
	bad := w.Session
	bad.ID = session.NewID()
	bad.Participants = []session.Participant{{PeerID: newPeer().ID}} // never stored
	bad.Scheduled.Start, bad.Scheduled.End = bad.Scheduled.Start.Add(3*time.Hour), bad.Scheduled.End.Add(3*time.Hour)
	bad.Actual, bad.Note.Signed.At = bad.Scheduled, bad.Scheduled.End
	_, err := session.Sessions.Create(ctx, db, bad)
	require.NoError(t, err)
	pending, err := billing.Pending(ctx, db, w.Rules, start.Add(-time.Hour), start.Add(24*time.Hour), opts())
	require.NoError(t, err)
	require.Len(t, pending, 2, "the good session is still work to do")
	assert.True(t, pending[0].Ready())
	assert.Equal(t, []billing.Reason{billing.ReasonRecordMissing}, pending[1].Reasons(), "the bad one is held, not hiding the rest")
}

// A14. Two sessions of one peer at the same time (a duplicate record, or
// an EHR import beside the native record, here under two specialists)
// are both billed: lines carry no times, and nothing checks that a
// peer's billed minutes overlap.
func TestAdversarialOverlappingSessionsBilledTwice(t *testing.T) {
	ctx := context.Background()
	w := newWorld(60)
	w.Session.Note.CoSigned = session.CoSignature{}
	w.Rules.Requires.CoSignature = false
	db := w.store(t)
	other := validSpecialist(specialist())
	_, err := peer.Specialists.Create(ctx, db, other)
	require.NoError(t, err)
	cred := w.Credentials[0]
	cred.ID, cred.SpecialistID = certification.NewCredentialID(), other.ID
	_, err = certification.Credentials.Create(ctx, db, cred)
	require.NoError(t, err)
	dup := w.Session
	dup.ID, dup.SpecialistID = session.NewID(), other.ID
	dup.Note.Signed.SpecialistID = other.ID
	_, err = session.Sessions.Create(ctx, db, dup)
	require.NoError(t, err)
	_, err = billing.Bill(ctx, db, w.Session.ID, w.Rules, opts())
	require.NoError(t, err)
	r, err := billing.Bill(ctx, db, dup.ID, w.Rules, opts())
	assert.ErrorIs(t, err, billing.ErrHeld, "the same hour of the same peer billed twice: %d lines", len(r.Lines))
}

// A15. Review with Facts.At unset (and no consent requirement) returns a
// "ready" line that Line.Validate refuses.
func TestAdversarialReviewZeroAtMakesInvalidLine(t *testing.T) {
	w := newWorld(60)
	w.shipped(billing.Texas())
	w.At = time.Time{}
	o := opts()
	o.SubstanceUse = false
	_, err := billing.Review(w.Facts, o)
	assert.ErrorIs(t, err, billing.ErrInvalid, "facts without their time cannot decide consent or make a line")
}

// A16. Units cut by an authorization that ends first with few units
// left, though another authorization in force could bill the whole
// session: the rest is lost for good (the session is then billed).
func TestAdversarialAuthorizationChoiceLosesUnits(t *testing.T) {
	w := newWorld(60) // 4 units
	first := w.Authorizations[1]
	w.Billed = []billing.Line{billed(w.Rules, w.Peers[0].ID, day.AddDays(-3), first.Units-1, first.ID)}
	more := first
	more.ID, more.End, more.Units = billing.NewAuthorizationID(), first.End.AddDays(30), 50
	w.Authorizations = append(w.Authorizations, more)
	r, err := w.review()
	require.NoError(t, err)
	require.Len(t, r.Lines, 1)
	assert.Equal(t, 4, r.Lines[0].Units, "%v", r.Holds)
}

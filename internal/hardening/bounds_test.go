package hardening_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

var t0 = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

func completed(length time.Duration) session.Session {
	return session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: peer.NewSpecialistID(),
		Participants: []session.Participant{{PeerID: peer.NewID()}}, Mode: session.ModeInPerson,
		Status:    session.StatusCompleted,
		Scheduled: session.Interval{Start: t0, End: t0.Add(time.Hour)},
		Actual:    session.Interval{Start: t0, End: t0.Add(length)},
		Support:   []session.Support{{Type: session.SupportTypeEmotional}},
	}
}

// TestUnboundedInputs: on the code as it was, a completed session 275
// years long validated and billed 9,642,336 H0038 units (a 48-hour one
// 192); instants in year 10000 or before year 1 validated and then failed
// in SQLite with an error that did not wrap ErrInvalid; a record with
// 1,000,000 failing fields made a 30 MB error; DecodeDefinitions' check
// for a code given twice was quadratic.
func TestUnboundedInputs(t *testing.T) {
	t.Run("session length", func(t *testing.T) {
		for _, length := range []time.Duration{275 * 365 * 24 * time.Hour, 48 * time.Hour, session.MaxLength + time.Nanosecond} {
			s := completed(length)
			var ve *peersupport.ValidationError
			require.ErrorAs(t, s.Validate(), &ve, "a %v session", length)
			assert.True(t, ve.Has("actual.end", peersupport.RuleOutOfRange), "%v", ve.Fields)
			lines, err := session.Bill(s, session.H0038(), nil)
			assert.ErrorIs(t, err, session.ErrInvalid, "a %v session bills nothing", length)
			assert.Empty(t, lines)
			_, err = session.Record(t.Context(), memstore.NewDB(), s, nil)
			assert.ErrorIs(t, err, session.ErrInvalid)
		}
		s := completed(session.MaxLength)
		assert.NoError(t, s.Validate(), "a session of MaxLength is allowed")
	})

	t.Run("instants outside years 1 to 9999", func(t *testing.T) {
		year10000 := time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)
		year0 := time.Date(0, time.December, 31, 23, 0, 0, 0, time.UTC)
		for _, bad := range []time.Time{year10000, year0, time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)} {
			s := completed(time.Hour)
			s.Reschedules = []session.Reschedule{{From: s.Scheduled, At: bad}}
			db := memstore.NewDB()
			_, err := session.Record(t.Context(), db, s, nil)
			requireOutOfRange(t, err, session.ErrInvalid, "reschedules[0].at")

			m := session.Meeting{ID: session.NewMeetingID(), SupervisorID: peer.NewSupervisorID(), SpecialistIDs: []peer.SpecialistID{peer.NewSpecialistID()},
				Kind: session.MeetingKindIndividual, Mode: session.ModeVideo, Start: bad, Minutes: 60, Topics: []session.Topic{session.TopicCaseReview}}
			_, err = session.Meetings.Create(t.Context(), db, m)
			requireOutOfRange(t, err, session.ErrInvalid, "start")

			c := consent.Consent{ID: consent.NewID(), PeerID: peer.NewID(), Discloser: peersupport.Identifier{System: "urn:x", Value: "p"},
				Recipients: []peersupport.Identifier{{System: "urn:x", Value: "c"}}, Information: []consent.InfoKind{consent.InfoKindAttendance},
				Description: "Attendance", Purpose: consent.PurposeTreatment, Expires: peersupport.Date{Year: 2027, Month: 1, Day: 1},
				RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: t0, Revoked: bad}
			_, err = consent.Consents.Create(t.Context(), db, c)
			requireOutOfRange(t, err, consent.ErrInvalid, "revoked")

			p, err := plan.NewPlan(plan.NewID(), peer.NewID(), plan.Actor{Role: plan.RolePeer}, t0, "Draft", plan.Content{})
			require.NoError(t, err)
			p.Revisions[0].At = bad
			_, err = plan.Plans.Create(t.Context(), db, p)
			requireOutOfRange(t, err, plan.ErrInvalid, "revisions[0].at")
		}
	})

	t.Run("a million failing fields", func(t *testing.T) {
		p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "G"}, Status: peer.StatusActive, EnrolledOn: peersupport.Date{Year: 2026, Month: 1, Day: 5}}
		p.Identifiers = make([]peersupport.Identifier, 500_000) // each with no system and no value
		err := p.Validate()
		var ve *peersupport.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Len(t, ve.Fields, peersupport.MaxFieldErrors, "at most MaxFieldErrors listed")
		assert.GreaterOrEqual(t, ve.More, 500_000, "the rest counted")
		assert.Less(t, len(err.Error()), 5000, "a short message")
		assert.True(t, strings.HasSuffix(err.Error(), fmt.Sprintf("; and %d more", ve.More)), err.Error()[len(err.Error())-40:])
	})

	t.Run("definitions given twice, among 20,000", func(t *testing.T) {
		base := certification.ICRCPeerRecovery()
		defs := make([]certification.Definition, 20_000)
		for i := range defs {
			defs[i] = base.Clone()
			defs[i].Code = fmt.Sprintf("acme:def-%05d", i)
		}
		defs = append(defs, defs[7])
		b, err := json.Marshal(defs)
		require.NoError(t, err)
		_, err = certification.DecodeDefinitions(bytes.NewReader(b))
		assert.ErrorIs(t, err, certification.ErrInvalid, "the code given twice, found with a map (see BenchmarkDecodeDefinitions)")
	})
}

func requireOutOfRange(t *testing.T, err, sentinel error, path string) {
	t.Helper()
	require.ErrorIs(t, err, sentinel)
	var ve *peersupport.ValidationError
	require.True(t, errors.As(err, &ve), "a *ValidationError, got %v", err)
	assert.True(t, ve.Has(path, peersupport.RuleOutOfRange), "%s out of range in %v", path, ve.Fields)
}

package session_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func TestNoPHIInStringsAndLogs(t *testing.T) {
	s := phiSession()
	g := wrapGroup()
	g.Name, g.Place = phi+" circle", phi
	m := session.Meeting{ID: session.NewMeetingID(), Notes: phi + " is burning out"}
	for _, v := range []any{s, &s, g, &g, m, &m} {
		text := fmt.Sprintf("%v %+v %#v %s", v, v, v, v)
		assert.NotContains(t, text, phi, "%T formatted", v)
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("event", "value", v)
		assert.NotContains(t, buf.String(), phi, "%T logged", v)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("event", "session", s)
	assert.Contains(t, buf.String(), "session.session_id="+s.ID.String())
}

func TestNoPHIInErrors(t *testing.T) {
	ctx := t.Context()
	s := phiSession()
	var errs []error
	bad := s.Clone()
	bad.Place = " " + phi
	bad.Note.Sections = append(bad.Note.Sections, session.Section{Kind: session.SectionKindData, Text: phi})
	bad.Referrals[0].Resource += " "
	bad.Disclosures[0].Purpose = 0
	errs = append(errs, bad.Validate())
	errs = append(errs, bad.Note.Write(session.SectionKindGoal, phi))
	errs = append(errs, s.RecordAttendance(peer.NewID(), session.AttendancePresent, 1))
	errs = append(errs, s.SignNote(s.SpecialistID, t0, 0))
	errs = append(errs, s.Note.Amend(session.Amendment{Reason: phi}))
	_, err := session.Record(ctx, memstore.NewDB(), bad, nil)
	errs = append(errs, err)
	_, err = session.Bill(bad, session.H0038(), nil)
	errs = append(errs, err)
	_, err = session.ParseSupportType(phi)
	errs = append(errs, err)
	_, err = session.DefaultVocabulary().Extend(session.ActivityDefinition{Code: session.Activity(phi), Display: phi})
	errs = append(errs, err)
	store := memstore.NewDB()
	_, err = session.Record(ctx, store, s, nil)
	require.NoError(t, err)
	_, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error { return s.Complete(span(10, 5)) })
	errs = append(errs, err)
	for i, err := range errs {
		require.Error(t, err, "case %d", i)
		assert.NotContains(t, err.Error(), phi, "error %d", i)
	}
}

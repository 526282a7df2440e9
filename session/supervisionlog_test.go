package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func TestSupervisionLogFeedsCertification(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	sv, sp := peer.NewSupervisorID(), peer.NewSpecialistID()
	start := time.Date(2026, time.March, 2, 0, 30, 0, 0, time.UTC) // March 1, 19:30 in New York
	var ms []session.Meeting
	for i, minutes := range []int{60, 90, 50} {
		m := session.Meeting{
			ID: session.NewMeetingID(), SupervisorID: sv, SpecialistIDs: []peer.SpecialistID{sp},
			Kind: session.MeetingKindIndividual, Mode: session.ModeInPerson,
			Start: start.AddDate(0, 0, 7*i), Minutes: minutes,
		}
		if i == 1 {
			m.SpecialistIDs = append(m.SpecialistIDs, peer.NewSpecialistID())
			m.Kind = session.MeetingKindGroup
		}
		m, err := session.Meetings.Create(ctx, store, m)
		require.NoError(t, err)
		ms = append(ms, m)
	}
	log := session.SupervisionLog{DB: store, Location: ny}
	entries, err := log.Supervision(ctx, sp, start, start.AddDate(0, 0, 21))
	require.NoError(t, err)
	assert.Equal(t, []certification.Supervision{
		{On: peersupport.Date{Year: 2026, Month: time.March, Day: 1}, Hours: certification.Minutes(60), SupervisorID: sv, Ref: session.SupervisionRef(ms[0].ID)},
		{On: peersupport.Date{Year: 2026, Month: time.March, Day: 8}, Hours: certification.Minutes(90), SupervisorID: sv, Group: true, Ref: session.SupervisionRef(ms[1].ID)},
		{On: peersupport.Date{Year: 2026, Month: time.March, Day: 15}, Hours: certification.Minutes(50), SupervisorID: sv, Ref: session.SupervisionRef(ms[2].ID)},
	}, entries, "days in the program's time zone, group meetings marked")

	rec := certification.Record{SpecialistID: sp}
	rec, err = certification.WithSupervision(ctx, rec, log, start, start.AddDate(0, 0, 21))
	require.NoError(t, err)
	def := certification.ICRCPeerRecovery()
	p, err := certification.Evaluate(rec, def, peersupport.Date{Year: 2026, Month: time.April, Day: 1})
	require.NoError(t, err)
	for _, it := range p.Items {
		if it.Requirement == certification.RequirementSupervision {
			assert.Equal(t, "21h40m more supervision", it.String(), "25h needed, 3h20m held")
		}
	}
}

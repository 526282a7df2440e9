package boundary_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

func TestLoadWorkload(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()

	empty, err := boundary.LoadWorkload(ctx, store, specialistID, monday, nil)
	require.NoError(t, err, "a specialist with no records has an empty workload")
	assert.Equal(t, boundary.Workload{}, empty)

	assignments := []peer.Assignment{
		serving(today.AddDays(-30), peersupport.Date{}),
		{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: specialistID, Start: today.AddDays(-10)},
		{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: specialistID, Start: today.AddDays(-90), End: today.AddDays(-1), EndReason: peer.EndReasonCompleted},
	}
	for _, a := range assignments {
		_, err = peer.Assignments.Create(ctx, store, a)
		require.NoError(t, err)
	}
	l, err := peer.Supervisions.Create(ctx, store, link(today.AddDays(-100), peersupport.Date{}))
	require.NoError(t, err)
	_, err = peer.Supervisors.Create(ctx, store, peer.Supervisor{ID: supervisorID, Name: peer.Name{Given: "Lee"},
		Kind: peer.SupervisorKindPeer, Status: peer.SupervisorStatusActive})
	require.NoError(t, err)
	for _, ago := range []time.Duration{2 * time.Hour, 3 * 24 * time.Hour, 8 * 24 * time.Hour} {
		s := completed()
		s.Actual = session.Interval{Start: monday.Add(-ago), End: monday.Add(-ago + 45*time.Minute)}
		_, err := session.Sessions.Create(ctx, store, *s)
		require.NoError(t, err)
	}
	for _, ago := range []time.Duration{5 * 24 * time.Hour, 20 * 24 * time.Hour} {
		_, err := session.Meetings.Create(ctx, store, session.Meeting{ID: session.NewMeetingID(), SupervisorID: supervisorID,
			SpecialistIDs: []peer.SpecialistID{specialistID}, Kind: session.MeetingKindIndividual,
			Mode: session.ModeInPerson, Start: monday.Add(-ago), Minutes: 60})
		require.NoError(t, err)
	}

	w, err := boundary.LoadWorkload(ctx, store, specialistID, monday, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, w.Caseload, "assignments in force on the day")
	assert.Equal(t, 45+45+60, w.WeekMinutes, "two sessions and one meeting in the last seven days")
	assert.Equal(t, []peer.Supervision{l}, w.Supervisors)
	assert.Equal(t, today.AddDays(-5), w.LastSupervision)
	assert.Equal(t, map[peer.SupervisorID]peer.SupervisorKind{supervisorID: peer.SupervisorKindPeer}, w.SupervisorKinds)
	assert.Equal(t, 120, w.MonthSupervisionMinutes, "two meetings in the last 30 days")
	ghost := link(today.AddDays(-10), peersupport.Date{})
	ghost.SupervisorID = peer.NewSupervisorID()
	_, err = peer.Supervisions.Create(ctx, store, ghost)
	require.NoError(t, err)
	w2, err := boundary.LoadWorkload(ctx, store, specialistID, monday, nil)
	require.NoError(t, err)
	assert.Equal(t, []peer.Supervision{l}, w2.Supervisors, "a link to a supervisor not on record is no supervision")

	a := action()
	a.Workload = &w
	a.Service = []peer.Assignment{assignments[0]}
	assert.Empty(t, evaluate(t, only(t, boundary.RuleSupervision, boundary.Settings{}, nil), a), "supervised five days ago, link in force")

	_, err = boundary.LoadWorkload(ctx, storage.New(&storetest.Faulty{Driver: store.Driver(), FailScan: 3}), specialistID, monday, nil)
	assert.ErrorIs(t, err, storetest.ErrInjected)
	_, err = boundary.LoadWorkload(ctx, nil, specialistID, monday, nil)
	assert.ErrorIs(t, err, boundary.ErrInvalid)
}

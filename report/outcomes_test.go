package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
)

// barc returns a BARC-10 assessment whose ten answers are all v (total 10v).
func barc(p peer.ID, on peersupport.Date, v int) plan.Assessment {
	var answers []plan.Answer
	for i := 1; i <= 10; i++ {
		answers = append(answers, plan.Answer{Item: i, Value: v})
	}
	return plan.Assessment{ID: plan.NewAssessmentID(), PeerID: p, Instrument: plan.BARC10Code, TakenOn: on, Answers: answers}
}

func TestOutcomes(t *testing.T) {
	ctx := t.Context()
	st := programStore(t)
	for _, p := range []peer.Peer{
		{ID: peerA, Name: peer.Name{Given: "A"}, Status: peer.StatusActive, EnrolledOn: onDay(1).AddDays(-31)}, // first session 30 Sep: 30 days
		{ID: peerB, Name: peer.Name{Given: "B"}, Status: peer.StatusActive, EnrolledOn: onDay(5)},              // group on 23 Oct: 18 days
		{ID: peerC, Name: peer.Name{Given: "C"}, Status: peer.StatusActive, EnrolledOn: onDay(10)},             // 20 Oct: 10 days
	} {
		_, err := peer.Peers.Create(ctx, st, p)
		require.NoError(t, err)
	}
	for _, a := range []plan.Assessment{
		barc(peerA, onDay(1), 3), barc(peerA, onDay(28), 5), // +20
		barc(peerB, onDay(5), 4), barc(peerB, onDay(12), 2), barc(peerB, onDay(26), 5), // +10
		barc(peerC, onDay(10), 4),            // one assessment: no change
		barc(peerC, onDay(31).AddDays(5), 6), // after the day
	} {
		_, err := plan.Assessments.Create(ctx, st, a)
		require.NoError(t, err)
	}
	asOf := onDay(31)
	goal := func(p peer.ID, status plan.GoalStatus, target peersupport.Date) plan.Goal {
		g := plan.Goal{ID: plan.NewGoalID(), PeerID: p, Statement: "A goal", LifeArea: plan.LifeAreaHome, Status: status, CreatedOn: onDay(1), TargetDate: target}
		if !status.Open() {
			g.ClosedOn = onDay(20)
		}
		if status == plan.GoalStatusRevised {
			g.RevisedBy = plan.NewGoalID()
		}
		return g
	}
	for _, g := range []plan.Goal{
		goal(peerA, plan.GoalStatusAchieved, onDay(15)),
		goal(peerA, plan.GoalStatusInProgress, asOf.AddDays(30)),
		goal(peerB, plan.GoalStatusInProgress, onDay(30)), // overdue
		goal(peerB, plan.GoalStatusNotStarted, peersupport.Date{}),
		goal(peerC, plan.GoalStatusDiscontinued, peersupport.Date{}),
		goal(peerC, plan.GoalStatusRevised, peersupport.Date{}),
	} {
		_, err := plan.Goals.Create(ctx, st, g)
		require.NoError(t, err)
	}
	r, err := report.Outcomes(ctx, st, asOf, nil)
	require.NoError(t, err)
	require.Len(t, r.Changes, 2)
	byPeer := map[peer.ID]report.CapitalChange{}
	for _, c := range r.Changes {
		byPeer[c.PeerID] = c
	}
	assert.Equal(t, report.CapitalChange{PeerID: peerA, FirstOn: onDay(1), First: 30, LatestOn: onDay(28), Latest: 50, Change: 20}, byPeer[peerA])
	assert.Equal(t, 10, byPeer[peerB].Change)
	assert.Equal(t, report.Distribution{N: 2, Mean: 15, Q1: 12.5, Median: 15, Q3: 17.5}, r.Capital)
	assert.Equal(t, report.GoalCounts{Achieved: 1, InProgress: 1, NotStarted: 1, Overdue: 1, Discontinued: 1, Revised: 1}, r.Goals)
	assert.Equal(t, 3, r.DaysToFirstSession.N)
	assert.InDelta(t, (30+18+10)/3.0, r.DaysToFirstSession.Mean, 1e-9)
	assert.Equal(t, 18.0, r.DaysToFirstSession.Median)

	var out bytes.Buffer
	require.NoError(t, r.WriteCSV(&out))
	assert.Contains(t, out.String(), "capital_change_median,15.00\n")
	assert.Contains(t, out.String(), "goals_overdue,1\n")
	out.Reset()
	require.NoError(t, r.WriteChangesCSV(&out))
	assert.Len(t, strings.Split(strings.TrimSpace(out.String()), "\n"), 3)

	empty, err := report.Outcomes(ctx, memstore.NewDB(), asOf, nil)
	require.NoError(t, err, "no data is no error")
	assert.Equal(t, report.Distribution{}, empty.Capital)
	_, err = report.Outcomes(ctx, nil, asOf, nil)
	assert.ErrorIs(t, err, report.ErrInvalid)
}

func TestWorkforce(t *testing.T) {
	ctx := t.Context()
	st := programStore(t)
	for _, s := range []peer.Specialist{
		{ID: sam, Name: peer.Name{Given: "Sam"}, Titles: []peer.Title{peer.TitlePeerSpecialist}, Employment: peer.EmploymentFullTime, CaseloadCapacity: 30, Status: peer.SpecialistStatusActive},
		{ID: kai, Name: peer.Name{Given: "Kai"}, Titles: []peer.Title{peer.TitlePeerSpecialist}, Employment: peer.EmploymentVolunteer, CaseloadCapacity: 5, Status: peer.SpecialistStatusActive},
	} {
		_, err := peer.Specialists.Create(ctx, st, s)
		require.NoError(t, err)
	}
	_, err := peer.Supervisors.Create(ctx, st, peer.Supervisor{ID: alex, Name: peer.Name{Given: "Alex"},
		License: peer.LicenseTypeClinicalSocialWorker, LicenseNumber: "SW1", Jurisdiction: "US-FL", Status: peer.SupervisorStatusActive})
	require.NoError(t, err)
	_, err = peer.Supervisions.Create(ctx, st, peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: alex, SpecialistID: sam, Start: onDay(1).AddDays(-100)})
	require.NoError(t, err)
	for _, day := range []int{8, 22} {
		_, err := session.Meetings.Create(ctx, st, session.Meeting{ID: session.NewMeetingID(), SupervisorID: alex, SpecialistIDs: []peer.SpecialistID{sam},
			Kind: session.MeetingKindIndividual, Mode: session.ModeInPerson, Start: oct(day, 9), Minutes: 60})
		require.NoError(t, err)
	}
	for i, days := range []int{20, 45, 80, 200} {
		_, err := certification.Credentials.Create(ctx, st, certification.Credential{ID: certification.NewCredentialID(), SpecialistID: sam,
			Code: certification.CodeICRCPeerRecovery, Number: "PR-" + string(rune('1'+i)), Issued: onDay(1).AddDate(-2, 0, 0), Expires: onDay(31).AddDays(days)})
		require.NoError(t, err)
	}
	r, err := report.Workforce(ctx, st, month, nil)
	require.NoError(t, err)
	assert.Equal(t, onDay(31), r.AsOf)
	require.Len(t, r.Specialists, 2)
	by := map[peer.SpecialistID]report.SpecialistWorkforce{}
	for _, s := range r.Specialists {
		by[s.SpecialistID] = s
	}
	assert.Equal(t, 120, by[sam].SupervisedMinutes)
	assert.Equal(t, onDay(22), by[sam].LastSupervision)
	assert.False(t, by[sam].OverdueForSupervision(), "supervised 9 days before the end of the month")
	assert.True(t, by[kai].OverdueForSupervision(), "no supervisor and never supervised")
	var kaiCodes []string
	for _, f := range by[kai].Supervision {
		kaiCodes = append(kaiCodes, f.Code)
	}
	assert.Equal(t, []string{"no_supervisor", "never_supervised"}, kaiCodes)
	require.NotEmpty(t, by[kai].Wellbeing)
	assert.Equal(t, boundary.RuleWellbeing, by[kai].Wellbeing[0].Rule)

	var within []int
	for _, e := range r.Expiring {
		within = append(within, e.Within)
	}
	assert.Equal(t, []int{30, 60, 90}, within, "20, 45 and 80 days out; 200 is beyond the 90-day list")

	var out bytes.Buffer
	require.NoError(t, r.WriteCSV(&out))
	assert.Contains(t, out.String(), kai.String()+",0,,true,no_supervisor;never_supervised,")
	out.Reset()
	require.NoError(t, r.WriteExpiringCSV(&out))
	assert.Len(t, strings.Split(strings.TrimSpace(out.String()), "\n"), 4)
	_, err = report.Workforce(ctx, nil, month, nil)
	assert.ErrorIs(t, err, report.ErrInvalid)
}

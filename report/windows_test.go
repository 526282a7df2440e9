package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/report"
)

// suprtLike is a program's schedule with the numbers a secondary source
// gives for SUPRT: baseline within 30 days, follow-ups every 180 days
// after the baseline's due day ± 30, discharge within 30.
var suprtLike = report.Schedule{Instrument: plan.BARC10Code, Baseline: report.Window{Within: 30},
	FollowUp: report.FollowUp{Every: 180, Early: 30, Late: 30}, Discharge: report.Window{Within: 30}}

// TestDueAtTheWindowEdges: due, overdue and completed on the first and
// last days of each window (from the operations issue).
func TestDueAtTheWindowEdges(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	admitted := peersupport.Date{Year: 2026, Month: time.January, Day: 6}
	p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "A"}, Focus: peer.FocusSubstanceUse, Status: peer.StatusActive, EnrolledOn: admitted}
	_, err := peer.Peers.Create(ctx, db, p)
	require.NoError(t, err)
	e, err := peer.Admit(ctx, db, p.ID, admitted, peer.ServicePathwayComprehensive)
	require.NoError(t, err)

	baselineDue := admitted.AddDays(30)  // February 5
	followUp := baselineDue.AddDays(180) // August 4
	opens, closes := followUp.AddDays(-30), followUp.AddDays(30)
	status := func(asOf peersupport.Date) []string {
		items, err := report.Due(ctx, db, suprtLike, admitted, asOf)
		require.NoError(t, err)
		var out []string
		for _, d := range items {
			require.Equal(t, e.ID, d.EpisodeID)
			out = append(out, d.Point.String()+":"+d.Status.String())
		}
		return out
	}
	assert.Equal(t, []string{"baseline:due", "follow_up:upcoming"}, status(admitted))
	assert.Equal(t, []string{"baseline:due", "follow_up:upcoming"}, status(baselineDue), "the last day of the window")
	assert.Equal(t, []string{"baseline:overdue", "follow_up:upcoming"}, status(baselineDue.AddDays(1)))

	_, err = plan.Assessments.Create(ctx, db, barc(p.ID, baselineDue, 4))
	require.NoError(t, err)
	assert.Equal(t, []string{"baseline:completed", "follow_up:upcoming"}, status(opens.AddDays(-1)))
	assert.Equal(t, []string{"baseline:completed", "follow_up:due"}, status(opens))
	assert.Equal(t, []string{"baseline:completed", "follow_up:due"}, status(closes))
	assert.Equal(t, []string{"baseline:completed", "follow_up:overdue", "follow_up:upcoming"}, status(closes.AddDays(1)))

	_, err = plan.Assessments.Create(ctx, db, barc(p.ID, closes, 5))
	require.NoError(t, err)
	items, err := report.Due(ctx, db, suprtLike, admitted, closes.AddDays(1))
	require.NoError(t, err)
	require.Len(t, items, 3)
	assert.Equal(t, report.DueStatusCompleted, items[1].Status, "taken on the window's last day")
	assert.Equal(t, 1, items[1].Number)

	// Discharge: due from the day through 30 days after.
	out := closes.AddDays(10)
	_, err = peer.Discharge(ctx, db, e.ID, out, peer.DischargeReasonCompleted)
	require.NoError(t, err)
	assert.Equal(t, []string{"baseline:completed", "follow_up:completed", "discharge:due"}, status(out.AddDays(30)))
	assert.Equal(t, []string{"baseline:completed", "follow_up:completed", "discharge:overdue"}, status(out.AddDays(31)))

	var b bytes.Buffer
	require.NoError(t, report.WriteDueCSV(&b, items))
	assert.True(t, strings.HasPrefix(b.String(), "peer_id,episode_id,point"))

	_, err = report.Due(ctx, db, report.Schedule{FollowUp: report.FollowUp{Every: 30, Early: 20, Late: 20}}, admitted, admitted)
	assert.ErrorIs(t, err, report.ErrInvalid, "overlapping follow-up windows")
	_, err = report.Due(ctx, db, suprtLike, admitted, admitted.AddDays(-1))
	assert.ErrorIs(t, err, report.ErrInvalid)
}

// TestDueIsWhatWasKnown: a report for a past day counts only what was
// taken by then; a discharge assessment is the discharge's, not a
// follow-up's; one assessment completes one window across a
// re-admission (from a review of the operations work).
func TestDueIsWhatWasKnown(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	admitted := peersupport.Date{Year: 2026, Month: time.January, Day: 6}
	p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "A"}, Focus: peer.FocusSubstanceUse, Status: peer.StatusActive, EnrolledOn: admitted}
	_, err := peer.Peers.Create(ctx, db, p)
	require.NoError(t, err)
	e, err := peer.Admit(ctx, db, p.ID, admitted, peer.ServicePathwayBrief)
	require.NoError(t, err)
	_, err = plan.Assessments.Create(ctx, db, barc(p.ID, admitted.AddDays(20), 4))
	require.NoError(t, err)
	items, err := report.Due(ctx, db, suprtLike, admitted, admitted.AddDays(10))
	require.NoError(t, err)
	assert.Equal(t, report.DueStatusDue, items[0].Status, "taken on day 20, not yet on day 10")

	// Discharged inside the first follow-up window, assessed that day.
	followUp := admitted.AddDays(30 + 180)
	out := followUp.AddDays(-10)
	_, err = plan.Assessments.Create(ctx, db, barc(p.ID, out, 5))
	require.NoError(t, err)
	_, err = peer.Discharge(ctx, db, e.ID, out, peer.DischargeReasonCompleted)
	require.NoError(t, err)
	items, err = report.Due(ctx, db, suprtLike, admitted, out.AddDays(40))
	require.NoError(t, err)
	var got []string
	for _, d := range items {
		got = append(got, d.Point.String()+":"+d.Status.String())
	}
	assert.Equal(t, []string{"baseline:completed", "discharge:completed"}, got, "the closeout replaces the follow-up it reaches")

	// Re-admitted the day after: the discharge assessment does not also
	// complete the new baseline.
	_, err = peer.Admit(ctx, db, p.ID, out.AddDays(1), peer.ServicePathwayBrief)
	require.NoError(t, err)
	items, err = report.Due(ctx, db, suprtLike, admitted, out.AddDays(1))
	require.NoError(t, err)
	require.Len(t, items, 4)
	assert.Equal(t, report.PointBaseline, items[2].Point)
	assert.Equal(t, report.DueStatusDue, items[2].Status, "the new baseline is still due")
}

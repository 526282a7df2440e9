package plan_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

const phi = "Rosalind Quackenbush"

func TestNoPHIInStringsAndLogs(t *testing.T) {
	c := content()
	c.Crisis.Supporters[0].Name = phi
	c.Crisis.Medications = []string{phi + " takes lithium"}
	p, err := plan.NewPlan(plan.NewID(), peer.NewID(), thePeer, t0, phi, c)
	require.NoError(t, err)
	g := newGoal()
	g.Statement = phi + " wants a job"
	a := plan.Assessment{ID: plan.NewAssessmentID(), Instrument: phi}
	for _, v := range []any{p, &p, g, &g, a, &a} {
		text := fmt.Sprintf("%v %+v %#v %s", v, v, v, v)
		assert.NotContains(t, text, phi, "%T formatted", v)
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("event", "value", v)
		assert.NotContains(t, buf.String(), phi, "%T logged", v)
	}
}

func TestNoPHIInErrors(t *testing.T) {
	c := content()
	c.Crisis.Supporters[0].Name = " " + phi
	c.Toolbox = []string{phi + " "}
	_, err1 := plan.NewPlan(plan.NewID(), peer.NewID(), thePeer, t0, phi+" ", c)
	g := newGoal()
	g.Statement = " " + phi
	g.Barriers = []string{phi + " "}
	err2 := g.Validate()
	err3 := g.Record(plan.Update{On: mar3.AddDays(-1), Note: phi})
	_, err4 := plan.BARC10().Score([]plan.Answer{{Item: 1, Value: 99}})
	for i, err := range []error{err1, err2, err3, err4} {
		require.Error(t, err, "case %d", i)
		assert.NotContains(t, err.Error(), phi, "error %d", i)
	}
}

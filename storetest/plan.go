package storetest

import (
	"cmp"
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

func fixtureAssessment(i int) plan.Assessment {
	a := plan.Assessment{
		ID:         plan.NewAssessmentID(),
		PeerID:     peer.NewID(),
		Instrument: plan.BARC10Code,
		TakenOn:    day0.AddDays(i % 5),
	}
	for item := 1; item <= 10; item++ {
		a.Answers = append(a.Answers, plan.Answer{Item: item, Value: 1 + (i+item)%6})
	}
	return a
}

func assessmentOrder(a, b plan.Assessment) int {
	return cmp.Or(a.TakenOn.Compare(b.TakenOn), a.ID.Compare(b.ID))
}

// RunAssessmentStore runs the conformance suite for [plan.AssessmentStore].
func RunAssessmentStore(t *testing.T, newStore func(t *testing.T) plan.AssessmentStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[plan.AssessmentID, plan.Assessment] {
		s := newStore(t)
		a := aggregate[plan.AssessmentID, plan.Assessment]{
			fixture: fixtureAssessment,
			invalid: func(a plan.Assessment) plan.Assessment { a = a.Clone(); a.Instrument = ""; return a },
			key:     func(a plan.Assessment) plan.AssessmentID { return a.ID },
			withKey: func(a plan.Assessment, id plan.AssessmentID) plan.Assessment { a.ID = id; return a },
			clone:   plan.Assessment.Clone,
			version: func(a plan.Assessment) int64 { return a.Version },
			setVer:  func(a *plan.Assessment, v int64) { a.Version = v },
			// A change adds an answer to an item beyond the instrument's, which
			// the record's shape allows and scoring would refuse.
			change:  func(a *plan.Assessment, i int) { a.Answers = append(a.Answers, plan.Answer{Item: 100 + i, Value: 1}) },
			changes: func(a plan.Assessment) int { return len(a.Answers) - 10 },
			poke:    func(a *plan.Assessment) { a.Answers[0].Value = 99 },
			order:   assessmentOrder,
			create:  s.CreateAssessment, get: s.GetAssessment, update: s.UpdateAssessment,
			list: func(ctx context.Context) iter.Seq2[plan.Assessment, error] {
				return s.ListAssessments(ctx, plan.AssessmentFilter{})
			},
		}
		a.errNotFound, a.errExists, a.errConflict, a.errInvalid = plan.ErrNotFound, plan.ErrAlreadyExists, plan.ErrConflict, plan.ErrInvalid
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		p := peer.NewID()
		var as []plan.Assessment
		for i := range 5 {
			a := fixtureAssessment(i) // taken on day0 + i
			if i%2 == 0 {
				a.PeerID = p
			}
			if i == 4 {
				a.Instrument = "other"
			}
			_, err := s.CreateAssessment(ctx, a)
			require.NoError(t, err)
			as = append(as, a)
		}
		list := func(f plan.AssessmentFilter) []plan.AssessmentID {
			var ids []plan.AssessmentID
			for a, err := range s.ListAssessments(ctx, f) {
				require.NoError(t, err)
				ids = append(ids, a.ID)
			}
			return ids
		}
		ids := func(is ...int) []plan.AssessmentID {
			var out []plan.AssessmentID
			for _, i := range is {
				out = append(out, as[i].ID)
			}
			return out
		}
		assert.Equal(t, ids(0, 1, 2, 3, 4), list(plan.AssessmentFilter{}), "all")
		assert.Equal(t, ids(0, 2, 4), list(plan.AssessmentFilter{PeerID: p}), "peer")
		assert.Equal(t, ids(0, 1, 2, 3), list(plan.AssessmentFilter{Instrument: plan.BARC10Code}), "instrument")
		assert.Equal(t, ids(1, 2), list(plan.AssessmentFilter{From: day0.AddDays(1), Until: day0.AddDays(3)}), "From inclusive, Until exclusive")
		assert.Equal(t, ids(2), list(plan.AssessmentFilter{PeerID: p, Instrument: plan.BARC10Code, From: day0.AddDays(1)}), "all fields must match")
	})
}

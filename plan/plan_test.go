package plan_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

var (
	t0         = time.Date(2025, time.March, 3, 10, 0, 0, 0, time.UTC)
	thePeer    = plan.Actor{Role: plan.RolePeer}
	onBehalf   = plan.Actor{Role: plan.RoleOnBehalf, AgreementRef: "consent-form-2025-03-03"}
	specialist = plan.Actor{Role: plan.RoleSpecialist, SpecialistID: peer.NewSpecialistID()}
)

func minutes(n int) time.Time { return t0.Add(time.Duration(n) * time.Minute) }

func content() plan.Content {
	return plan.Content{
		Toolbox: []string{"Walk by the river", "Call my sister"},
		Daily:   plan.Maintenance{WhenWell: []string{"Chatty, up early"}, EveryDay: []string{"Breakfast", "Meeting at noon"}},
		Triggers: plan.ActionPlan{
			Signs:   []string{"Payday"},
			Actions: []string{"Pay rent first thing", "Evening with friends in recovery"},
		},
		Crisis: plan.CrisisPlan{
			TakeOverSigns: []string{"Not sleeping for two nights", "Stop answering the phone"},
			Supporters:    []plan.Supporter{{Name: "Sam", Relationship: "brother", Role: "Stays with me and calls the crisis line"}},
			DoNotInvolve:  []string{"My ex"},
			Medications:   []string{"As listed by me with my doctor"},
			Helps:         []string{"Quiet room", "Music"},
			DoesNotHelp:   []string{"Being told to calm down"},
		},
		PostCrisis: []string{"A day off work", "Check-in from my specialist"},
		Inventory:  plan.Inventory{Strengths: []string{"Stubborn in a good way"}, Skills: []string{"Cooking"}},
	}
}

func newPlan(t *testing.T) plan.Plan {
	t.Helper()
	p, err := plan.NewPlan(plan.NewID(), peer.NewID(), thePeer, t0, "First draft", content())
	require.NoError(t, err)
	return p
}

func TestNewPlan(t *testing.T) {
	p := newPlan(t)
	assert.Equal(t, plan.StatusDraft, p.Status)
	assert.Equal(t, content(), p.Current())
	_, err := plan.NewPlan(plan.NewID(), peer.NewID(), specialist, t0, "Draft", content())
	assert.ErrorIs(t, err, plan.ErrNotPeersChoice, "a specialist does not write the peer's plan")
	_, err = plan.NewPlan(plan.NewID(), peer.NewID(), plan.Actor{Role: plan.RoleOnBehalf}, t0, "Draft", content())
	assert.ErrorIs(t, err, plan.ErrNotPeersChoice, "acting for the peer needs their recorded agreement")
	p2, err := plan.NewPlan(plan.NewID(), peer.NewID(), onBehalf, t0, "Written with me on the phone", content())
	require.NoError(t, err)
	assert.Equal(t, onBehalf, p2.Revisions[0].Author)

	bad := content()
	bad.Crisis.Supporters = []plan.Supporter{{Role: "x"}}
	bad.Toolbox = []string{" padded"}
	_, err = plan.NewPlan(plan.NewID(), peer.NewID(), thePeer, t0, "", bad)
	assert.ElementsMatch(t, []string{"revisions[0].summary:required", "revisions[0].content.toolbox[0]:untrimmed",
		"revisions[0].content.crisis.supporters[0].name:required"}, failures(t, err))
}

func TestEditAndSuggest(t *testing.T) {
	p := newPlan(t)
	c := p.Current()
	c.Toolbox = append(c.Toolbox, "Art class on Thursdays")
	require.NoError(t, p.Edit(thePeer, minutes(10), "Added art class", c))
	assert.Len(t, p.Revisions, 2)
	first, ok := p.Revision(1)
	require.True(t, ok)
	assert.Len(t, first.Content.Toolbox, 2, "earlier revisions stay readable")

	err := p.Edit(specialist, minutes(20), "Tidied up", c)
	assert.ErrorIs(t, err, plan.ErrNotPeersChoice, "a specialist suggests, never edits")
	err = p.Edit(thePeer, minutes(5), "Earlier than the last revision", c)
	assert.Equal(t, []string{"revisions[2].at:order"}, failures(t, err))
	assert.Len(t, p.Revisions, 2, "failed edits change nothing")

	s := p.Current()
	s.Crisis.PreferredFacilities = []string{"Crisis respite house on Elm St"}
	n, err := p.Suggest(specialist, minutes(30), "Add the respite house you mentioned", s)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Len(t, p.Revisions, 2, "a suggestion changes nothing by itself")
	_, err = p.Suggest(thePeer, minutes(31), "x", s)
	assert.ErrorIs(t, err, plan.ErrInvalid, "the peer edits instead")

	assert.ErrorIs(t, p.Accept(n, specialist, minutes(40)), plan.ErrNotPeersChoice, "the specialist cannot accept their own suggestion")
	require.NoError(t, p.Accept(n, thePeer, minutes(40)))
	assert.Len(t, p.Revisions, 3)
	assert.Equal(t, 1, p.Revisions[2].Suggestion)
	assert.Equal(t, thePeer, p.Revisions[2].Author)
	assert.Equal(t, []string{"Crisis respite house on Elm St"}, p.Current().Crisis.PreferredFacilities)
	assert.ErrorIs(t, p.Accept(n, thePeer, minutes(41)), plan.ErrSuggestionDecided)
	assert.ErrorIs(t, p.Decline(n, thePeer, minutes(41)), plan.ErrSuggestionDecided)
	assert.ErrorIs(t, p.Accept(9, thePeer, minutes(41)), plan.ErrNotFound)

	// A suggestion made before the peer's own edit would undo it.
	n2, err := p.Suggest(specialist, minutes(50), "Shorter toolbox", plan.Content{Toolbox: []string{"Walk"}})
	require.NoError(t, err)
	require.NoError(t, p.Edit(thePeer, minutes(55), "Added a skill", p.Current()))
	assert.ErrorIs(t, p.Accept(n2, thePeer, minutes(60)), plan.ErrSuggestionOutdated)
	require.NoError(t, p.Decline(n2, thePeer, minutes(60)))
	assert.Equal(t, plan.SuggestionStatusDeclined, p.Suggestions[1].Status)
	require.NoError(t, p.Validate())
}

func TestPlanStatus(t *testing.T) {
	p := newPlan(t)
	assert.ErrorIs(t, p.Activate(specialist, minutes(1)), plan.ErrNotPeersChoice)
	require.NoError(t, p.Activate(onBehalf, minutes(1)))
	assert.ErrorIs(t, p.Activate(thePeer, minutes(2)), plan.ErrTransition)
	require.NoError(t, p.Archive(thePeer, minutes(3)))
	assert.ErrorIs(t, p.Archive(thePeer, minutes(4)), plan.ErrTransition)
	assert.ErrorIs(t, p.Edit(thePeer, minutes(5), "x", content()), plan.ErrTransition, "an archived plan is read-only")
	_, err := p.Suggest(specialist, minutes(5), "x", content())
	assert.ErrorIs(t, err, plan.ErrTransition)
	require.NoError(t, p.Validate())
}

func TestActivate(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	old := newPlan(t)
	require.NoError(t, old.Activate(thePeer, minutes(1)))
	_, err := plan.Plans.Create(ctx, store, old)
	require.NoError(t, err)
	draft, err := plan.NewPlan(plan.NewID(), old.PeerID, thePeer, minutes(10), "A fresh start", content())
	require.NoError(t, err)
	_, err = plan.Plans.Create(ctx, store, draft)
	require.NoError(t, err)

	_, err = plan.Activate(ctx, store, draft.ID, specialist, minutes(20))
	assert.ErrorIs(t, err, plan.ErrNotPeersChoice)
	got, err := plan.Plans.Get(ctx, store, old.ID)
	require.NoError(t, err)
	assert.Equal(t, plan.StatusActive, got.Status, "a refused activation archives nothing")

	active, err := plan.Activate(ctx, store, draft.ID, thePeer, minutes(20))
	require.NoError(t, err)
	assert.Equal(t, plan.StatusActive, active.Status)
	got, err = plan.Plans.Get(ctx, store, old.ID)
	require.NoError(t, err)
	assert.Equal(t, plan.StatusArchived, got.Status)

	t.Run("racing activations", func(t *testing.T) {
		store := memstore.NewDB()
		p := peer.NewID()
		var ids []plan.ID
		for i := range 8 {
			d, err := plan.NewPlan(plan.NewID(), p, thePeer, minutes(i), "Draft", content())
			require.NoError(t, err)
			_, err = plan.Plans.Create(ctx, store, d)
			require.NoError(t, err)
			ids = append(ids, d.ID)
		}
		var wg sync.WaitGroup
		for _, id := range ids {
			wg.Go(func() {
				_, err := plan.Activate(ctx, store, id, thePeer, minutes(30))
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		n := 0
		for _, err := range plan.Plans.List(ctx, store, plan.PlanFilter{PeerID: p, Status: plan.StatusActive}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1, n, "one active plan, whatever the order")
	})
}

// TestActivateAtomic: on the code as it was, Activate archived and
// activated in two writes, so a failure left a peer with no active plan.
// A driver that fails the second write of a commit leaves the old plan
// active and the new one a draft.
func TestActivateAtomic(t *testing.T) {
	ctx := t.Context()
	mem := memstore.New()
	old := newPlan(t)
	require.NoError(t, old.Activate(thePeer, minutes(1)))
	_, err := plan.Plans.Create(ctx, storage.New(mem), old)
	require.NoError(t, err)
	draft, err := plan.NewPlan(plan.NewID(), old.PeerID, thePeer, minutes(10), "A fresh start", content())
	require.NoError(t, err)
	_, err = plan.Plans.Create(ctx, storage.New(mem), draft)
	require.NoError(t, err)

	faulty := &storetest.Faulty{Driver: mem, FailWrite: 2}
	_, err = plan.Activate(ctx, storage.New(faulty), draft.ID, thePeer, minutes(20))
	require.ErrorIs(t, err, storetest.ErrInjected)
	got, err := plan.Plans.Get(ctx, storage.New(mem), old.ID)
	require.NoError(t, err)
	assert.Equal(t, plan.StatusActive, got.Status, "the old plan is still active")
	got, err = plan.Plans.Get(ctx, storage.New(mem), draft.ID)
	require.NoError(t, err)
	assert.Equal(t, plan.StatusDraft, got.Status, "the new one still a draft")

	active, err := plan.Activate(ctx, storage.New(mem), draft.ID, thePeer, minutes(20))
	require.NoError(t, err, "and activating again completes it")
	assert.Equal(t, plan.StatusActive, active.Status)
}

// TestOneActivePlanEvenByHand: the unique index holds whoever writes, a
// direct update too.
func TestOneActivePlanEvenByHand(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	a, b := newPlan(t), newPlan(t)
	b.ID, b.PeerID = plan.NewID(), a.PeerID
	require.NoError(t, a.Activate(thePeer, minutes(1)))
	require.NoError(t, b.Activate(thePeer, minutes(1)))
	_, err := plan.Plans.Create(ctx, db, a)
	require.NoError(t, err)
	_, err = plan.Plans.Create(ctx, db, b)
	assert.ErrorIs(t, err, plan.ErrActivePlanExists)
	assert.ErrorIs(t, err, plan.ErrAlreadyExists)
}

// Two people edit one plan at once (the peer, and a host form acting with
// their agreement): every edit becomes a revision, none is lost.
func TestConcurrentRevisions(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	p := newPlan(t)
	_, err := plan.Plans.Create(ctx, store, p)
	require.NoError(t, err)
	const writers = 12
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, err := plan.Revise(ctx, store, p.ID, func(p *plan.Plan) error {
				c := p.Current()
				c.Inventory.Skills = append(c.Inventory.Skills, "skill "+string(rune('a'+i)))
				return p.Edit(thePeer, minutes(10+i), "Added a skill", c)
			})
			// Edits at earlier times than a revision saved meanwhile are refused
			// by validation, not lost silently.
			if err != nil {
				assert.ErrorIs(t, err, plan.ErrInvalid)
			}
		})
	}
	wg.Wait()
	got, err := plan.Plans.Get(ctx, store, p.ID)
	require.NoError(t, err)
	assert.Equal(t, len(got.Revisions)-1, len(got.Current().Inventory.Skills)-1, "each saved revision added its skill to the one before")
	assert.Equal(t, int64(len(got.Revisions)), got.Version)

	t.Run("same time, all saved", func(t *testing.T) {
		store := memstore.NewDB()
		p := newPlan(t)
		_, err := plan.Plans.Create(ctx, store, p)
		require.NoError(t, err)
		var wg sync.WaitGroup
		for i := range writers {
			wg.Go(func() {
				_, err := plan.Revise(ctx, store, p.ID, func(p *plan.Plan) error {
					c := p.Current()
					c.Inventory.Resources = append(c.Inventory.Resources, "resource "+string(rune('a'+i)))
					return p.Edit(thePeer, minutes(10), "Added a resource", c)
				})
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		got, err := plan.Plans.Get(ctx, store, p.ID)
		require.NoError(t, err)
		assert.Len(t, got.Revisions, 1+writers)
		assert.Len(t, got.Current().Inventory.Resources, writers, "no edit lost")
	})
}

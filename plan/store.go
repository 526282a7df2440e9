package plan

import (
	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

func idField(name string) storage.Field               { return storage.Field{Name: name, Type: storage.TypeString} }
func dateField(name string) storage.Field             { return storage.Field{Name: name, Type: storage.TypeDate} }
func id(s interface{ String() string }) storage.Value { return storage.String(s.String()) }

// The package's aggregates, declared for the portable layer of package
// storage, each listing an index range.
var (
	// Plans are the wellness [Plan] records, kind "plan": indexed by peer
	// and status, and unique on the peer of an active plan, so that no two
	// writers can give a peer two active plans ([ErrActivePlanExists]).
	Plans = storage.NewCollection(storage.Aggregate[Plan, ID]{
		Kind: "plan", Key: func(p *Plan) ID { return p.ID }, Subjects: func(p *Plan) []string { return []string{p.PeerID.String()} }, Version: func(p *Plan) *int64 { return &p.Version },
		Validate: func(p *Plan) error { return p.Validate() }, Clone: Plan.Clone,
		Indexes: []storage.Index[Plan]{
			{Name: "peer", Fields: []storage.Field{idField("peer_id")},
				Entries: func(p *Plan) [][]storage.Value { return storage.Entry(id(p.PeerID)) }},
			{Name: "peer_status", Fields: []storage.Field{idField("peer_id"), idField("status")},
				Entries: func(p *Plan) [][]storage.Value { return storage.Entry(id(p.PeerID), storage.String(p.Status.String())) }},
			{Name: "status", Fields: []storage.Field{idField("status")},
				Entries: func(p *Plan) [][]storage.Value { return storage.Entry(storage.String(p.Status.String())) }},
			{Name: "active", Unique: true, Err: ErrActivePlanExists, Fields: []storage.Field{idField("peer_id")},
				Entries: func(p *Plan) [][]storage.Value {
					if p.Status != StatusActive {
						return nil
					}
					return storage.Entry(id(p.PeerID))
				}},
		},
	})
	// Goals are the recovery [Goal] records, kind "plan.goal", indexed by
	// peer, by plan and by status.
	Goals = storage.NewCollection(storage.Aggregate[Goal, GoalID]{
		Kind: "plan.goal", Key: func(g *Goal) GoalID { return g.ID }, Subjects: func(g *Goal) []string { return []string{g.PeerID.String()} }, Version: func(g *Goal) *int64 { return &g.Version },
		Validate: func(g *Goal) error { return g.Validate() }, Clone: Goal.Clone,
		Indexes: []storage.Index[Goal]{
			{Name: "peer", Fields: []storage.Field{idField("peer_id")},
				Entries: func(g *Goal) [][]storage.Value { return storage.Entry(id(g.PeerID)) }},
			{Name: "plan", Fields: []storage.Field{idField("plan_id")},
				Entries: func(g *Goal) [][]storage.Value {
					if g.PlanID.IsZero() {
						return nil
					}
					return storage.Entry(id(g.PlanID))
				}},
			{Name: "status", Fields: []storage.Field{idField("status")},
				Entries: func(g *Goal) [][]storage.Value { return storage.Entry(storage.String(g.Status.String())) }},
			// open holds the open goals under one entry, so that they
			// list in the order of their IDs.
			{Name: "open", Fields: []storage.Field{idField("open")},
				Entries: func(g *Goal) [][]storage.Value {
					if !g.Status.Open() {
						return nil
					}
					return storage.Entry(storage.String("open"))
				}},
		},
	})
	// Assessments are the [Assessment] records, kind "plan.assessment",
	// indexed by peer, instrument and day taken.
	Assessments = storage.NewCollection(storage.Aggregate[Assessment, AssessmentID]{
		Kind: "plan.assessment", Key: func(a *Assessment) AssessmentID { return a.ID },
		Subjects: func(a *Assessment) []string { return []string{a.PeerID.String()} },
		Version:  func(a *Assessment) *int64 { return &a.Version },
		Validate: func(a *Assessment) error { return a.Validate() }, Clone: Assessment.Clone,
		Indexes: []storage.Index[Assessment]{
			{Name: "peer_instrument_taken", Fields: []storage.Field{idField("peer_id"), idField("instrument"), dateField("taken_on")},
				Entries: func(a *Assessment) [][]storage.Value {
					return storage.Entry(id(a.PeerID), storage.String(a.Instrument), storage.Date(a.TakenOn))
				}},
			{Name: "peer_taken", Fields: []storage.Field{idField("peer_id"), dateField("taken_on")},
				Entries: func(a *Assessment) [][]storage.Value { return storage.Entry(id(a.PeerID), storage.Date(a.TakenOn)) }},
			{Name: "instrument_taken", Fields: []storage.Field{idField("instrument"), dateField("taken_on")},
				Entries: func(a *Assessment) [][]storage.Value {
					return storage.Entry(storage.String(a.Instrument), storage.Date(a.TakenOn))
				}},
			{Name: "taken", Fields: []storage.Field{dateField("taken_on")},
				Entries: func(a *Assessment) [][]storage.Value { return storage.Entry(storage.Date(a.TakenOn)) }},
		},
	})
)

// AssessmentFilter selects assessments, ordered by TakenOn, then by ID;
// zero fields select everything.
type AssessmentFilter struct {
	PeerID     peer.ID
	Instrument string
	// From and Until select assessments taken on days from From up to,
	// not including, Until; either may be zero for an open end.
	From, Until peersupport.Date
}

// Query implements [storage.Filter]: the peer's (and instrument's), or
// the instrument's, or every assessment, as a range of days taken.
func (f AssessmentFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case !f.PeerID.IsZero() && f.Instrument != "":
		q = storage.Query{Index: "peer_instrument_taken", Prefix: []storage.Value{id(f.PeerID), storage.String(f.Instrument)}}
	case !f.PeerID.IsZero():
		q = storage.Query{Index: "peer_taken", Prefix: []storage.Value{id(f.PeerID)}}
	case f.Instrument != "":
		q = storage.Query{Index: "instrument_taken", Prefix: []storage.Value{storage.String(f.Instrument)}}
	default:
		q = storage.Query{Index: "taken"}
	}
	if !f.From.IsZero() {
		q.Lo = storage.Date(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Date(f.Until)
	}
	q.Exact = true
	return q
}

// Matches reports whether a passes the filter.
func (f AssessmentFilter) Matches(a *Assessment) bool {
	if a == nil {
		return false
	}
	return (f.PeerID.IsZero() || a.PeerID == f.PeerID) &&
		(f.Instrument == "" || a.Instrument == f.Instrument) &&
		(f.From.IsZero() || !a.TakenOn.Before(f.From)) &&
		(f.Until.IsZero() || a.TakenOn.Before(f.Until))
}

// GoalFilter selects goals, in ascending order of ID (the order they were
// created in, for IDs made by NewGoalID); zero fields select everything.
type GoalFilter struct {
	PeerID peer.ID
	PlanID ID
	Status GoalStatus
	// OpenOnly selects goals not started or in progress.
	OpenOnly bool
}

// Query implements [storage.Filter]: the plan's, the peer's, or the
// status's goals, or every goal.
func (f GoalFilter) Query() storage.Query {
	switch {
	case !f.PlanID.IsZero():
		return storage.Query{Index: "plan", Prefix: []storage.Value{id(f.PlanID)}}
	case !f.PeerID.IsZero():
		return storage.Query{Index: "peer", Prefix: []storage.Value{id(f.PeerID)}}
	case f.Status != GoalStatusUnspecified:
		return storage.Query{Index: "status", Prefix: []storage.Value{storage.String(f.Status.String())}}
	case f.OpenOnly:
		return storage.Query{Index: "open", Exact: true}
	}
	return storage.Query{Exact: true}
}

// Matches reports whether g passes the filter.
func (f GoalFilter) Matches(g *Goal) bool {
	if g == nil {
		return false
	}
	return (f.PeerID.IsZero() || g.PeerID == f.PeerID) &&
		(f.PlanID.IsZero() || g.PlanID == f.PlanID) &&
		(f.Status == GoalStatusUnspecified || g.Status == f.Status) &&
		(!f.OpenOnly || g.Status.Open())
}

// PlanFilter selects plans, in ascending order of ID; zero fields select
// everything.
type PlanFilter struct {
	PeerID peer.ID
	Status Status
}

// Query implements [storage.Filter]: the peer's plans (of the status), the
// status's, or every plan.
func (f PlanFilter) Query() storage.Query {
	switch {
	case !f.PeerID.IsZero() && f.Status != StatusUnspecified:
		return storage.Query{Index: "peer_status", Prefix: []storage.Value{id(f.PeerID), storage.String(f.Status.String())}, Exact: true}
	case !f.PeerID.IsZero():
		return storage.Query{Index: "peer", Prefix: []storage.Value{id(f.PeerID)}, Exact: true}
	case f.Status != StatusUnspecified:
		return storage.Query{Index: "status", Prefix: []storage.Value{storage.String(f.Status.String())}, Exact: true}
	}
	return storage.Query{Exact: true}
}

// Matches reports whether p passes the filter.
func (f PlanFilter) Matches(p *Plan) bool {
	if p == nil {
		return false
	}
	return (f.PeerID.IsZero() || p.PeerID == f.PeerID) && (f.Status == StatusUnspecified || p.Status == f.Status)
}

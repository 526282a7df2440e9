package peer

import (
	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/storage"
)

// The package's aggregates, declared for the portable layer of package
// storage: every driver (memstore, sqlstore, a host's own) keeps them with
// their indexes, and every listing below reads an index range.
var (
	// Peers are the [Peer] records, kind "peer", indexed by status.
	Peers = storage.NewCollection(storage.Aggregate[Peer, ID]{
		Kind: "peer", Key: func(p *Peer) ID { return p.ID }, Subjects: func(p *Peer) []string { return []string{p.ID.String()} }, Version: func(p *Peer) *int64 { return &p.Version },
		Validate: func(p *Peer) error { return p.Validate() }, Clone: Peer.Clone,
		Indexes: []storage.Index[Peer]{statusIndex(func(p *Peer) string { return p.Status.String() })},
	})
	// Specialists are the [Specialist] records, kind "peer.specialist",
	// indexed by status.
	Specialists = storage.NewCollection(storage.Aggregate[Specialist, SpecialistID]{
		Kind: "peer.specialist", Key: func(s *Specialist) SpecialistID { return s.ID },
		Version:  func(s *Specialist) *int64 { return &s.Version },
		Validate: func(s *Specialist) error { return s.Validate() }, Clone: Specialist.Clone,
		Indexes: []storage.Index[Specialist]{statusIndex(func(s *Specialist) string { return s.Status.String() })},
	})
	// Supervisors are the [Supervisor] records, kind "peer.supervisor",
	// indexed by status.
	Supervisors = storage.NewCollection(storage.Aggregate[Supervisor, SupervisorID]{
		Kind: "peer.supervisor", Key: func(s *Supervisor) SupervisorID { return s.ID },
		Version:  func(s *Supervisor) *int64 { return &s.Version },
		Validate: func(s *Supervisor) error { return s.Validate() }, Clone: Supervisor.Clone,
		Indexes: []storage.Index[Supervisor]{statusIndex(func(s *Supervisor) string { return s.Status.String() })},
	})
	// Supervisions are the [Supervision] links, kind "peer.supervision",
	// indexed by supervisor, by specialist and by start.
	Supervisions = storage.NewCollection(storage.Aggregate[Supervision, SupervisionID]{
		Kind: "peer.supervision", Key: func(s *Supervision) SupervisionID { return s.ID },
		Version:  func(s *Supervision) *int64 { return &s.Version },
		Validate: func(s *Supervision) error { return s.Validate() }, Clone: func(s Supervision) Supervision { return s },
		Indexes: []storage.Index[Supervision]{
			{Name: "supervisor_start", Fields: []storage.Field{idField("supervisor_id"), dateField("start")},
				Entries: func(s *Supervision) [][]storage.Value {
					return storage.Entry(storage.String(s.SupervisorID.String()), storage.Date(s.Start))
				}},
			{Name: "specialist_start", Fields: []storage.Field{idField("specialist_id"), dateField("start")},
				Entries: func(s *Supervision) [][]storage.Value {
					return storage.Entry(storage.String(s.SpecialistID.String()), storage.Date(s.Start))
				}},
			{Name: "start", Fields: []storage.Field{dateField("start")},
				Entries: func(s *Supervision) [][]storage.Value { return storage.Entry(storage.Date(s.Start)) }},
		},
	})
)

func idField(name string) storage.Field   { return storage.Field{Name: name, Type: storage.TypeString} }
func dateField(name string) storage.Field { return storage.Field{Name: name, Type: storage.TypeDate} }

// statusIndex is the index of records by their status's wire code.
func statusIndex[T any](status func(*T) string) storage.Index[T] {
	return storage.Index[T]{Name: "status", Fields: []storage.Field{{Name: "status", Type: storage.TypeString}},
		Entries: func(v *T) [][]storage.Value { return storage.Entry(storage.String(status(v))) }}
}

// byStatus is the query of records of one status, or of every record.
func byStatus(code string) storage.Query {
	if code == "" {
		return storage.Query{Exact: true}
	}
	return storage.Query{Index: "status", Prefix: []storage.Value{storage.String(code)}, Exact: true}
}

// PeerFilter selects peers for Peers.List: in ascending order of ID (the
// order they were created in, for IDs made by NewID). The zero filter
// selects every peer. Peers by assignment are [Unassigned] and
// [CaseloadPeers].
type PeerFilter struct {
	// Status selects peers with this status.
	Status Status
}

// Query implements [storage.Filter]: the status index.
func (f PeerFilter) Query() storage.Query { return byStatus(f.Status.String()) }

// Matches reports whether p passes the filter.
func (f PeerFilter) Matches(p *Peer) bool {
	if p == nil {
		return false
	}
	return f.Status == StatusUnspecified || p.Status == f.Status
}

// SpecialistFilter selects specialists, in ascending order of ID; the
// zero filter selects all.
type SpecialistFilter struct {
	Status SpecialistStatus
}

// Query implements [storage.Filter]: the status index.
func (f SpecialistFilter) Query() storage.Query { return byStatus(f.Status.String()) }

// Matches reports whether s passes the filter.
func (f SpecialistFilter) Matches(s *Specialist) bool {
	if s == nil {
		return false
	}
	return f.Status == SpecialistStatusUnspecified || s.Status == f.Status
}

// SupervisorFilter selects supervisors, in ascending order of ID; the
// zero filter selects all.
type SupervisorFilter struct {
	Status SupervisorStatus
}

// Query implements [storage.Filter]: the status index.
func (f SupervisorFilter) Query() storage.Query { return byStatus(f.Status.String()) }

// Matches reports whether s passes the filter.
func (f SupervisorFilter) Matches(s *Supervisor) bool {
	if s == nil {
		return false
	}
	return f.Status == SupervisorStatusUnspecified || s.Status == f.Status
}

// SupervisionFilter selects supervision links, ordered by Start, then by
// ID; the zero filter selects all.
type SupervisionFilter struct {
	SupervisorID SupervisorID
	SpecialistID SpecialistID
	// ActiveOn selects links in force on that day: a range of the start
	// index up to the day, and the links that have not ended before it.
	ActiveOn peersupport.Date
}

// Query implements [storage.Filter]: the supervisor's or the
// specialist's links, or every link, starting on or before ActiveOn.
func (f SupervisionFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case !f.SupervisorID.IsZero():
		q = storage.Query{Index: "supervisor_start", Prefix: []storage.Value{storage.String(f.SupervisorID.String())}}
	case !f.SpecialistID.IsZero():
		q = storage.Query{Index: "specialist_start", Prefix: []storage.Value{storage.String(f.SpecialistID.String())}}
	default:
		q = storage.Query{Index: "start"}
	}
	if !f.ActiveOn.IsZero() {
		q.Hi = storage.Date(f.ActiveOn.AddDays(1))
	}
	return q
}

// Matches reports whether s passes the filter.
func (f SupervisionFilter) Matches(s *Supervision) bool {
	if s == nil {
		return false
	}
	return (f.SupervisorID.IsZero() || s.SupervisorID == f.SupervisorID) &&
		(f.SpecialistID.IsZero() || s.SpecialistID == f.SpecialistID) &&
		(f.ActiveOn.IsZero() || s.ActiveOn(f.ActiveOn))
}

package billing

import (
	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

func idField(name string) storage.Field   { return storage.Field{Name: name, Type: storage.TypeString} }
func dateField(name string) storage.Field { return storage.Field{Name: name, Type: storage.TypeDate} }
func text(s interface{ String() string }) storage.Value {
	return storage.String(s.String())
}

// The package's aggregates, declared for the portable layer of package
// storage.
var (
	// Authorizations are the [Authorization] records, kind
	// "billing.authorization", indexed by peer and start.
	Authorizations = storage.NewCollection(storage.Aggregate[Authorization, AuthorizationID]{
		Kind: "billing.authorization", Key: func(a *Authorization) AuthorizationID { return a.ID },
		Subjects: func(a *Authorization) []string { return []string{a.PeerID.String()} },
		Version:  func(a *Authorization) *int64 { return &a.Version },
		Validate: func(a *Authorization) error { return a.Validate() }, Clone: Authorization.Clone,
		Indexes: []storage.Index[Authorization]{
			{Name: "peer_start", Fields: []storage.Field{idField("peer_id"), dateField("start")},
				Entries: func(a *Authorization) [][]storage.Value {
					return storage.Entry(text(a.PeerID), storage.Date(a.Start))
				}},
		},
	})
	// Lines are the billed [Line] records, kind "billing.line", indexed
	// by peer and service date (under a rule set, and under all), by
	// authorization and by service date; a payer is billed for a
	// session's peer and service once, whatever the rule set (a unique
	// index).
	Lines = storage.NewCollection(storage.Aggregate[Line, LineID]{
		Kind: "billing.line", Key: func(l *Line) LineID { return l.ID },
		Subjects: func(l *Line) []string { return []string{l.PeerID.String()} },
		Version:  func(l *Line) *int64 { return &l.Version },
		Validate: func(l *Line) error { return l.Validate() }, Clone: Line.Clone,
		Normalize: func(l *Line) { l.BilledAt = l.BilledAt.UTC() },
		Indexes: []storage.Index[Line]{
			{Name: "once", Unique: true, Err: ErrAlreadyBilled,
				Fields: []storage.Field{idField("payer"), idField("service"), idField("session_id"), idField("peer_id")},
				Entries: func(l *Line) [][]storage.Value {
					return storage.Entry(storage.String(l.Payer.System+"|"+l.Payer.Value), storage.String(l.Service.Code), text(l.SessionID), text(l.PeerID))
				}},
			{Name: "peer_date", Fields: []storage.Field{idField("peer_id"), dateField("service_date")},
				Entries: func(l *Line) [][]storage.Value {
					return storage.Entry(text(l.PeerID), storage.Date(l.ServiceDate))
				}},
			{Name: "rules_peer_date", Fields: []storage.Field{idField("rules_id"), idField("peer_id"), dateField("service_date")},
				Entries: func(l *Line) [][]storage.Value {
					return storage.Entry(storage.String(l.RulesID), text(l.PeerID), storage.Date(l.ServiceDate))
				}},
			{Name: "authorization", Fields: []storage.Field{idField("authorization_id")},
				Entries: func(l *Line) [][]storage.Value {
					if l.AuthorizationID.IsZero() {
						return nil
					}
					return storage.Entry(text(l.AuthorizationID))
				}},
			{Name: "date", Fields: []storage.Field{dateField("service_date")},
				Entries: func(l *Line) [][]storage.Value { return storage.Entry(storage.Date(l.ServiceDate)) }},
		},
	})
)

// AuthorizationFilter selects a peer's orders and authorizations, in
// order of Start, then ID.
type AuthorizationFilter struct {
	PeerID peer.ID
}

// Query implements [storage.Filter]: the peer's records.
func (f AuthorizationFilter) Query() storage.Query {
	return storage.Query{Index: "peer_start", Prefix: []storage.Value{text(f.PeerID)}, Exact: true}
}

// Matches reports whether a passes f.
func (f AuthorizationFilter) Matches(a *Authorization) bool { return a != nil && a.PeerID == f.PeerID }

// LineFilter selects billed lines, in the order of its index: a peer's
// under a rule set or under all (by service date), an authorization's, or
// every line by service date. From and Until bound the service date: From <=
// ServiceDate < Until, either open when zero.
type LineFilter struct {
	RulesID         string
	PeerID          peer.ID
	AuthorizationID AuthorizationID
	From, Until     peersupport.Date
}

// Query implements [storage.Filter].
func (f LineFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case !f.AuthorizationID.IsZero():
		return storage.Query{Index: "authorization", Prefix: []storage.Value{text(f.AuthorizationID)}}
	case f.RulesID != "" && !f.PeerID.IsZero():
		q = storage.Query{Index: "rules_peer_date", Prefix: []storage.Value{storage.String(f.RulesID), text(f.PeerID)}}
	case !f.PeerID.IsZero():
		q = storage.Query{Index: "peer_date", Prefix: []storage.Value{text(f.PeerID)}}
	default:
		q = storage.Query{Index: "date"}
	}
	if !f.From.IsZero() {
		q.Lo = storage.Date(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Date(f.Until)
	}
	return q
}

// Matches reports whether l passes f.
func (f LineFilter) Matches(l *Line) bool {
	return l != nil && (f.RulesID == "" || l.RulesID == f.RulesID) && (f.PeerID.IsZero() || l.PeerID == f.PeerID) &&
		(f.AuthorizationID.IsZero() || l.AuthorizationID == f.AuthorizationID) &&
		(f.From.IsZero() || !l.ServiceDate.Before(f.From)) && (f.Until.IsZero() || l.ServiceDate.Before(f.Until))
}

package sqlstore

import (
	"cmp"
	"context"
	"iter"
	"slices"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

var (
	_ peer.Store           = (*Store)(nil)
	_ session.Store        = (*Store)(nil)
	_ plan.AssessmentStore = (*Store)(nil)
	_ plan.GoalStore       = (*Store)(nil)
	_ plan.PlanStore       = (*Store)(nil)
	_ certification.Store  = (*Store)(nil)
	_ consent.Store        = (*Store)(nil)
)

// openAssignments maps each peer to the specialists they have open
// assignments with.
func (s *Store) openAssignments(ctx context.Context) (map[peer.ID]map[peer.SpecialistID]bool, error) {
	open := map[peer.ID]map[peer.SpecialistID]bool{}
	for c, err := range tCaseload.list(ctx, s.db, nil) {
		if err != nil {
			return nil, err
		}
		for _, a := range c.Assignments {
			if a.Open() {
				if open[a.PeerID] == nil {
					open[a.PeerID] = map[peer.SpecialistID]bool{}
				}
				open[a.PeerID][a.SpecialistID] = true
			}
		}
	}
	return open, nil
}

// ListPeers implements [peer.PeerStore]: peers in ascending order of ID;
// the assignment filters read the caseloads at the start of each range.
func (s *Store) ListPeers(ctx context.Context, f peer.PeerFilter) iter.Seq2[peer.Peer, error] {
	return func(yield func(peer.Peer, error) bool) {
		keep := f.Matches
		if f.NeedsAssignments() {
			open, err := s.openAssignments(ctx)
			if err != nil {
				yield(peer.Peer{}, err)
				return
			}
			keep = func(p peer.Peer) bool { return f.MatchesAssigned(p, open[p.ID]) }
		}
		for p, err := range tPeer.list(ctx, s.db, keep) {
			if !yield(p, err) || err != nil {
				return
			}
		}
	}
}

// ListAssignments implements [peer.CaseloadStore]: the assignments of
// every caseload that match f, by Start, then ID.
func (s *Store) ListAssignments(ctx context.Context, f peer.AssignmentFilter) iter.Seq2[peer.Assignment, error] {
	return func(yield func(peer.Assignment, error) bool) {
		var out []peer.Assignment
		for c, err := range tCaseload.list(ctx, s.db, nil) {
			if err != nil {
				yield(peer.Assignment{}, err)
				return
			}
			for _, a := range c.Assignments {
				if f.Matches(a) {
					out = append(out, a)
				}
			}
		}
		slices.SortFunc(out, func(a, b peer.Assignment) int { return cmp.Or(a.Start.Compare(b.Start), a.ID.Compare(b.ID)) })
		for _, a := range out {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// ListRecords implements [certification.RecordStore]: records in
// ascending order of SpecialistID.
func (s *Store) ListRecords(ctx context.Context, f certification.RecordFilter) iter.Seq2[certification.Record, error] {
	var keep func(certification.Record) bool
	if len(f.SpecialistIDs) > 0 {
		keep = func(r certification.Record) bool { return slices.Contains(f.SpecialistIDs, r.SpecialistID) }
	}
	return tRecord.list(ctx, s.db, keep)
}

var tDisclosure = &table[consent.DisclosureRecord]{
	name: "disclosures", errs: consentErrs,
	key:        func(r consent.DisclosureRecord) string { return r.ID.String() },
	version:    func(r consent.DisclosureRecord) int64 { return r.Version },
	setVersion: func(r *consent.DisclosureRecord, n int64) { r.Version = n },
	validate:   consent.DisclosureRecord.Validate,
	sort:       func(r consent.DisclosureRecord) string { return sortTime(r.At) },
}

// AppendDisclosure implements [consent.DisclosureLog].
func (s *Store) AppendDisclosure(ctx context.Context, r consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	return tDisclosure.create(ctx, s.db, r)
}

// GetDisclosure implements [consent.DisclosureLog].
func (s *Store) GetDisclosure(ctx context.Context, id consent.DisclosureID) (consent.DisclosureRecord, error) {
	return tDisclosure.get(ctx, s.db, id.String())
}

// UpdateDisclosure implements [consent.DisclosureLog]: only the status
// of an entry changes, which package consent sees to.
func (s *Store) UpdateDisclosure(ctx context.Context, r consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	return tDisclosure.update(ctx, s.db, r)
}

// ListDisclosures implements [consent.DisclosureLog]: records by At,
// then ID.
func (s *Store) ListDisclosures(ctx context.Context, f consent.DisclosureFilter) iter.Seq2[consent.DisclosureRecord, error] {
	return tDisclosure.list(ctx, s.db, f.Matches)
}

package storetest_test

import (
	"context"
	"errors"
	"iter"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storetest"
)

// The suites are themselves tested: each broken store below has one
// typical defect, and the suite must fail it in the subtests named.
var brokenStores = map[string]struct {
	run      func(t *testing.T)
	wantFail []string
}{
	"ignoresVersions": {
		run: peerSuite(func() peer.Store { return ignoresVersions{memstore.New(), new(sync.Mutex)} }),
		wantFail: []string{
			"Peers/UpdateStale", "Peers/ConcurrentUpdates",
			"Caseloads/UpdateStale", "Caseloads/ConcurrentUpdates", "Caseloads/CapacityNeverExceeded",
		},
	},
	"sharesMemory": {
		run:      peerSuite(func() peer.Store { return &sharesMemory{Store: memstore.New(), peers: map[peer.ID]peer.Peer{}} }),
		wantFail: []string{"Peers/CopySemantics"},
	},
	"unordered": {
		run:      peerSuite(func() peer.Store { return unordered{memstore.New()} }),
		wantFail: []string{"Peers/ListOrder"},
	},
	"hidesNotFound": {
		run:      peerSuite(func() peer.Store { return hidesNotFound{memstore.New()} }),
		wantFail: []string{"Peers/GetNotFound", "Peers/CreateInvalid"},
	},
	"sessionsIgnoreVersions": {
		run:      sessionSuite(func() session.Store { return sessionsIgnoreVersions{memstore.New(), new(sync.Mutex)} }),
		wantFail: []string{"Sessions/UpdateStale", "Sessions/ConcurrentUpdates"},
	},
	"sessionsUnfiltered": {
		run:      sessionSuite(func() session.Store { return sessionsUnfiltered{memstore.New()} }),
		wantFail: []string{"Sessions/ListFilters"},
	},
	"credentialsUnfiltered": {
		run: func(t *testing.T) {
			storetest.RunCertificationStores(t, func(t *testing.T) certification.Store { return credentialsUnfiltered{memstore.New()} })
		},
		wantFail: []string{"Credentials/ListFilters"},
	},
	"consentBroken": {
		run: func(t *testing.T) {
			storetest.RunConsentStores(t, func(t *testing.T) consent.Store { return consentBroken{memstore.New()} })
		},
		wantFail: []string{"Consents/ListFilters", "Disclosures/ListFilters", "Disclosures/Create", "Disclosures/CreateDuplicate"},
	},
	"meetingsByID": {
		run:      sessionSuite(func() session.Store { return meetingsByID{memstore.New()} }),
		wantFail: []string{"Meetings/ListOrder"},
	},
}

func peerSuite(mk func() peer.Store) func(t *testing.T) {
	return func(t *testing.T) { storetest.RunStore(t, func(t *testing.T) peer.Store { return mk() }) }
}

func sessionSuite(mk func() session.Store) func(t *testing.T) {
	return func(t *testing.T) { storetest.RunSessionStores(t, func(t *testing.T) session.Store { return mk() }) }
}

// The suites pass a correct store.
func TestSuitePassesMemstore(t *testing.T) {
	storetest.RunStore(t, func(t *testing.T) peer.Store { return memstore.New() })
	storetest.RunSessionStores(t, func(t *testing.T) session.Store { return memstore.New() })
	storetest.RunAssessmentStore(t, func(t *testing.T) plan.AssessmentStore { return memstore.New() })
	storetest.RunGoalStore(t, func(t *testing.T) plan.GoalStore { return memstore.New() })
	storetest.RunPlanStore(t, func(t *testing.T) plan.PlanStore { return memstore.New() })
	storetest.RunCertificationStores(t, func(t *testing.T) certification.Store { return memstore.New() })
}

func TestSuiteFailsBrokenStores(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite in child processes")
	}
	for name, b := range brokenStores {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenStore$", "-test.v")
			cmd.Env = append(os.Environ(), "STORETEST_BROKEN="+name)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "the suite passed a store that %s:\n%s", name, out)
			for _, sub := range b.wantFail {
				assert.Contains(t, string(out), "--- FAIL: TestBrokenStore/"+sub+" ",
					"the suite did not fail %s for a store that %s", sub, name)
			}
		})
	}
}

// TestBrokenStore runs the suite against one broken store when
// TestSuiteFailsBrokenStores asks for it in a child process.
func TestBrokenStore(t *testing.T) {
	name := os.Getenv("STORETEST_BROKEN")
	if name == "" {
		t.Skip("run by TestSuiteFailsBrokenStores")
	}
	brokenStores[name].run(t)
}

// ignoresVersions writes every update, whatever its version: last writer
// wins. The lock makes each read and write one step, as in
// sessionsIgnoreVersions, so a stale write always overwrites.
type ignoresVersions struct {
	peer.Store
	mu *sync.Mutex
}

func (s ignoresVersions) UpdatePeer(ctx context.Context, p peer.Peer) (peer.Peer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, err := s.Store.GetPeer(ctx, p.ID); err == nil {
		p.Version = cur.Version
	}
	return s.Store.UpdatePeer(ctx, p)
}

func (s ignoresVersions) UpdateCaseload(ctx context.Context, c peer.Caseload) (peer.Caseload, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, err := s.Store.GetCaseload(ctx, c.SpecialistID); err == nil {
		c.Version = cur.Version
	}
	return s.Store.UpdateCaseload(ctx, c)
}

// sharesMemory hands out the peers it keeps, sharing their slices with
// callers.
type sharesMemory struct {
	peer.Store
	mu    sync.Mutex
	peers map[peer.ID]peer.Peer
}

func (s *sharesMemory) CreatePeer(ctx context.Context, p peer.Peer) (peer.Peer, error) {
	return s.keep(p)(s.Store.CreatePeer(ctx, p))
}

// keep returns a function that, after a successful write, keeps p itself
// (not a copy) with the stored version, and returns it.
func (s *sharesMemory) keep(p peer.Peer) func(peer.Peer, error) (peer.Peer, error) {
	return func(stored peer.Peer, err error) (peer.Peer, error) {
		if err != nil {
			return stored, err
		}
		p.Version = stored.Version
		s.mu.Lock()
		defer s.mu.Unlock()
		s.peers[p.ID] = p
		return p, nil
	}
}

func (s *sharesMemory) GetPeer(ctx context.Context, id peer.ID) (peer.Peer, error) {
	if _, err := s.Store.GetPeer(ctx, id); err != nil {
		return peer.Peer{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peers[id], nil
}

func (s *sharesMemory) UpdatePeer(ctx context.Context, p peer.Peer) (peer.Peer, error) {
	return s.keep(p)(s.Store.UpdatePeer(ctx, p))
}

// unordered lists peers in reverse order.
type unordered struct{ peer.Store }

func (s unordered) ListPeers(ctx context.Context, f peer.PeerFilter) iter.Seq2[peer.Peer, error] {
	return func(yield func(peer.Peer, error) bool) {
		var all []peer.Peer
		for p, err := range s.Store.ListPeers(ctx, f) {
			if err != nil {
				yield(peer.Peer{}, err)
				return
			}
			all = append(all, p)
		}
		slices.Reverse(all)
		for _, p := range all {
			if !yield(p, nil) {
				return
			}
		}
	}
}

// hidesNotFound answers a missing peer with an empty one.
type hidesNotFound struct{ peer.Store }

func (s hidesNotFound) GetPeer(ctx context.Context, id peer.ID) (peer.Peer, error) {
	p, err := s.Store.GetPeer(ctx, id)
	if errors.Is(err, peer.ErrNotFound) {
		return peer.Peer{}, nil
	}
	return p, err
}

// sessionsIgnoreVersions writes every session update, whatever its
// version. The lock makes its read and write one step, so a stale update
// always overwrites (without it, memstore's own version check could turn
// an overwrite into a conflict that the writer retries, and the suite
// would catch the lost update only by chance).
type sessionsIgnoreVersions struct {
	session.Store
	mu *sync.Mutex
}

func (s sessionsIgnoreVersions) UpdateSession(ctx context.Context, v session.Session) (session.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, err := s.Store.GetSession(ctx, v.ID); err == nil {
		v.Version = cur.Version
	}
	return s.Store.UpdateSession(ctx, v)
}

// sessionsUnfiltered ignores the peer of a session filter.
type sessionsUnfiltered struct{ session.Store }

func (s sessionsUnfiltered) ListSessions(ctx context.Context, f session.SessionFilter) iter.Seq2[session.Session, error] {
	f.PeerID = peer.ID{}
	return s.Store.ListSessions(ctx, f)
}

// meetingsByID lists meetings by ID instead of by start.
type meetingsByID struct{ session.Store }

func (s meetingsByID) ListMeetings(ctx context.Context, f session.MeetingFilter) iter.Seq2[session.Meeting, error] {
	return func(yield func(session.Meeting, error) bool) {
		var all []session.Meeting
		for m, err := range s.Store.ListMeetings(ctx, f) {
			if err != nil {
				yield(session.Meeting{}, err)
				return
			}
			all = append(all, m)
		}
		slices.SortFunc(all, func(a, b session.Meeting) int { return a.ID.Compare(b.ID) })
		for _, m := range all {
			if !yield(m, nil) {
				return
			}
		}
	}
}

// credentialsUnfiltered keeps the specialist filter but ignores the expiry
// range and revocation.
type credentialsUnfiltered struct{ *memstore.Store }

func (s credentialsUnfiltered) ListCredentials(ctx context.Context, f certification.CredentialFilter) iter.Seq2[certification.Credential, error] {
	return s.Store.ListCredentials(ctx, certification.CredentialFilter{SpecialistID: f.SpecialistID, Code: f.Code})
}

// consentBroken ignores a consent filter's purpose and a disclosure
// filter's time bounds, and its log appends every record twice under
// fresh IDs (so a duplicate is not refused and the stored record is not
// the one appended).
type consentBroken struct{ *memstore.Store }

func (s consentBroken) ListConsents(ctx context.Context, f consent.ConsentFilter) iter.Seq2[consent.Consent, error] {
	return s.Store.ListConsents(ctx, consent.ConsentFilter{PeerID: f.PeerID})
}

func (s consentBroken) ListDisclosures(ctx context.Context, f consent.DisclosureFilter) iter.Seq2[consent.DisclosureRecord, error] {
	return s.Store.ListDisclosures(ctx, consent.DisclosureFilter{PeerID: f.PeerID})
}

func (s consentBroken) AppendDisclosure(ctx context.Context, r consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	r.ID = consent.NewDisclosureID()
	r2 := r
	r2.ID = consent.NewDisclosureID()
	if _, err := s.Store.AppendDisclosure(ctx, r2); err != nil {
		return consent.DisclosureRecord{}, err
	}
	return s.Store.AppendDisclosure(ctx, r)
}

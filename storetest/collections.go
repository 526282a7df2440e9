package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// RunCollections runs every collection of the library on the drivers
// newDriver makes (one, empty, per subtest), against package memstore as
// the reference: the same records stored in both must read back the same,
// field for field, and every filter must list the same records in the
// same order, whole and a page at a time. So it finds what the driver
// suite cannot: a record that loses a field, an instant or a character on
// its way through the driver's encoding, or a filter of the library the
// driver's index ranges answer wrongly. Subtests, one per kind of record
// (Peers, Specialists, …, Disclosures, AuditEntries, Episodes, Authorizations, Lines), each with:
//
//   - Get: every record reads back as stored;
//   - Update: a change commits, reads back, and a stale one is refused;
//   - Lists: every filter of the case lists what the reference lists, and
//     so do its pages of 5.
//
// Run it with -race.
func RunCollections(t *testing.T, newDriver func(t *testing.T) storage.Driver) {
	for _, c := range collectionCases() {
		t.Run(c.name(), func(t *testing.T) { c.run(t, newDriver) })
	}
}

// collectionCase is one kind of record in RunCollections.
type collectionCase interface {
	name() string
	run(t *testing.T, newDriver func(t *testing.T) storage.Driver)
}

// kindCase runs a collection: fixtures to store, a change its rules
// allow, and filters that select some of the fixtures.
type kindCase[T any, K storage.Key] struct {
	title   string
	c       *storage.Collection[T, K]
	fixture func(w *world, i int) T
	key     func(T) K
	change  func(*T)
	filters func(w *world) []storage.Filter[T]
}

func (k kindCase[T, K]) name() string { return k.title }

func (k kindCase[T, K]) run(t *testing.T, newDriver func(t *testing.T) storage.Driver) {
	ctx := t.Context()
	ref, db := memstore.NewDB(), storage.New(newDriver(t))
	w := newWorld()
	var stored []T
	for i := range fixtureCount {
		v := k.fixture(w, i)
		want, err := k.c.Create(ctx, ref, v)
		require.NoError(t, err, "the reference stores fixture %d", i)
		got, err := k.c.Create(ctx, db, v)
		require.NoError(t, err, "create fixture %d", i)
		require.Equal(t, want, got, "create fixture %d returns the record stored", i)
		stored = append(stored, want)
	}
	t.Run("Get", func(t *testing.T) {
		for _, want := range stored {
			got, err := k.c.Get(ctx, db, k.key(want))
			require.NoError(t, err)
			assert.Equal(t, want, got, "%v reads back as stored", k.key(want))
		}
		var zero K
		_, err := k.c.Get(ctx, db, zero)
		assert.ErrorIs(t, err, storage.ErrInvalid, "a zero ID")
	})
	t.Run("Update", func(t *testing.T) {
		if k.change == nil {
			t.Skip("the kind's records never change")
		}
		for _, v := range stored[:3] {
			k.change(&v)
			want, err := k.c.Update(ctx, ref, v)
			require.NoError(t, err, "the reference updates %v", k.key(v))
			got, err := k.c.Update(ctx, db, v)
			require.NoError(t, err, "update %v", k.key(v))
			assert.Equal(t, want, got)
			read, err := k.c.Get(ctx, db, k.key(v))
			require.NoError(t, err)
			assert.Equal(t, want, read, "%v reads back as updated", k.key(v))
			_, err = k.c.Update(ctx, db, v)
			assert.ErrorIs(t, err, storage.ErrConflict, "an update at the version it replaced")
		}
	})
	t.Run("Lists", func(t *testing.T) {
		filters := []storage.Filter[T]{storage.All[T]{}}
		if k.filters != nil {
			filters = append(filters, k.filters(w)...)
		}
		for i, f := range filters {
			want := list(t, k.c.List(ctx, ref, f))
			got := list(t, k.c.List(ctx, db, f))
			require.Equal(t, keys(want, k.key), keys(got, k.key), "filter %d (%T %+v): the records and their order", i, f, f.Query())
			assert.Equal(t, want, got, "filter %d (%T): the records", i, f)
			var paged []T
			after := ""
			for range fixtureCount + 2 {
				p, err := k.c.Page(ctx, db, f, after, 5)
				require.NoError(t, err, "filter %d (%T): a page", i, f)
				paged = append(paged, p.Items...)
				if after = p.Next; after == "" {
					break
				}
			}
			assert.Equal(t, keys(want, k.key), keys(paged, k.key), "filter %d (%T): pages of 5", i, f)
		}
	})
}

func list[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

func keys[T any, K storage.Key](vs []T, key func(T) K) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, key(v).String())
	}
	return out
}

// note adds an identifier, a change every kind with identifiers allows.
func note(ids []peersupport.Identifier) []peersupport.Identifier {
	return append(ids, peersupport.Identifier{System: "urn:peersupport:storetest:change", Value: fmt.Sprint(len(ids))})
}

// collectionCases lists the library's collections with their fixtures,
// changes and filters.
func collectionCases() []collectionCase {
	mid := day0.AddDays(4)
	return []collectionCase{
		kindCase[peer.Peer, peer.ID]{title: "Peers", c: peer.Peers, fixture: (*world).peer, key: func(p peer.Peer) peer.ID { return p.ID },
			change: func(p *peer.Peer) { p.Identifiers = note(p.Identifiers); p.Pronouns = "they/them" },
			filters: func(*world) []storage.Filter[peer.Peer] {
				return []storage.Filter[peer.Peer]{peer.PeerFilter{Status: peer.StatusActive}, peer.PeerFilter{Status: peer.StatusDischarged}}
			}},
		kindCase[peer.Specialist, peer.SpecialistID]{title: "Specialists", c: peer.Specialists, fixture: (*world).specialist, key: func(s peer.Specialist) peer.SpecialistID { return s.ID },
			change: func(s *peer.Specialist) { s.Identifiers = note(s.Identifiers) },
			filters: func(*world) []storage.Filter[peer.Specialist] {
				return []storage.Filter[peer.Specialist]{peer.SpecialistFilter{Status: peer.SpecialistStatusActive}, peer.SpecialistFilter{Status: peer.SpecialistStatusInactive}}
			}},
		kindCase[peer.Supervisor, peer.SupervisorID]{title: "Supervisors", c: peer.Supervisors, fixture: (*world).supervisor, key: func(s peer.Supervisor) peer.SupervisorID { return s.ID },
			change: func(s *peer.Supervisor) { s.Identifiers = note(s.Identifiers) },
			filters: func(*world) []storage.Filter[peer.Supervisor] {
				return []storage.Filter[peer.Supervisor]{peer.SupervisorFilter{Status: peer.SupervisorStatusInactive}}
			}},
		kindCase[peer.Supervision, peer.SupervisionID]{title: "Supervisions", c: peer.Supervisions, fixture: (*world).supervision, key: func(s peer.Supervision) peer.SupervisionID { return s.ID },
			change: func(s *peer.Supervision) { s.End = s.Start.AddDays(20) },
			filters: func(w *world) []storage.Filter[peer.Supervision] {
				return []storage.Filter[peer.Supervision]{peer.SupervisionFilter{SupervisorID: w.supervisors[0]}, peer.SupervisionFilter{SpecialistID: w.specialists[1]},
					peer.SupervisionFilter{SupervisorID: w.supervisors[1], SpecialistID: w.specialists[2]}, peer.SupervisionFilter{ActiveOn: mid.AddDays(8)}}
			}},
		kindCase[peer.Assignment, peer.AssignmentID]{title: "Assignments", c: peer.Assignments, fixture: (*world).assignment, key: func(a peer.Assignment) peer.AssignmentID { return a.ID },
			change: func(a *peer.Assignment) { a.End, a.EndReason = a.Start.AddDays(3), peer.EndReasonCompleted },
			filters: func(w *world) []storage.Filter[peer.Assignment] {
				return []storage.Filter[peer.Assignment]{peer.AssignmentFilter{PeerID: w.peers[0]}, peer.AssignmentFilter{SpecialistID: w.specialists[1]},
					peer.AssignmentFilter{SpecialistID: w.specialists[0], OpenOnly: true}, peer.AssignmentFilter{ActiveOn: mid}, peer.AssignmentFilter{OpenOnly: true},
					peer.EndedBetween{From: day0.AddDays(20), Until: day0.AddDays(30)}, peer.StartedBetween{From: day0.AddDays(2), Until: day0.AddDays(7)}}
			}},
		kindCase[session.Session, session.ID]{title: "Sessions", c: session.Sessions, fixture: (*world).session, key: func(s session.Session) session.ID { return s.ID },
			change: func(s *session.Session) { s.Place = "Library" },
			filters: func(w *world) []storage.Filter[session.Session] {
				from := hour0.Add(10 * time.Hour)
				return []storage.Filter[session.Session]{session.SessionFilter{SpecialistID: w.specialists[0]}, session.SessionFilter{PeerID: w.peers[1]},
					session.SessionFilter{GroupID: w.groups[0]}, session.SessionFilter{Status: session.StatusScheduled},
					session.SessionFilter{From: from, Until: from.Add(20 * time.Hour)}, session.SessionFilter{SpecialistID: w.specialists[2], From: from},
					session.SessionFilter{PeerID: w.peers[0], Status: session.StatusCompleted, Until: from.Add(30 * time.Hour)}}
			}},
		kindCase[session.Group, session.GroupID]{title: "Groups", c: session.Groups, fixture: (*world).group, key: func(g session.Group) session.GroupID { return g.ID },
			change: func(g *session.Group) { g.Name = "Renamed" },
			filters: func(w *world) []storage.Filter[session.Group] {
				return []storage.Filter[session.Group]{session.GroupFilter{FacilitatorID: w.specialists[0]}, session.GroupFilter{Type: session.GroupTypeWellness},
					session.GroupFilter{MemberID: w.peers[2]}}
			}},
		kindCase[session.Meeting, session.MeetingID]{title: "Meetings", c: session.Meetings, fixture: (*world).meeting, key: func(m session.Meeting) session.MeetingID { return m.ID },
			change: func(m *session.Meeting) { m.Minutes = 45 },
			filters: func(w *world) []storage.Filter[session.Meeting] {
				return []storage.Filter[session.Meeting]{session.MeetingFilter{SupervisorID: w.supervisors[1]}, session.MeetingFilter{SpecialistID: w.specialists[2]},
					session.MeetingFilter{From: hour0.Add(24 * time.Hour), Until: hour0.Add(72 * time.Hour)}}
			}},
		kindCase[plan.Plan, plan.ID]{title: "Plans", c: plan.Plans, fixture: (*world).plan, key: func(p plan.Plan) plan.ID { return p.ID },
			change: func(p *plan.Plan) {
				last := p.Revisions[len(p.Revisions)-1]
				p.Revisions = append(p.Revisions, plan.Revision{Number: last.Number + 1, Author: peerActor, At: last.At.Add(time.Hour), Summary: "Second", Content: last.Content})
			},
			filters: func(w *world) []storage.Filter[plan.Plan] {
				return []storage.Filter[plan.Plan]{plan.PlanFilter{PeerID: w.peers[0]}, plan.PlanFilter{Status: plan.StatusActive}, plan.PlanFilter{PeerID: w.peers[1], Status: plan.StatusArchived}}
			}},
		kindCase[plan.Goal, plan.GoalID]{title: "Goals", c: plan.Goals, fixture: (*world).goal, key: func(g plan.Goal) plan.GoalID { return g.ID },
			change: func(g *plan.Goal) { g.Barriers = append(g.Barriers, "Transport") },
			filters: func(w *world) []storage.Filter[plan.Goal] {
				return []storage.Filter[plan.Goal]{plan.GoalFilter{PeerID: w.peers[2]}, plan.GoalFilter{PlanID: w.plans[1]}, plan.GoalFilter{Status: plan.GoalStatusAchieved},
					plan.GoalFilter{OpenOnly: true}, plan.GoalFilter{PeerID: w.peers[0], OpenOnly: true}}
			}},
		kindCase[plan.Assessment, plan.AssessmentID]{title: "Assessments", c: plan.Assessments, fixture: (*world).assessment, key: func(a plan.Assessment) plan.AssessmentID { return a.ID },
			change: func(a *plan.Assessment) { a.TakenOn = a.TakenOn.AddDays(1) },
			filters: func(w *world) []storage.Filter[plan.Assessment] {
				return []storage.Filter[plan.Assessment]{plan.AssessmentFilter{PeerID: w.peers[1]}, plan.AssessmentFilter{Instrument: plan.BARC10Code, From: day0.AddDays(1), Until: day0.AddDays(3)},
					plan.AssessmentFilter{PeerID: w.peers[0], From: day0.AddDays(2)}}
			}},
		kindCase[certification.Record, peer.SpecialistID]{title: "Records", c: certification.Records, fixture: (*world).record, key: func(r certification.Record) peer.SpecialistID { return r.SpecialistID },
			change: func(r *certification.Record) { r.Education = certification.EducationAssociate }},
		kindCase[certification.Credential, certification.CredentialID]{title: "Credentials", c: certification.Credentials, fixture: (*world).credential, key: func(c certification.Credential) certification.CredentialID { return c.ID },
			change: func(c *certification.Credential) { c.Number += "-A" },
			filters: func(w *world) []storage.Filter[certification.Credential] {
				return []storage.Filter[certification.Credential]{certification.CredentialFilter{SpecialistID: w.specialists[0]}, certification.CredentialFilter{Code: certification.CodeICRCPeerRecovery},
					certification.CredentialFilter{ExpiresFrom: day0.AddDate(2, 0, 3), ExpiresUntil: day0.AddDate(2, 0, 8)}, certification.CredentialFilter{ExcludeRevoked: true},
					certification.CredentialFilter{SpecialistID: w.specialists[1], ExcludeRevoked: true, ExpiresFrom: day0.AddDate(2, 0, 2)}}
			}},
		kindCase[consent.Consent, consent.ID]{title: "Consents", c: consent.Consents, fixture: (*world).consent, key: func(c consent.Consent) consent.ID { return c.ID },
			change: func(c *consent.Consent) { c.Revoked = c.Signed.Add(time.Hour) },
			filters: func(w *world) []storage.Filter[consent.Consent] {
				return []storage.Filter[consent.Consent]{consent.ConsentFilter{PeerID: w.peers[0]}, consent.ConsentFilter{Purpose: consent.PurposePayment},
					consent.ConsentFilter{PeerID: w.peers[1], Purpose: consent.PurposeTreatment}}
			}},
		kindCase[consent.DisclosureRecord, consent.DisclosureID]{title: "Disclosures", c: consent.Disclosures, fixture: (*world).disclosure, key: func(r consent.DisclosureRecord) consent.DisclosureID { return r.ID },
			change: func(r *consent.DisclosureRecord) {
				r.Status, r.Settled = consent.DisclosureStatusSent, r.At.Add(time.Minute)
			},
			filters: func(w *world) []storage.Filter[consent.DisclosureRecord] {
				return []storage.Filter[consent.DisclosureRecord]{consent.DisclosureFilter{PeerID: w.peers[2]}, consent.DisclosureFilter{From: hour0.Add(3 * time.Minute), Until: hour0.Add(9 * time.Minute)},
					consent.DisclosureFilter{PeerID: w.peers[0], From: hour0.Add(2 * time.Minute)}}
			}},
		kindCase[audit.Entry, audit.EntryID]{title: "AuditEntries", c: audit.Entries, fixture: (*world).auditEntry, key: func(e audit.Entry) audit.EntryID { return e.ID },
			filters: func(w *world) []storage.Filter[audit.Entry] {
				return []storage.Filter[audit.Entry]{audit.EntryFilter{Subject: w.peers[1].String()}, audit.EntryFilter{Actor: actor(1)},
					audit.EntryFilter{From: hour0.Add(3 * time.Minute), Until: hour0.Add(9 * time.Minute)},
					audit.EntryFilter{Subject: w.peers[0].String(), Actor: actor(0)}}
			}},
		kindCase[peer.Episode, peer.EpisodeID]{title: "Episodes", c: peer.Episodes, fixture: (*world).episode, key: func(e peer.Episode) peer.EpisodeID { return e.ID },
			change: func(e *peer.Episode) {
				to := peer.ServicePathwayComprehensive
				if e.Pathway == to {
					to = peer.ServicePathwayBrief
				}
				_ = e.ChangePathway(e.Admitted.AddDays(1), to, peer.PathwayReasonNeedsMore)
			},
			filters: func(w *world) []storage.Filter[peer.Episode] {
				return []storage.Filter[peer.Episode]{peer.EpisodeFilter{PeerID: w.peers[0]}, peer.EpisodeFilter{PeerID: w.peers[2]}}
			}},
		kindCase[billing.Authorization, billing.AuthorizationID]{title: "Authorizations", c: billing.Authorizations, fixture: (*world).authorization, key: func(a billing.Authorization) billing.AuthorizationID { return a.ID },
			change: func(a *billing.Authorization) { a.Number += "-2" },
			filters: func(w *world) []storage.Filter[billing.Authorization] {
				return []storage.Filter[billing.Authorization]{billing.AuthorizationFilter{PeerID: w.peers[0]}, billing.AuthorizationFilter{PeerID: w.peers[2]}}
			}},
		kindCase[billing.Line, billing.LineID]{title: "Lines", c: billing.Lines, fixture: (*world).line, key: func(l billing.Line) billing.LineID { return l.ID },
			change: func(l *billing.Line) { l.MemberID, l.MemberIDSystem = "M-9", "urn:peersupport:storetest:member" },
			filters: func(w *world) []storage.Filter[billing.Line] {
				return []storage.Filter[billing.Line]{billing.LineFilter{RulesID: "storetest-h0038", PeerID: w.peers[1]},
					billing.LineFilter{AuthorizationID: w.auths[0]}, billing.LineFilter{From: day0.AddDays(2), Until: day0.AddDays(6)},
					billing.LineFilter{RulesID: "storetest-h0038", PeerID: w.peers[0], From: day0.AddDays(3)},
					billing.LineFilter{AuthorizationID: w.auths[1], From: day0.AddDays(4)}, billing.LineFilter{}}
			}},
	}
}

package storetest

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// RunSessionStores runs the suites of every store in package session
// against the stores newStore returns, each in a subtest named after the
// records: Sessions, Groups, Meetings.
func RunSessionStores(t *testing.T, newStore func(t *testing.T) session.Store) {
	t.Run("Sessions", func(t *testing.T) {
		RunSessionStore(t, func(t *testing.T) session.SessionStore { return newStore(t) })
	})
	t.Run("Groups", func(t *testing.T) {
		RunGroupStore(t, func(t *testing.T) session.GroupStore { return newStore(t) })
	})
	t.Run("Meetings", func(t *testing.T) {
		RunMeetingStore(t, func(t *testing.T) session.MeetingStore { return newStore(t) })
	})
}

func sessionErrors[K comparable, V any](a *aggregate[K, V]) {
	a.errNotFound, a.errExists, a.errConflict, a.errInvalid = session.ErrNotFound, session.ErrAlreadyExists, session.ErrConflict, session.ErrInvalid
}

func sessionOrder(a, b session.Session) int {
	return cmp.Or(a.When().Start.Compare(b.When().Start), a.ID.Compare(b.ID))
}

// RunSessionStore runs the conformance suite for [session.SessionStore],
// including ListFilters for every field of [session.SessionFilter].
func RunSessionStore(t *testing.T, newStore func(t *testing.T) session.SessionStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[session.ID, session.Session] {
		s := newStore(t)
		a := aggregate[session.ID, session.Session]{
			fixture: fixtureSession,
			invalid: func(v session.Session) session.Session { v = v.Clone(); v.Participants = nil; return v },
			key:     func(v session.Session) session.ID { return v.ID },
			withKey: func(v session.Session, id session.ID) session.Session { v.ID = id; return v },
			clone:   session.Session.Clone,
			version: func(v session.Session) int64 { return v.Version },
			setVer:  func(v *session.Session, n int64) { v.Version = n },
			change: func(v *session.Session, i int) {
				v.Referrals = append(v.Referrals, session.Referral{Resource: changeResource + strconv.Itoa(i), Outcome: session.ReferralOutcomePending})
			},
			changes: func(v session.Session) int { return countReferralChanges(v.Referrals) },
			poke: func(v *session.Session) {
				v.Participants[0].PeerID = peer.NewID()
				v.Reschedules[0].At = time.Time{}
				v.Support[0].Activities[0] = session.ActivityChildCare
				v.Support[1].Type = session.SupportTypeAffiliational
				v.GoalIDs[0] = plan.NewGoalID()
				v.Referrals[0].Resource = "poked"
				v.Disclosures[0].Summary = "poked"
				v.Note.Sections[0].Text = "poked"
			},
			order:  sessionOrder,
			create: s.CreateSession, get: s.GetSession, update: s.UpdateSession,
			list: func(ctx context.Context) iter.Seq2[session.Session, error] {
				return s.ListSessions(ctx, session.SessionFilter{})
			},
		}
		sessionErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		sp1, sp2 := peer.NewSpecialistID(), peer.NewSpecialistID()
		p1, p2 := peer.NewID(), peer.NewID()
		g := session.NewGroupID()
		mk := func(i int, sp peer.SpecialistID, status session.Status, peers ...peer.ID) session.Session {
			v := fixtureSession(i)
			v.SpecialistID, v.Status = sp, status
			v.Participants = nil
			for _, p := range peers {
				v.Participants = append(v.Participants, session.Participant{PeerID: p})
			}
			if status != session.StatusCompleted {
				v.Actual = session.Interval{}
			}
			if status == session.StatusCancelled {
				v.Cancellation = session.Cancellation{Reason: session.CancelReasonPeerRequest, At: hour0}
			}
			if len(peers) > 1 {
				v.Kind, v.GroupType, v.GroupID = session.KindGroup, session.GroupTypeMutualSupport, g
				for j := range v.Participants {
					if status == session.StatusCompleted {
						v.Participants[j].Attendance, v.Participants[j].Minutes = session.AttendancePresent, 30
					}
				}
			}
			v, err := s.CreateSession(ctx, v)
			require.NoError(t, err)
			return v
		}
		// Session i is scheduled at hour0 + 2i hours for one hour; a
		// completed one took place from 5 to 50 minutes past its start.
		s0 := mk(0, sp1, session.StatusCompleted, p1)
		s1 := mk(1, sp1, session.StatusScheduled, p2)
		s2 := mk(2, sp2, session.StatusCompleted, p1, p2)
		s3 := mk(3, sp2, session.StatusCancelled, p2)
		s4 := mk(4, sp1, session.StatusNoShow, p1)

		list := func(f session.SessionFilter) []session.ID {
			return keys(t, s.ListSessions(ctx, f), func(v session.Session) session.ID { return v.ID })
		}
		ids := func(vs ...session.Session) []session.ID {
			slices.SortFunc(vs, sessionOrder)
			out := make([]session.ID, len(vs))
			for i, v := range vs {
				out[i] = v.ID
			}
			return out
		}
		at := func(i int, minutes int) time.Time {
			return hour0.Add(time.Duration(i)*2*time.Hour + time.Duration(minutes)*time.Minute)
		}
		tests := []struct {
			name   string
			filter session.SessionFilter
			want   []session.ID
		}{
			{"all", session.SessionFilter{}, ids(s0, s1, s2, s3, s4)},
			{"specialist", session.SessionFilter{SpecialistID: sp1}, ids(s0, s1, s4)},
			{"peer in one-on-one and group", session.SessionFilter{PeerID: p1}, ids(s0, s2, s4)},
			{"group", session.SessionFilter{GroupID: g}, ids(s2)},
			{"status", session.SessionFilter{Status: session.StatusCompleted}, ids(s0, s2)},
			{"from: overlaps, not before", session.SessionFilter{From: at(2, 40)}, ids(s2, s3, s4)},
			{"from: a completed session ends at its actual end", session.SessionFilter{From: at(2, 55)}, ids(s3, s4)},
			{"until: starts before", session.SessionFilter{Until: at(1, 0)}, ids(s0)},
			{"until: a completed session starts at its actual start", session.SessionFilter{Until: at(2, 5)}, ids(s0, s1)},
			{"period", session.SessionFilter{From: at(1, 30), Until: at(3, 30)}, ids(s1, s2, s3)},
			{"everything at once", session.SessionFilter{SpecialistID: sp2, PeerID: p2, Status: session.StatusCancelled, From: at(3, 0), Until: at(4, 0)}, ids(s3)},
			{"nothing", session.SessionFilter{SpecialistID: sp2, PeerID: p1, Status: session.StatusScheduled}, nil},
		}
		for _, tt := range tests {
			assert.Equal(t, tt.want, list(tt.filter), tt.name)
		}
	})
}

// RunGroupStore runs the conformance suite for [session.GroupStore].
func RunGroupStore(t *testing.T, newStore func(t *testing.T) session.GroupStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[session.GroupID, session.Group] {
		s := newStore(t)
		a := aggregate[session.GroupID, session.Group]{
			fixture: fixtureGroup,
			invalid: func(g session.Group) session.Group { g = g.Clone(); g.Name = ""; return g },
			key:     func(g session.Group) session.GroupID { return g.ID },
			withKey: func(g session.Group, id session.GroupID) session.Group { g.ID = id; return g },
			clone:   session.Group.Clone,
			version: func(g session.Group) int64 { return g.Version },
			setVer:  func(g *session.Group, v int64) { g.Version = v },
			change: func(g *session.Group, i int) {
				g.Members = append(g.Members, session.Member{PeerID: peer.NewID(), Joined: day0.AddDays(i)})
			},
			changes: func(g session.Group) int { return len(g.Members) - 1 },
			poke:    func(g *session.Group) { g.Members[0].PeerID = peer.NewID() },
			order:   func(a, b session.Group) int { return a.ID.Compare(b.ID) },
			create:  s.CreateGroup, get: s.GetGroup, update: s.UpdateGroup,
			list: func(ctx context.Context) iter.Seq2[session.Group, error] {
				return s.ListGroups(ctx, session.GroupFilter{})
			},
		}
		sessionErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		facilitator, member, former := peer.NewSpecialistID(), peer.NewID(), peer.NewID()
		var all []session.GroupID
		mk := func(i int, mutate func(g *session.Group)) session.GroupID {
			g := fixtureGroup(i)
			mutate(&g)
			_, err := s.CreateGroup(ctx, g)
			require.NoError(t, err)
			all = append(all, g.ID)
			return g.ID
		}
		g0 := mk(0, func(g *session.Group) { g.FacilitatorID = facilitator })
		g1 := mk(1, func(g *session.Group) {
			g.FacilitatorID = facilitator
			g.Type = session.GroupTypeEducational
			g.Members = append(g.Members, session.Member{PeerID: member, Joined: day0})
		})
		g2 := mk(2, func(g *session.Group) {
			g.Members = append(g.Members, session.Member{PeerID: former, Joined: day0, Left: day0.AddDays(7)})
		})
		list := func(f session.GroupFilter) []session.GroupID {
			return keys(t, s.ListGroups(ctx, f), func(g session.Group) session.GroupID { return g.ID })
		}
		sorted := func(ids ...session.GroupID) []session.GroupID {
			return slices.SortedFunc(slices.Values(ids), session.GroupID.Compare)
		}
		assert.Equal(t, sorted(all...), list(session.GroupFilter{}), "all")
		assert.Equal(t, sorted(g0, g1), list(session.GroupFilter{FacilitatorID: facilitator}), "facilitator")
		assert.Equal(t, sorted(g1), list(session.GroupFilter{Type: session.GroupTypeEducational}), "type")
		assert.Equal(t, sorted(g0, g2), list(session.GroupFilter{Type: session.GroupTypeWellness}), "type")
		assert.Equal(t, sorted(g1), list(session.GroupFilter{MemberID: member}), "current member")
		assert.Empty(t, list(session.GroupFilter{MemberID: former}), "a member who left is not a current member")
		assert.Empty(t, list(session.GroupFilter{MemberID: member, Type: session.GroupTypeWellness}), "all fields must match")
	})
}

// RunMeetingStore runs the conformance suite for [session.MeetingStore].
func RunMeetingStore(t *testing.T, newStore func(t *testing.T) session.MeetingStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[session.MeetingID, session.Meeting] {
		s := newStore(t)
		a := aggregate[session.MeetingID, session.Meeting]{
			fixture: fixtureMeeting,
			invalid: func(m session.Meeting) session.Meeting { m = m.Clone(); m.Minutes = -1; return m },
			key:     func(m session.Meeting) session.MeetingID { return m.ID },
			withKey: func(m session.Meeting, id session.MeetingID) session.Meeting { m.ID = id; return m },
			clone:   session.Meeting.Clone,
			version: func(m session.Meeting) int64 { return m.Version },
			setVer:  func(m *session.Meeting, v int64) { m.Version = v },
			change:  func(m *session.Meeting, i int) { m.SpecialistIDs = append(m.SpecialistIDs, peer.NewSpecialistID()) },
			changes: func(m session.Meeting) int { return len(m.SpecialistIDs) - 2 },
			poke: func(m *session.Meeting) {
				m.SpecialistIDs[0] = peer.NewSpecialistID()
				m.Topics[0] = session.TopicSelfCare
			},
			order: func(a, b session.Meeting) int {
				return cmp.Or(a.Start.Compare(b.Start), a.ID.Compare(b.ID))
			},
			create: s.CreateMeeting, get: s.GetMeeting, update: s.UpdateMeeting,
			list: func(ctx context.Context) iter.Seq2[session.Meeting, error] {
				return s.ListMeetings(ctx, session.MeetingFilter{})
			},
		}
		sessionErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		sv := peer.NewSupervisorID()
		sp := peer.NewSpecialistID()
		var ms []session.Meeting
		for i := range 5 {
			m := fixtureMeeting(i) // meeting i starts i days after hour0
			if i%2 == 0 {
				m.SupervisorID = sv
			}
			if i < 3 {
				m.SpecialistIDs[1] = sp
			}
			_, err := s.CreateMeeting(ctx, m)
			require.NoError(t, err)
			ms = append(ms, m)
		}
		list := func(f session.MeetingFilter) []session.MeetingID {
			return keys(t, s.ListMeetings(ctx, f), func(m session.Meeting) session.MeetingID { return m.ID })
		}
		ids := func(is ...int) []session.MeetingID {
			return pick(ms, func(v session.Meeting) session.MeetingID { return v.ID }, is...)
		}
		day := func(i int) time.Time { return hour0.Add(time.Duration(i) * 24 * time.Hour) }
		assert.Equal(t, ids(0, 1, 2, 3, 4), list(session.MeetingFilter{}), "all")
		assert.Equal(t, ids(0, 2, 4), list(session.MeetingFilter{SupervisorID: sv}), "supervisor")
		assert.Equal(t, ids(0, 1, 2), list(session.MeetingFilter{SpecialistID: sp}), "specialist")
		assert.Equal(t, ids(1, 2, 3), list(session.MeetingFilter{From: day(1), Until: day(4)}), "From inclusive, Until exclusive")
		assert.Equal(t, ids(2), list(session.MeetingFilter{SupervisorID: sv, SpecialistID: sp, From: day(1)}), "all fields must match")
	})
}

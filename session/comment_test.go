package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// TestComments: a peer adds their own words to the note about them; the
// note records who wrote what and stays signed (from the operations
// issue, collaborative documentation).
func TestComments(t *testing.T) {
	signedSession := func() session.Session {
		s := held()
		s.Note = dapNote()
		require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End, 0))
		return s
	}
	s := signedSession()
	me := s.Participants[0].PeerID
	later := s.Actual.End.Add(time.Hour)
	require.NoError(t, s.Comment(session.Author{PeerID: me}, "I chose the bus route myself.", later))
	require.NoError(t, s.Comment(session.Author{SpecialistID: s.SpecialistID}, "Agreed.", later.Add(time.Minute)))
	require.NoError(t, s.Validate())
	assert.True(t, s.Note.IsSigned(), "a comment leaves the note signed")
	require.Len(t, s.Note.Comments, 2)
	assert.Equal(t, me, s.Note.Comments[0].Author.PeerID)
	assert.Equal(t, "I chose the bus route myself.", s.Note.Comments[0].Text)
	assert.NotContains(t, s.Note.Comments[0].String(), "bus", "a comment prints no text")

	for _, tc := range []struct {
		name string
		do   func(s *session.Session) error
		want error
	}{
		{"another peer", func(s *session.Session) error { return s.Comment(session.Author{PeerID: peer.NewID()}, "x", later) }, session.ErrInvalid},
		{"another session's specialist", func(s *session.Session) error {
			return s.Comment(session.Author{SpecialistID: peer.NewSpecialistID()}, "x", later)
		}, session.ErrInvalid},
		{"two authors", func(s *session.Session) error {
			return s.Comment(session.Author{PeerID: me, SpecialistID: s.SpecialistID}, "x", later)
		}, session.ErrInvalid},
		{"no author", func(s *session.Session) error { return s.Comment(session.Author{}, "x", later) }, session.ErrInvalid},
		{"blank", func(s *session.Session) error { return s.Comment(session.Author{PeerID: me}, " \n", later) }, session.ErrInvalid},
		{"too long", func(s *session.Session) error {
			return s.Comment(session.Author{PeerID: me}, string(make([]byte, session.MaxCommentText+1)), later)
		}, session.ErrInvalid},
		{"before the last comment", func(s *session.Session) error {
			if err := s.Comment(session.Author{PeerID: me}, "first", later); err != nil {
				return err
			}
			return s.Comment(session.Author{PeerID: me}, "second", later.Add(-time.Second))
		}, session.ErrInvalid},
		{"no note yet", func(s *session.Session) error {
			s.Note = session.Note{}
			return s.Comment(session.Author{PeerID: me}, "x", later)
		}, session.ErrInvalid},
		{"not held", func(s *session.Session) error {
			o := oneOnOne()
			*s = o
			return s.Comment(session.Author{PeerID: o.Participants[0].PeerID}, "x", later)
		}, session.ErrNotHeld},
		{"a peer on a group's shared note", func(s *session.Session) error {
			g := groupOf(2)
			require.NoError(t, g.Complete(span(0, 60)))
			g.Note = dapNote()
			*s = g
			return s.Comment(session.Author{PeerID: g.Participants[0].PeerID}, "x", later)
		}, session.ErrInvalid},
		{"a peer on another's own note", func(s *session.Session) error {
			g := groupOf(2)
			require.NoError(t, g.Complete(span(0, 60)))
			g.Participants[1].Note = dapNote()
			*s = g
			return s.CommentOnParticipantNote(g.Participants[1].PeerID, session.Author{PeerID: g.Participants[0].PeerID}, "x", later)
		}, session.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := signedSession()
			before := s.Note.Clone()
			err := tc.do(&s)
			require.ErrorIs(t, err, tc.want)
			if tc.name != "before the last comment" && tc.name != "no note yet" && tc.want != session.ErrNotHeld && s.Kind == session.KindOneOnOne {
				assert.Equal(t, before, s.Note, "unchanged on error")
			}
		})
	}

	g := groupOf(2)
	require.NoError(t, g.Complete(span(0, 60)))
	g.Participants[1].Note = dapNote()
	who := g.Participants[1].PeerID
	require.NoError(t, g.CommentOnParticipantNote(who, session.Author{PeerID: who}, "My words.", later))
	assert.Equal(t, "My words.", g.Participants[1].Note.Comments[0].Text)
	assert.ErrorIs(t, g.CommentOnParticipantNote(peer.NewID(), session.Author{SpecialistID: g.SpecialistID}, "x", later), session.ErrNotParticipant)

	// A stored comment by a peer the note is not about is refused.
	bad := signedSession()
	bad.Note.Comments = []session.Comment{{Author: session.Author{PeerID: peer.NewID()}, At: later, Text: "x"}}
	assert.ErrorIs(t, bad.Validate(), session.ErrInvalid)
	// An amendment is never the peer's.
	am := signedSession()
	am.Note.Amendments = []session.Amendment{{Author: session.Author{PeerID: me}, At: later, Reason: "r",
		Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "x"}}}}
	assert.ErrorIs(t, am.Validate(), session.ErrInvalid)
}

// TestCommentsStay: a comment, once written, is neither rewritten nor
// removed, through Revise or a plain Update; and none predates the
// session (from a review of the operations work).
func TestCommentsStay(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	s := held()
	s.Note = dapNote()
	require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End, 0))
	me := s.Participants[0].PeerID
	require.NoError(t, s.Comment(session.Author{PeerID: me}, "My words.", s.Actual.End.Add(time.Hour)))
	stored, err := session.Sessions.Create(ctx, db, s)
	require.NoError(t, err)

	_, err = session.Revise(ctx, db, s.ID, nil, func(x *session.Session) error {
		x.Note.Comments[0].Text = "Someone else's words."
		return nil
	})
	assert.ErrorIs(t, err, session.ErrNoteSigned)
	rewritten := stored.Clone()
	rewritten.Note.Comments = nil
	_, err = session.Sessions.Update(ctx, db, rewritten)
	assert.ErrorIs(t, err, session.ErrNoteSigned, "the store itself keeps them")
	edited := stored.Clone()
	edited.Note.Sections[0].Text = "Changed after signing."
	_, err = session.Sessions.Update(ctx, db, edited)
	assert.ErrorIs(t, err, session.ErrNoteSigned, "and a signed note's text")

	early := signedHeld(t)
	err = early.Comment(session.Author{PeerID: early.Participants[0].PeerID}, "Before it happened.", early.Actual.Start)
	assert.ErrorIs(t, err, session.ErrInvalid)
}

func signedHeld(t *testing.T) session.Session {
	s := held()
	s.Note = dapNote()
	require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End, 0))
	return s
}

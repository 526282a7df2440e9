package billing

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// Bill reviews the session under the rules with what db holds and stores
// the lines that are ready, in one commit. The commit also moves a
// serialization token of each billed peer (see storage.DB.Token), which
// the review read first: of two bills that run at once for one peer,
// under any rule sets, the second reviews again after the first
// committed, so a cap or an authorization is never passed and a line is
// never billed twice. Lines are made at opts.Now.
//
// It returns the review: the lines stored and every hold and warning.
// It returns an error wrapping [ErrHeld] (with the review) when no line
// is ready, [ErrNotFound] when the session, its specialist or a
// participant is not stored, [ErrInvalid] as [Review] does, ctx's error,
// or the driver's.
func Bill(ctx context.Context, db *storage.DB, id session.ID, rules Rules, opts *Options) (Readiness, error) {
	if err := rules.Validate(); err != nil {
		return Readiness{}, fmt.Errorf("billing: bill %s: %w", id, err)
	}
	var out Readiness
	err := storage.Retry(ctx, func() error {
		s, err := session.Sessions.Get(ctx, db, id)
		if err != nil {
			return fmt.Errorf("billing: bill %s: %w", id, err)
		}
		// The tokens first: a bill that commits after this read moves
		// one of them, and this commit then conflicts and reviews again.
		var writes []storage.Write
		for _, p := range s.Participants {
			w, err := db.Token(ctx, token(p.PeerID))
			if err != nil {
				return fmt.Errorf("billing: bill %s: %w", id, err)
			}
			writes = append(writes, w)
		}
		facts, err := Gather(ctx, db, s, rules, opts.now())
		if err != nil {
			return err
		}
		out, err = Review(facts, opts)
		if err != nil || len(out.Lines) == 0 {
			return err
		}
		for i := range out.Lines {
			writes = append(writes, Lines.Insert(&out.Lines[i]))
		}
		if err := db.Commit(ctx, writes...); err != nil {
			return fmt.Errorf("billing: bill %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return Readiness{}, err
	}
	if len(out.Lines) == 0 {
		return out, fmt.Errorf("billing: bill %s: %w", id, ErrHeld)
	}
	return out, nil
}

// token names the serialization token of a peer's bills: one for every
// rule set, since caps, authorizations and double billing count the
// lines of every rule set of a payer.
func token(p peer.ID) string { return "billing/peer/" + p.String() }

// Gather reads from db the facts [Review] needs about the session under
// the rules, as of at: the specialist, the participants with their
// consents, orders and authorizations, the credentials of the specialist
// and of every signer, the participants' billed lines (of every rule set:
// caps, authorizations and double billing count them all), and the NPI of the
// supervisor who co-signed the note. It returns an error wrapping
// [ErrNotFound] when the specialist or a participant is not stored,
// ctx's error, or the driver's.
func Gather(ctx context.Context, db *storage.DB, s session.Session, rules Rules, at time.Time) (Facts, error) {
	f := Facts{Session: s, Rules: rules, At: at}
	var err error
	if f.Specialist, err = peer.Specialists.Get(ctx, db, s.SpecialistID); err != nil {
		return Facts{}, fmt.Errorf("billing: session %s: specialist: %w", s.ID, err)
	}
	for _, pt := range s.Participants {
		p, err := peer.Peers.Get(ctx, db, pt.PeerID)
		if err != nil {
			return Facts{}, fmt.Errorf("billing: session %s: peer %s: %w", s.ID, pt.PeerID, err)
		}
		f.Peers = append(f.Peers, p)
		if f.Consents, err = collect(f.Consents, consent.Consents.List(ctx, db, consent.ConsentFilter{PeerID: pt.PeerID})); err != nil {
			return Facts{}, err
		}
		if f.Authorizations, err = collect(f.Authorizations, Authorizations.List(ctx, db, AuthorizationFilter{PeerID: pt.PeerID})); err != nil {
			return Facts{}, err
		}
		if f.Billed, err = collect(f.Billed, Lines.List(ctx, db, LineFilter{PeerID: pt.PeerID})); err != nil {
			return Facts{}, err
		}
	}
	// The credentials of the specialist and of every signer.
	who := []peer.SpecialistID{s.SpecialistID}
	for _, n := range append([]session.Note{s.Note}, participantNotes(s)...) {
		if n.IsSigned() && !slices.Contains(who, n.Signed.SpecialistID) {
			who = append(who, n.Signed.SpecialistID)
		}
	}
	for _, id := range who {
		if f.Credentials, err = collect(f.Credentials, certification.Credentials.List(ctx, db, certification.CredentialFilter{SpecialistID: id})); err != nil {
			return Facts{}, err
		}
	}
	if by := s.Note.CoSigned.SupervisorID; !by.IsZero() {
		sup, err := peer.Supervisors.Get(ctx, db, by)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return Facts{}, fmt.Errorf("billing: session %s: supervisor: %w", s.ID, err)
		default:
			f.SupervisingNPI = identifier(sup.Identifiers, peersupport.SystemNPI)
		}
	}
	return f, nil
}

func participantNotes(s session.Session) []session.Note {
	out := make([]session.Note, len(s.Participants))
	for i, p := range s.Participants {
		out[i] = p.Note
	}
	return out
}

func collect[T any](into []T, seq iter.Seq2[T, error]) ([]T, error) {
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		into = append(into, v)
	}
	return into, nil
}

// Pending reviews, as of opts.Now, every completed session that started
// in [from, until) and returns, per session in order of start, what is
// ready and what is held among the peers the payer covers who are not
// yet billed under the rules. A peer is the payer's when they have a
// member ID in the rules' MemberIDSystem or an order or authorization
// from the payer (every peer, for rules without a MemberIDSystem), so a
// program with several payers sees each peer's holds under their own.
// Already billed peers, and sessions with no peer left, are left out. It
// bills nothing: it is the list of work for the people who resolve holds.
// It returns the errors of [Gather] and [Review].
func Pending(ctx context.Context, db *storage.DB, rules Rules, from, until time.Time, opts *Options) ([]Readiness, error) {
	if err := rules.Validate(); err != nil {
		return nil, fmt.Errorf("billing: pending: %w", err)
	}
	now := opts.now()
	var out []Readiness
	for s, err := range session.Sessions.List(ctx, db, session.SessionFilter{Status: session.StatusCompleted, From: from, Until: until}) {
		if err != nil {
			return nil, err
		}
		f, err := Gather(ctx, db, s, rules, now)
		switch {
		case errors.Is(err, storage.ErrNotFound):
			// One session's missing record holds that session, not the
			// whole list.
			out = append(out, Readiness{Holds: []Hold{{Reason: ReasonRecordMissing, Severity: SeverityHold, SessionID: s.ID}}})
			continue
		case err != nil:
			return nil, err
		}
		covered := map[peer.ID]bool{}
		for _, p := range f.Peers {
			covered[p.ID] = rules.MemberIDSystem == "" || identifier(p.Identifiers, rules.MemberIDSystem) != "" ||
				slices.ContainsFunc(f.Authorizations, func(a Authorization) bool { return a.PeerID == p.ID && a.Payer == rules.Payer })
		}
		if !slices.ContainsFunc(f.Peers, func(p peer.Peer) bool { return covered[p.ID] }) {
			continue
		}
		r, err := Review(f, opts)
		if err != nil {
			return nil, err
		}
		open := false // a covered peer attended and is not billed yet
		for _, pt := range s.Participants {
			billed := slices.ContainsFunc(r.Holds, func(h Hold) bool { return h.PeerID == pt.PeerID && h.Reason == ReasonAlreadyBilled })
			open = open || (covered[pt.PeerID] && !billed && s.MinutesAttended(pt.PeerID) > 0)
		}
		if !open {
			continue
		}
		r.Holds = slices.DeleteFunc(r.Holds, func(h Hold) bool {
			return h.Reason == ReasonAlreadyBilled || (!h.PeerID.IsZero() && !covered[h.PeerID])
		})
		r.Lines = slices.DeleteFunc(r.Lines, func(l Line) bool { return !covered[l.PeerID] })
		out = append(out, r)
	}
	return out, nil
}

// Used returns the units billed against the authorization, counted from
// its lines. It returns ctx's error or the driver's.
func Used(ctx context.Context, db *storage.DB, id AuthorizationID) (int, error) {
	n := 0
	for l, err := range Lines.List(ctx, db, LineFilter{AuthorizationID: id}) {
		if err != nil {
			return 0, err
		}
		n += l.Units
	}
	return n, nil
}

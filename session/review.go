package session

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// Review is a signed note waiting for a supervisor's co-signature: a
// session's note, or a group participant's own note (PeerID set).
type Review struct {
	SessionID    ID                `json:"session_id"`
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// PeerID is the participant whose own note it is; zero for the
	// session's note.
	PeerID peer.ID `json:"peer_id,omitzero"`
	// Signed is when the specialist signed the note.
	Signed time.Time `json:"signed"`
	// Age is how long the note has waited, at the time asked.
	Age time.Duration `json:"age"`
}

// ReviewQueue returns the signed notes that wait for the supervisor's
// co-signature at asOf, oldest first: the notes of the completed sessions
// of every specialist the supervisor supervised on the session's day
// (supervision links, peer.Supervisions), signed and not co-signed,
// including group participants' own notes. Days are taken in loc (nil
// means UTC). A payer that wants services reviewed
// (billing.Requirements.CoSignature) holds their lines until the note
// leaves this queue.
//
// It returns an error wrapping ErrInvalid for a zero supervisor, a zero
// asOf or a nil db, ctx's error, or the driver's.
func ReviewQueue(ctx context.Context, db *storage.DB, supervisor peer.SupervisorID, asOf time.Time, loc *time.Location) ([]Review, error) {
	if supervisor.IsZero() || asOf.IsZero() || db == nil {
		return nil, fmt.Errorf("session: review queue: arguments: %w", ErrInvalid)
	}
	if loc == nil {
		loc = time.UTC
	}
	var out []Review
	seen := map[ID]bool{}
	for link, err := range peer.Supervisions.List(ctx, db, peer.SupervisionFilter{SupervisorID: supervisor}) {
		if err != nil {
			return nil, fmt.Errorf("session: review queue of %s: %w", supervisor, err)
		}
		from := link.Start.In(loc)
		until := asOf
		if !link.End.IsZero() {
			if end := link.End.AddDays(1).In(loc); end.Before(until) {
				until = end
			}
		}
		if !until.After(from) {
			continue
		}
		f := SessionFilter{SpecialistID: link.SpecialistID, Status: StatusCompleted, From: from, Until: until}
		for s, err := range Sessions.List(ctx, db, f) {
			if err != nil {
				return nil, fmt.Errorf("session: review queue of %s: %w", supervisor, err)
			}
			day := peersupport.DateOf(s.Actual.Start.In(loc))
			if seen[s.ID] || !link.ActiveOn(day) {
				continue
			}
			seen[s.ID] = true
			add := func(n Note, p peer.ID) {
				if n.IsSigned() && n.CoSigned.IsZero() && !n.Signed.At.After(asOf) {
					out = append(out, Review{SessionID: s.ID, SpecialistID: s.SpecialistID, PeerID: p, Signed: n.Signed.At, Age: asOf.Sub(n.Signed.At)})
				}
			}
			add(s.Note, peer.ID{})
			for _, pt := range s.Participants {
				add(pt.Note, pt.PeerID)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Review) int { return a.Signed.Compare(b.Signed) })
	return out, nil
}

package peer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/storage"
)

// ServicePathway is how a peer is served in an episode: a brief pathway
// of check-ins, or a comprehensive one with an intake and a recovery
// plan. Programs keep the pathway apart from the peer's record, and a
// change of pathway keeps the plan and records its reason (the lesson of
// the peer-recovery products read for the library: RecoveryLink's help
// centre, Peer Support Studio).
//
//peersupport:enum
type ServicePathway uint8

// The service pathways.
const (
	ServicePathwayUnspecified   ServicePathway = iota
	ServicePathwayBrief                        // brief: check-ins, no intake or recovery plan
	ServicePathwayComprehensive                // comprehensive: an intake and a recovery plan
)

// PathwayReason is why a peer's pathway changed.
//
//peersupport:enum
type PathwayReason uint8

// The reasons for a change of pathway.
const (
	PathwayReasonUnspecified PathwayReason = iota
	PathwayReasonPeerChoice                // peer_choice: the peer asked for more or less
	PathwayReasonNeedsMore                 // needs_more: the peer's needs grew (a crisis, a new goal)
	PathwayReasonNeedsLess                 // needs_less: the peer's needs eased
	PathwayReasonOther                     // other
)

// DischargeReason is why an episode of service ended.
//
//peersupport:enum
type DischargeReason uint8

// The reasons for a discharge.
const (
	DischargeReasonUnspecified DischargeReason = iota
	DischargeReasonCompleted                   // completed: the peer reached what they came for
	DischargeReasonPeerChoice                  // peer_choice: the peer chose to stop
	DischargeReasonLostContact                 // lost_contact: the peer could not be reached
	DischargeReasonTransferred                 // transferred: the peer moved to another program
	DischargeReasonMoved                       // moved: the peer moved away
	DischargeReasonDeceased                    // deceased
	DischargeReasonOther                       // other
)

// PathwayChange records one change of pathway in an episode.
type PathwayChange struct {
	On     peersupport.Date `json:"on"`
	From   ServicePathway   `json:"from"`
	To     ServicePathway   `json:"to"`
	Reason PathwayReason    `json:"reason"`
}

// Episode is one stretch of service to a peer, from admission to
// discharge: sessions, plans and reports belong to the episode whose days
// hold them ([EpisodeOn]). A peer has at most one open episode; a
// re-admission is a new episode that names the one it follows.
type Episode struct {
	ID EpisodeID `json:"id"`
	// Version counts the writes to the stored record: the storage layer
	// sets it.
	Version  int64            `json:"version"`
	PeerID   ID               `json:"peer_id"`
	Admitted peersupport.Date `json:"admitted"`
	// Pathway is the pathway now; Changes records how it came to be,
	// oldest first.
	Pathway ServicePathway  `json:"pathway"`
	Changes []PathwayChange `json:"changes,omitempty"`
	// Discharged is the last day of the episode; zero while it is open.
	Discharged      peersupport.Date `json:"discharged,omitzero"`
	DischargeReason DischargeReason  `json:"discharge_reason,omitzero"`
	// Follows is the episode this one re-admits after; zero for a first
	// admission.
	Follows EpisodeID `json:"follows,omitzero"`
}

// Errors of the episode operations, each a distinct forbidden transition.
var (
	// ErrEpisodeOpen: the peer has an open episode, so another cannot be
	// admitted.
	ErrEpisodeOpen = errors.New("peer: the peer has an open episode")
	// ErrEpisodeClosed: the episode was discharged; its pathway and
	// discharge no longer change (re-admit instead).
	ErrEpisodeClosed = errors.New("peer: the episode is discharged")
	// ErrSamePathway: the episode is on that pathway already.
	ErrSamePathway = errors.New("peer: the episode is on that pathway already")
	// ErrEpisodeOrder: the day comes before the episode's last event
	// (admission, change of pathway or the previous episode's discharge).
	ErrEpisodeOrder = errors.New("peer: the day comes before the episode's last event")
)

// Open reports whether the episode has not been discharged.
func (e Episode) Open() bool { return e.Discharged.IsZero() }

// ActiveOn reports whether the episode covers day d.
func (e Episode) ActiveOn(d peersupport.Date) bool {
	return !d.Before(e.Admitted) && (e.Open() || !d.After(e.Discharged))
}

// PathwayOn returns the pathway the episode was on on day d.
func (e Episode) PathwayOn(d peersupport.Date) ServicePathway {
	p := e.Pathway
	for i := len(e.Changes) - 1; i >= 0; i-- {
		if d.Before(e.Changes[i].On) {
			p = e.Changes[i].From
		}
	}
	return p
}

// last returns the day of the episode's last event.
func (e Episode) last() peersupport.Date {
	if n := len(e.Changes); n > 0 {
		return e.Changes[n-1].On
	}
	return e.Admitted
}

// ChangePathway moves the episode to another pathway on day on, for the
// reason, keeping everything else (the plan included). It returns
// [ErrEpisodeClosed], [ErrSamePathway], [ErrEpisodeOrder] for a day
// before the last event, and an error wrapping [ErrInvalid] for an
// unknown pathway or reason or a day that is not valid. On error e is
// unchanged.
func (e *Episode) ChangePathway(on peersupport.Date, to ServicePathway, reason PathwayReason) error {
	switch {
	case !e.Open():
		return ErrEpisodeClosed
	case !on.Valid() || !to.Valid() || !reason.Valid():
		return fmt.Errorf("peer: change pathway: %w", ErrInvalid)
	case to == e.Pathway:
		return ErrSamePathway
	case on.Before(e.last()):
		return ErrEpisodeOrder
	}
	e.Changes = append(slices.Clip(e.Changes), PathwayChange{On: on, From: e.Pathway, To: to, Reason: reason})
	e.Pathway = to
	return nil
}

// Discharge ends the episode on day on (its last day) for the reason. It
// returns [ErrEpisodeClosed], [ErrEpisodeOrder] for a day before the last
// event, and an error wrapping [ErrInvalid] for an unknown reason or a
// day that is not valid. On error e is unchanged.
func (e *Episode) Discharge(on peersupport.Date, reason DischargeReason) error {
	switch {
	case !e.Open():
		return ErrEpisodeClosed
	case !on.Valid() || !reason.Valid():
		return fmt.Errorf("peer: discharge: %w", ErrInvalid)
	case on.Before(e.last()):
		return ErrEpisodeOrder
	}
	e.Discharged, e.DischargeReason = on, reason
	return nil
}

// Validate reports every field of e that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (e Episode) Validate() error {
	var f check.Fields
	f.Required("id", e.ID.IsZero())
	if e.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", e.PeerID.IsZero())
	f.Date("admitted", e.Admitted, true)
	check.EnumValue(&f, "pathway", e.Pathway, true)
	last := e.Admitted
	for i, c := range e.Changes {
		f.Enter("changes", i) // paths are joined only for a failure
		f.Date("on", c.On, true)
		check.EnumValue(&f, "from", c.From, true)
		check.EnumValue(&f, "to", c.To, true)
		check.EnumValue(&f, "reason", c.Reason, true)
		if c.On.Before(last) {
			f.Add("on", peersupport.RuleOrder)
		}
		if c.From == c.To {
			f.Add("to", peersupport.RuleMismatch)
		}
		if i > 0 && c.From != e.Changes[i-1].To {
			f.Add("from", peersupport.RuleMismatch)
		}
		f.Leave()
		last = c.On
	}
	if n := len(e.Changes); n > 0 && e.Changes[n-1].To != e.Pathway {
		f.Add("pathway", peersupport.RuleMismatch)
	}
	f.Date("discharged", e.Discharged, false)
	check.EnumValue(&f, "discharge_reason", e.DischargeReason, !e.Discharged.IsZero())
	switch {
	case e.Discharged.IsZero() && e.DischargeReason != DischargeReasonUnspecified:
		f.Add("discharge_reason", peersupport.RuleForbidden)
	case !e.Discharged.IsZero() && e.Discharged.Before(last):
		f.Add("discharged", peersupport.RuleOrder)
	}
	if e.Follows == e.ID && !e.ID.IsZero() {
		f.Add("follows", peersupport.RuleMismatch)
	}
	return f.Err(ErrInvalid, "peer.Episode")
}

// Clone returns a deep copy of e.
func (e Episode) Clone() Episode {
	e.Changes = slices.Clone(e.Changes)
	return e
}

// String returns "peer.Episode(ID)".
func (e Episode) String() string { return "peer.Episode(" + e.ID.String() + ")" }

// LogValue implements [slog.LogValuer]: the episode's and the peer's IDs.
func (e Episode) LogValue() slog.Value {
	return slog.GroupValue(slog.String("episode_id", e.ID.String()), slog.String("peer_id", e.PeerID.String()))
}

// Episodes are the [Episode] records, kind "peer.episode", indexed by
// peer and admission; a peer has at most one open episode (a unique
// index).
var Episodes = storage.NewCollection(storage.Aggregate[Episode, EpisodeID]{
	Kind: "peer.episode", Key: func(e *Episode) EpisodeID { return e.ID },
	Subjects: func(e *Episode) []string { return []string{e.PeerID.String()} },
	Version:  func(e *Episode) *int64 { return &e.Version },
	Validate: func(e *Episode) error { return e.Validate() }, Clone: Episode.Clone,
	Change: func(stored, next *Episode) error {
		switch {
		case !stored.Open():
			return ErrEpisodeClosed
		case next.PeerID != stored.PeerID || next.Admitted != stored.Admitted || next.Follows != stored.Follows ||
			len(next.Changes) < len(stored.Changes) || !slices.Equal(next.Changes[:len(stored.Changes)], stored.Changes):
			return fmt.Errorf("peer: episode %s: only the pathway and the discharge change, and history stays: %w", stored.ID, ErrInvalid)
		case len(next.Changes) == len(stored.Changes) && next.Pathway != stored.Pathway,
			len(next.Changes) > len(stored.Changes) && next.Changes[len(stored.Changes)].From != stored.Pathway:
			// A pathway changes only with a recorded change from the
			// stored one.
			return fmt.Errorf("peer: episode %s: a change of pathway is recorded from the stored one: %w", stored.ID, ErrInvalid)
		}
		return nil
	},
	Indexes: []storage.Index[Episode]{
		{Name: "peer_admitted", Fields: []storage.Field{idField("peer_id"), dateField("admitted")},
			Entries: func(e *Episode) [][]storage.Value {
				return storage.Entry(storage.String(e.PeerID.String()), storage.Date(e.Admitted))
			}},
		{Name: "open_peer", Unique: true, Err: ErrEpisodeOpen, Fields: []storage.Field{idField("peer_id")},
			Entries: func(e *Episode) [][]storage.Value {
				if !e.Open() {
					return nil
				}
				return storage.Entry(storage.String(e.PeerID.String()))
			}},
	},
})

// EpisodeFilter selects a peer's episodes, in order of admission.
type EpisodeFilter struct{ PeerID ID }

// Query implements [storage.Filter].
func (f EpisodeFilter) Query() storage.Query {
	return storage.Query{Index: "peer_admitted", Prefix: []storage.Value{storage.String(f.PeerID.String())}, Exact: true}
}

// Matches reports whether e passes f.
func (f EpisodeFilter) Matches(e *Episode) bool { return e != nil && e.PeerID == f.PeerID }

// Admit opens an episode of service for the peer on day on, on the
// pathway: a first admission, or a re-admission after the peer's last
// episode, which it then names (Follows). It returns [ErrNotFound] for a
// peer not stored, [ErrEpisodeOpen] when the peer has an open episode
// (also when another admission commits first), [ErrEpisodeOrder] for a
// day not after the last discharge, an error wrapping [ErrInvalid] for an
// unknown pathway or a day that is not valid, ctx's error, or the
// driver's.
func Admit(ctx context.Context, db *storage.DB, peerID ID, on peersupport.Date, pathway ServicePathway) (Episode, error) {
	op := fmt.Sprintf("peer: admit %s", peerID)
	if !on.Valid() || !pathway.Valid() {
		return Episode{}, fmt.Errorf("%s: %w", op, ErrInvalid)
	}
	var made Episode
	err := storage.Retry(ctx, func() error {
		p, err := Peers.Get(ctx, db, peerID)
		if err != nil {
			return err
		}
		// The peer's episode token first: an admission or a discharge
		// committed after this read moves it, and this commit retries.
		token, err := db.Token(ctx, episodeToken(p.ID))
		if err != nil {
			return err
		}
		made = Episode{ID: NewEpisodeID(), PeerID: p.ID, Admitted: on, Pathway: pathway}
		for e, err := range Episodes.List(ctx, db, EpisodeFilter{PeerID: p.ID}) {
			if err != nil {
				return err
			}
			switch {
			case e.Open():
				return ErrEpisodeOpen
			case !on.After(e.Discharged):
				return ErrEpisodeOrder
			}
			made.Follows = e.ID
		}
		return db.Commit(ctx, token, Peers.Check(&p), Episodes.Insert(&made))
	})
	if err != nil {
		return Episode{}, fmt.Errorf("%s: %w", op, err)
	}
	return made, nil
}

// ChangePathway moves the stored episode to another pathway on day on,
// for the reason ([Episode.ChangePathway]), retrying on conflicts.
func ChangePathway(ctx context.Context, db *storage.DB, id EpisodeID, on peersupport.Date, to ServicePathway, reason PathwayReason) (Episode, error) {
	e, err := reviseEpisode(ctx, db, id, func(e *Episode) error { return e.ChangePathway(on, to, reason) })
	if err != nil {
		return Episode{}, fmt.Errorf("peer: change the pathway of episode %s: %w", id, err)
	}
	return e, nil
}

// Discharge ends the stored episode on day on for the reason
// ([Episode.Discharge]), retrying on conflicts.
func Discharge(ctx context.Context, db *storage.DB, id EpisodeID, on peersupport.Date, reason DischargeReason) (Episode, error) {
	e, err := reviseEpisode(ctx, db, id, func(e *Episode) error { return e.Discharge(on, reason) })
	if err != nil {
		return Episode{}, fmt.Errorf("peer: discharge episode %s: %w", id, err)
	}
	return e, nil
}

// episodeToken names the token every change to a peer's episodes moves,
// so that an admission sees the discharges committed before it.
func episodeToken(p ID) string { return "peer.episodes/" + p.String() }

// reviseEpisode applies change to the stored episode and writes it with
// the peer's episode token, retrying on conflicts.
func reviseEpisode(ctx context.Context, db *storage.DB, id EpisodeID, change func(*Episode) error) (Episode, error) {
	var out Episode
	err := storage.Retry(ctx, func() error {
		e, err := Episodes.Get(ctx, db, id)
		if err != nil {
			return err
		}
		token, err := db.Token(ctx, episodeToken(e.PeerID))
		if err != nil {
			return err
		}
		if err := change(&e); err != nil {
			return err
		}
		if err := db.Commit(ctx, token, Episodes.Put(&e)); err != nil {
			return err
		}
		out = e
		return nil
	})
	return out, err
}

// EpisodeOn returns the peer's episode that covers day d, and whether
// there is one: the episode a session, a plan or a report of that day
// belongs to. Errors are the driver's and ctx.Err().
func EpisodeOn(ctx context.Context, db *storage.DB, peerID ID, d peersupport.Date) (Episode, bool, error) {
	for e, err := range Episodes.List(ctx, db, EpisodeFilter{PeerID: peerID}) {
		if err != nil {
			return Episode{}, false, err
		}
		if e.ActiveOn(d) {
			return e, true, nil
		}
	}
	return Episode{}, false, nil
}

package session

import (
	"fmt"
	"io"
	"iter"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Group is a standing group that meets again and again, such as a weekly
// WRAP group, with its facilitator and members. Each meeting of the group
// is a group [Session] made by [Group.Session].
//
// Members are peers, so a Group holds protected health information: its
// String, GoString and LogValue print the ID only. The zero Group is not
// valid.
type Group struct {
	ID GroupID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64 `json:"version"`

	// Name is the program's name for the group ("Tuesday WRAP group").
	Name          string            `json:"name"`
	Type          GroupType         `json:"type"`
	FacilitatorID peer.SpecialistID `json:"facilitator_id"`
	Mode          Mode              `json:"mode"`
	Place         string            `json:"place,omitempty"`
	// Capacity is the most members the group takes; 0 means no limit.
	Capacity int `json:"capacity,omitzero"`
	// Recurrence is when the group meets; zero for a group that meets at
	// times set one by one.
	Recurrence Recurrence `json:"recurrence,omitzero"`
	// Members lists everyone who has joined, those who left included.
	Members []Member `json:"members,omitempty"`
}

// Member is a peer's membership of a group, from the day they joined to
// the day they left (zero while they belong).
type Member struct {
	PeerID peer.ID          `json:"peer_id"`
	Joined peersupport.Date `json:"joined"`
	Left   peersupport.Date `json:"left,omitzero"`
}

// ActiveOn reports whether the membership covers day d.
func (m Member) ActiveOn(d peersupport.Date) bool {
	return !d.Before(m.Joined) && (m.Left.IsZero() || d.Before(m.Left))
}

// Recurrence is a weekly pattern: every EveryWeeks weeks on Day, from
// Start for Minutes, beginning on the first such day on or after From and
// ending on Until (inclusive; zero for no end). Times of day are wall-clock
// times in the location the caller gives [Group.Occurrences].
type Recurrence struct {
	Day        time.Weekday     `json:"day"` // 0 is Sunday, as in package time
	Start      peer.TimeOfDay   `json:"start"`
	Minutes    int              `json:"minutes"`
	EveryWeeks int              `json:"every_weeks"`
	From       peersupport.Date `json:"from"`
	Until      peersupport.Date `json:"until,omitzero"`
}

// IsZero reports whether r is unset.
func (r Recurrence) IsZero() bool { return r == Recurrence{} }

// check records the failures of a recurrence, under the scope of f.
func (r Recurrence) check(f *check.Fields) {
	if r.IsZero() {
		return
	}
	if r.Day < time.Sunday || r.Day > time.Saturday {
		f.Add("day", peersupport.RuleOutOfRange)
	}
	if !r.Start.Valid() || r.Start == peer.Clock(24, 0) {
		f.Add("start", peersupport.RuleOutOfRange)
	}
	if r.Minutes <= 0 || r.Minutes > 24*60 {
		f.Add("minutes", peersupport.RuleOutOfRange)
	}
	if r.EveryWeeks <= 0 || r.EveryWeeks > 52 {
		f.Add("every_weeks", peersupport.RuleOutOfRange)
	}
	f.Date("from", r.From, true)
	f.Date("until", r.Until, false)
	f.Period("until", r.From, r.Until)
}

// Validate reports every field of g that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (g Group) Validate() error {
	var f check.Fields
	f.Required("id", g.ID.IsZero())
	if g.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Text("name", g.Name, true, check.MaxText)
	check.EnumValue(&f, "type", g.Type, true)
	f.Required("facilitator_id", g.FacilitatorID.IsZero())
	check.EnumValue(&f, "mode", g.Mode, true)
	f.Text("place", g.Place, false, check.MaxText)
	if g.Capacity < 0 {
		f.Add("capacity", peersupport.RuleNegative)
	}
	f.Enter("recurrence", -1)
	g.Recurrence.check(&f)
	f.Leave()
	current := 0
	for i, m := range g.Members {
		f.Enter("members", i)
		f.Required("peer_id", m.PeerID.IsZero())
		f.Date("joined", m.Joined, true)
		f.Date("left", m.Left, false)
		f.Period("left", m.Joined, m.Left)
		if m.Left.IsZero() {
			current++
			// A peer holds at most one open membership.
			if slices.ContainsFunc(g.Members[:i], func(o Member) bool { return o.PeerID == m.PeerID && o.Left.IsZero() }) {
				f.Add("peer_id", peersupport.RuleDuplicate)
			}
		}
		f.Leave()
	}
	if g.Capacity > 0 && current > g.Capacity {
		f.Add("members", peersupport.RuleOutOfRange)
	}
	return f.Err(ErrInvalid, "session.Group")
}

// Join adds the peer to the group from day on. It returns
// [ErrAlreadyParticipant] if the peer is a current member and an error
// wrapping [ErrInvalid] if the ID is zero, the day is not valid, or the
// group is at capacity. On error g is unchanged.
func (g *Group) Join(id peer.ID, on peersupport.Date) error {
	if slices.ContainsFunc(g.Members, func(m Member) bool { return m.PeerID == id && m.Left.IsZero() }) {
		return fmt.Errorf("session: join %s to group %s: %w", id, g.ID, ErrAlreadyParticipant)
	}
	var f check.Fields
	f.Required("members.peer_id", id.IsZero())
	f.Date("members.joined", on, true)
	if g.Capacity > 0 && len(g.current()) >= g.Capacity {
		f.Add("members", peersupport.RuleOutOfRange)
	}
	if err := f.Err(ErrInvalid, "session.Group"); err != nil {
		return fmt.Errorf("session: join group %s: %w", g.ID, err)
	}
	g.Members = append(slices.Clip(g.Members), Member{PeerID: id, Joined: on})
	return nil
}

// Leave ends the peer's membership on day on (they are not a member on
// that day). It returns [ErrNotMember] if the peer is not a current member
// and an error wrapping [ErrInvalid] if the day is not valid or comes
// before they joined. On error g is unchanged.
func (g *Group) Leave(id peer.ID, on peersupport.Date) error {
	i := slices.IndexFunc(g.Members, func(m Member) bool { return m.PeerID == id && m.Left.IsZero() })
	if i < 0 {
		return fmt.Errorf("session: %s leaves group %s: %w", id, g.ID, ErrNotMember)
	}
	if !on.Valid() || on.Before(g.Members[i].Joined) {
		return fmt.Errorf("session: %s leaves group %s: %w: members.left", id, g.ID, ErrInvalid)
	}
	g.Members = slices.Clone(g.Members)
	g.Members[i].Left = on
	return nil
}

func (g Group) current() []peer.ID {
	var out []peer.ID
	for _, m := range g.Members {
		if m.Left.IsZero() {
			out = append(out, m.PeerID)
		}
	}
	return out
}

// MembersOn returns the peers who are members on day d, in the order they
// joined.
func (g Group) MembersOn(d peersupport.Date) []peer.ID {
	var out []peer.ID
	for _, m := range g.Members {
		if m.ActiveOn(d) && !slices.Contains(out, m.PeerID) {
			out = append(out, m.PeerID)
		}
	}
	return out
}

// Occurrences yields the meeting times of the group's Recurrence that
// start on days from from to until (both inclusive), in order, with the
// recurrence's wall-clock times read in loc (nil means UTC) and returned in
// UTC. A group with no recurrence yields nothing.
func (g Group) Occurrences(from, until peersupport.Date, loc *time.Location) iter.Seq[Interval] {
	return func(yield func(Interval) bool) {
		r := g.Recurrence
		if r.IsZero() || r.EveryWeeks <= 0 || !r.From.Valid() || !from.Valid() || !until.Valid() {
			return
		}
		if loc == nil {
			loc = time.UTC
		}
		if !r.Until.IsZero() && r.Until.Before(until) {
			until = r.Until
		}
		first := r.From.AddDays((int(r.Day) - int(weekday(r.From)) + 7) % 7)
		step := 7 * r.EveryWeeks
		d := first
		if d.Before(from) {
			weeks := (from.DaysSince(first) + step - 1) / step
			d = first.AddDays(weeks * step)
		}
		for ; !d.After(until); d = d.AddDays(step) {
			start := time.Date(d.Year, d.Month, d.Day, int(r.Start)/60, int(r.Start)%60, 0, 0, loc)
			i := Interval{Start: start.UTC(), End: start.Add(time.Duration(r.Minutes) * time.Minute).UTC()}
			if !yield(i) {
				return
			}
		}
	}
}

func weekday(d peersupport.Date) time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Session returns a new scheduled group session of g at the time when,
// with the members on day as participants and g's type, facilitator, mode
// and place. It returns an error wrapping [ErrInvalid] if the group has no
// members that day or when is not a valid interval. Store the result with
// [Record].
func (g Group) Session(id ID, when Interval, day peersupport.Date) (Session, error) {
	members := g.MembersOn(day)
	var f check.Fields
	when.check(&f, "scheduled", true)
	f.Required("participants", len(members) == 0)
	if err := f.Err(ErrInvalid, "session.Session"); err != nil {
		return Session{}, fmt.Errorf("session: session of group %s: %w", g.ID, err)
	}
	s := Session{
		ID:           id,
		Kind:         KindGroup,
		GroupType:    g.Type,
		GroupID:      g.ID,
		SpecialistID: g.FacilitatorID,
		Participants: make([]Participant, len(members)),
		Mode:         g.Mode,
		Place:        g.Place,
		Status:       StatusScheduled,
		Scheduled:    when.UTC(),
	}
	for i, m := range members {
		s.Participants[i] = Participant{PeerID: m}
	}
	return s, nil
}

// Clone returns a deep copy of g.
func (g Group) Clone() Group {
	g.Members = slices.Clone(g.Members)
	return g
}

// String returns "session.Group(ID)" and nothing else.
func (g Group) String() string { return "session.Group(" + g.ID.String() + ")" }

// GoString is like [Group.String].
func (g Group) GoString() string { return g.String() }

// LogValue implements [slog.LogValuer]: a group logs as its ID only.
func (g Group) LogValue() slog.Value {
	return slog.GroupValue(slog.String("group_id", g.ID.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Group.String], so
// that %d or %x print no field either.
func (g Group) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, g.String())
	}
}

package peer

import (
	"cmp"
	"context"
	"fmt"
	"github.com/peersupport/peersupport/storage"
	"io"
	"log/slog"
	"slices"
	"strconv"

	"github.com/peersupport/peersupport"
)

// Candidate is a specialist considered by [Match], with their current load.
type Candidate struct {
	Specialist Specialist
	// Load is how many of the specialist's assignments count against their
	// capacity (see [Caseload.Load]).
	Load int
}

// String returns "peer.Candidate(specialist ID)": the specialist's record
// is never printed.
func (c Candidate) String() string { return "peer.Candidate(" + c.Specialist.ID.String() + ")" }

// GoString is like [Candidate.String], so that %#v does not print the
// fields.
func (c Candidate) GoString() string { return c.String() }

// LogValue implements [slog.LogValuer]: the specialist's ID and the load.
func (c Candidate) LogValue() slog.Value {
	return slog.GroupValue(slog.String("specialist_id", c.Specialist.ID.String()), slog.Int("load", c.Load))
}

// Format implements [fmt.Formatter]: every verb prints [Candidate.String], so
// that %d or %x print no field either.
func (c Candidate) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, c.String())
	}
}

// Weights are the most points each factor of [Match] can give. A zero
// weight turns the factor off.
type Weights struct {
	LivedExperience int `json:"lived_experience"`
	Focus           int `json:"focus"`
	Language        int `json:"language"`
	Gender          int `json:"gender"`
	Capacity        int `json:"capacity"`
	Availability    int `json:"availability"`
}

// DefaultWeights returns the weights [Match] uses when the options name
// none. Shared lived experience and recovery focus weigh most, because the
// peer relationship rests on mutuality of experience (SAMHSA, "Value of
// Peers", 2017); language next, since support happens in conversation.
func DefaultWeights() Weights {
	return Weights{LivedExperience: 30, Focus: 25, Language: 20, Availability: 15, Gender: 10, Capacity: 10}
}

// MatchOptions adjust [Match]. A nil *MatchOptions means the defaults.
type MatchOptions struct {
	// Weights replaces DefaultWeights when not nil.
	Weights *Weights
	// Limit keeps only the best Limit suggestions when above zero.
	Limit int
}

// Factor is one thing [Match] scores.
//
//peersupport:enum
type Factor uint8

// The match factors.
const (
	FactorUnspecified     Factor = iota
	FactorLivedExperience        // lived_experience: the specialist shares the lived-experience areas the peer asked for
	FactorFocus                  // focus: the specialist's lived experience covers the peer's recovery focus
	FactorLanguage               // language: the specialist speaks a language of the peer's
	FactorGender                 // gender: the specialist's gender is the one the peer prefers
	FactorCapacity               // capacity: the share of the specialist's caseload still free
	FactorAvailability           // availability: the share of the peer's weekly times the specialist also works
)

// Reason explains the points one factor gave: Points of at most Max, from
// Have out of Of (shared areas out of those asked for, free places out of
// capacity, overlapping minutes out of the peer's minutes, ...). Its String
// method says it in words, without personal details.
type Reason struct {
	Factor Factor `json:"factor"`
	Points int    `json:"points"`
	Max    int    `json:"max"`
	Have   int    `json:"have"`
	Of     int    `json:"of"`
}

// String describes the reason in a sentence.
func (r Reason) String() string {
	h, o := strconv.Itoa(r.Have), strconv.Itoa(r.Of)
	var s string
	switch r.Factor {
	case FactorLivedExperience:
		s = "shares " + h + " of " + o + " lived-experience areas the peer asked for"
	case FactorFocus:
		s = "lived experience covers " + h + " of " + o + " areas of the peer's recovery focus"
	case FactorLanguage:
		if r.Have == 0 {
			s = "speaks none of the peer's " + o + " languages"
		} else {
			s = "speaks the peer's language number " + h + " of " + o
		}
	case FactorGender:
		switch {
		case r.Of == 0:
			s = "peer has no gender preference"
		case r.Have == 1:
			s = "gender is the one the peer prefers"
		default:
			s = "gender is not the one the peer prefers"
		}
	case FactorCapacity:
		s = h + " of " + o + " caseload places free"
	case FactorAvailability:
		s = "available " + h + " of the peer's " + o + " minutes a week"
	default:
		s = "unknown factor"
	}
	return fmt.Sprintf("%s: %d/%d points: %s", r.Factor, r.Points, r.Max, s)
}

// Suggestion is a specialist [Match] ranks for a peer: the total score and
// one reason per factor, in the order of the [Factor] constants.
type Suggestion struct {
	SpecialistID SpecialistID `json:"specialist_id"`
	Score        int          `json:"score"`
	Reasons      []Reason     `json:"reasons"`
	free         int
}

// ExclusionReason is why [Match] left a candidate out.
//
//peersupport:enum
type ExclusionReason uint8

// The exclusion reasons.
const (
	ExclusionReasonUnspecified  ExclusionReason = iota
	ExclusionReasonNotActive                    // not_active: the specialist is on leave or inactive
	ExclusionReasonCaseloadFull                 // caseload_full: the specialist's caseload is at capacity
)

// Exclusion is a candidate that [Match] left out, and why.
type Exclusion struct {
	SpecialistID SpecialistID    `json:"specialist_id"`
	Reason       ExclusionReason `json:"reason"`
}

// MatchResult is the answer of [Match].
type MatchResult struct {
	// Suggestions are the eligible specialists, best first: by Score, then
	// by free places, then by ID.
	Suggestions []Suggestion `json:"suggestions"`
	// Excluded are the candidates that cannot take the peer, in the order
	// given.
	Excluded []Exclusion `json:"excluded,omitempty"`
}

// Match ranks candidate specialists for a peer and explains every score.
// Candidates who are not active or whose caseload is full are excluded, with
// the reason. Everything else is scored, never filtered, so that the peer
// and the program choose with the whole picture; each factor gives up to
// its weight in points, in proportion:
//   - lived experience: the share of the peer's preferred areas the
//     specialist has;
//   - focus: the areas of the peer's recovery focus (mental health,
//     substance use, or both when co-occurring) the specialist has lived;
//   - language: full points for the peer's first language, half for another;
//   - gender: full points when the peer's preference is met;
//   - capacity: the share of the caseload still free;
//   - availability: the share of the peer's weekly times the specialist
//     works too.
//
// It returns an error wrapping [ErrInvalid] if p is not valid or a weight is
// negative.
func Match(p Peer, candidates []Candidate, opts *MatchOptions) (MatchResult, error) {
	if err := p.Validate(); err != nil {
		return MatchResult{}, fmt.Errorf("peer: match %s: %w", p.ID, err)
	}
	w := DefaultWeights()
	limit := 0
	if opts != nil {
		if opts.Weights != nil {
			w = *opts.Weights
		}
		limit = opts.Limit
	}
	if min(w.LivedExperience, w.Focus, w.Language, w.Gender, w.Capacity, w.Availability) < 0 {
		return MatchResult{}, fmt.Errorf("peer: match %s: %w: negative weight", p.ID, ErrInvalid)
	}
	m := newMatcher(p, w)
	if limit > 0 && limit < len(candidates) {
		return m.top(candidates, limit), nil
	}
	res := MatchResult{Suggestions: make([]Suggestion, 0, len(candidates))}
	reasons := make([]Reason, 0, factors*len(candidates))
	for _, c := range candidates {
		if x, ok := excluded(c); ok {
			res.Excluded = append(res.Excluded, x)
			continue
		}
		start := len(reasons)
		reasons = m.score(reasons, c)
		res.Suggestions = append(res.Suggestions, m.suggestion(c, reasons[start:len(reasons):len(reasons)]))
	}
	slices.SortFunc(res.Suggestions, better)
	if limit > 0 && len(res.Suggestions) > limit {
		res.Suggestions = res.Suggestions[:limit]
	}
	return res, nil
}

// factors is how many reasons a suggestion has.
const factors = 6

// excluded returns why a candidate cannot take the peer, if it cannot.
func excluded(c Candidate) (Exclusion, bool) {
	switch s := c.Specialist; {
	case s.Status != SpecialistStatusActive:
		return Exclusion{s.ID, ExclusionReasonNotActive}, true
	case c.Load >= s.CaseloadCapacity:
		return Exclusion{s.ID, ExclusionReasonCaseloadFull}, true
	}
	return Exclusion{}, false
}

// score appends the candidate's reasons to reasons.
func (m *matcher) score(reasons []Reason, c Candidate) []Reason {
	s := c.Specialist
	return append(reasons, m.livedExperience(s), m.focus(s), m.language(s), m.gender(s), m.capacity(s, c.Load), m.availability(s))
}

// suggestion is the candidate's suggestion with its reasons.
func (m *matcher) suggestion(c Candidate, reasons []Reason) Suggestion {
	sug := Suggestion{SpecialistID: c.Specialist.ID, Reasons: reasons, free: c.Specialist.CaseloadCapacity - max(c.Load, 0)}
	for _, r := range reasons {
		sug.Score += r.Points
	}
	return sug
}

// better orders suggestions best first: by score, then free places,
// then ID.
func better(a, b Suggestion) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.free, a.free), a.SpecialistID.Compare(b.SpecialistID))
}

// top scores every candidate and keeps the best limit of them in a heap
// whose root is the worst kept (a top-k selection: n log k rather than
// the n log n of sorting everything); the kept ones are sorted at the
// end. Each kept suggestion owns a slot of factors reasons, which a
// better candidate overwrites.
func (m *matcher) top(candidates []Candidate, limit int) MatchResult {
	var res MatchResult
	heap := make([]Suggestion, 0, limit)
	slots := make([]Reason, limit*factors)
	slot := make([]int, 0, limit) // heap position → its slot
	scratch := make([]Reason, 0, factors)
	// worse reports whether heap[i] ranks below heap[j].
	worse := func(i, j int) bool { return better(heap[i], heap[j]) > 0 }
	swap := func(i, j int) { heap[i], heap[j] = heap[j], heap[i]; slot[i], slot[j] = slot[j], slot[i] }
	down := func(i int) {
		for {
			worst, l, r := i, 2*i+1, 2*i+2
			if l < len(heap) && worse(l, worst) {
				worst = l
			}
			if r < len(heap) && worse(r, worst) {
				worst = r
			}
			if worst == i {
				return
			}
			swap(i, worst)
			i = worst
		}
	}
	for _, c := range candidates {
		if x, ok := excluded(c); ok {
			res.Excluded = append(res.Excluded, x)
			continue
		}
		scratch = m.score(scratch[:0], c)
		sug := m.suggestion(c, scratch)
		if len(heap) == limit {
			if better(sug, heap[0]) >= 0 {
				continue // no better than the worst kept
			}
			// Replace the worst kept, in its slot.
			k := slot[0]
			sug.Reasons = slots[k*factors : (k+1)*factors : (k+1)*factors]
			copy(sug.Reasons, scratch)
			heap[0] = sug
			down(0)
			continue
		}
		k := len(heap)
		sug.Reasons = slots[k*factors : (k+1)*factors : (k+1)*factors]
		copy(sug.Reasons, scratch)
		heap, slot = append(heap, sug), append(slot, k)
		for i := len(heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if !worse(i, parent) {
				break
			}
			swap(i, parent)
			i = parent
		}
	}
	slices.SortFunc(heap, better)
	res.Suggestions = heap
	return res
}

// newMatcher returns the matcher of a peer.
func newMatcher(p Peer, w Weights) *matcher {
	m := &matcher{peer: p, w: w, peerSpans: weekSpans(p.Preferences.Availability)}
	for _, sp := range m.peerSpans {
		m.peerMinutes += sp.to - sp.from
	}
	return m
}

type matcher struct {
	peer        Peer
	w           Weights
	peerSpans   []span
	peerMinutes int
}

func scaled(weight, have, of int) int {
	if of <= 0 || have <= 0 {
		return 0
	}
	return weight * min(have, of) / of
}

func (m *matcher) livedExperience(s Specialist) Reason {
	want := m.peer.Preferences.LivedExperience
	have := 0
	for _, a := range want {
		if s.Shares(a) {
			have++
		}
	}
	return Reason{Factor: FactorLivedExperience, Points: scaled(m.w.LivedExperience, have, len(want)), Max: m.w.LivedExperience, Have: have, Of: len(want)}
}

func (m *matcher) focus(s Specialist) Reason {
	var need []ExperienceArea
	switch m.peer.Focus {
	case FocusMentalHealth:
		need = []ExperienceArea{ExperienceAreaMentalHealth}
	case FocusSubstanceUse:
		need = []ExperienceArea{ExperienceAreaSubstanceUse}
	case FocusCoOccurring:
		need = []ExperienceArea{ExperienceAreaMentalHealth, ExperienceAreaSubstanceUse}
	}
	have := 0
	for _, a := range need {
		if s.Shares(a) {
			have++
		}
	}
	return Reason{Factor: FactorFocus, Points: scaled(m.w.Focus, have, len(need)), Max: m.w.Focus, Have: have, Of: len(need)}
}

func (m *matcher) language(s Specialist) Reason {
	r := Reason{Factor: FactorLanguage, Max: m.w.Language, Of: len(m.peer.Languages)}
	for i, want := range m.peer.Languages {
		if speaks(s.Languages, want) {
			r.Have = i + 1
			r.Points = m.w.Language
			if i > 0 {
				r.Points = m.w.Language / 2
			}
			break
		}
	}
	return r
}

func (m *matcher) gender(s Specialist) Reason {
	r := Reason{Factor: FactorGender, Max: m.w.Gender}
	if pref := m.peer.Preferences.SpecialistGender; pref != GenderUnspecified {
		r.Of = 1
		if s.Gender == pref {
			r.Have, r.Points = 1, m.w.Gender
		}
	}
	return r
}

func (m *matcher) capacity(s Specialist, load int) Reason {
	free := s.CaseloadCapacity - max(load, 0)
	return Reason{Factor: FactorCapacity, Points: scaled(m.w.Capacity, free, s.CaseloadCapacity), Max: m.w.Capacity, Have: free, Of: s.CaseloadCapacity}
}

func (m *matcher) availability(s Specialist) Reason {
	have := 0
	if m.peerMinutes > 0 {
		have = overlap(m.peerSpans, weekSpans(s.Availability))
	}
	return Reason{Factor: FactorAvailability, Points: scaled(m.w.Availability, have, m.peerMinutes), Max: m.w.Availability, Have: have, Of: m.peerMinutes}
}

// LoadCandidates reads every specialist and the load of their caseload as of
// the given day ([Load]: one index range per specialist), ready for
// [Match]. Specialists who are not active are included, so that Match
// reports why they were left out. Errors are the driver's, and ctx.Err().
func LoadCandidates(ctx context.Context, db *storage.DB, on peersupport.Date) ([]Candidate, error) {
	var out []Candidate
	for s, err := range Specialists.List(ctx, db, SpecialistFilter{}) {
		if err != nil {
			return nil, err
		}
		n, err := load(ctx, db, s.ID, on)
		if err != nil {
			return nil, err
		}
		out = append(out, Candidate{Specialist: s, Load: n})
	}
	return out, nil
}

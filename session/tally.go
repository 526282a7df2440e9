package session

import (
	"fmt"
	"iter"

	"github.com/peersupport/peersupport/peer"
)

// SupportCounts counts sessions by the support types they gave; a session
// that gave two types counts once in each.
type SupportCounts struct {
	Emotional     int `json:"emotional"`
	Informational int `json:"informational"`
	Instrumental  int `json:"instrumental"`
	Affiliational int `json:"affiliational"`
}

// Of returns the count for support type t; 0 for an unknown type.
func (c SupportCounts) Of(t SupportType) int {
	switch t {
	case SupportTypeEmotional:
		return c.Emotional
	case SupportTypeInformational:
		return c.Informational
	case SupportTypeInstrumental:
		return c.Instrumental
	case SupportTypeAffiliational:
		return c.Affiliational
	}
	return 0
}

func (c *SupportCounts) add(t SupportType) {
	switch t {
	case SupportTypeEmotional:
		c.Emotional++
	case SupportTypeInformational:
		c.Informational++
	case SupportTypeInstrumental:
		c.Instrumental++
	case SupportTypeAffiliational:
		c.Affiliational++
	}
}

// Totals sums completed sessions: how many, their minutes (the actual
// length of each session, not per peer), and the support types they gave.
type Totals struct {
	Sessions int           `json:"sessions"`
	Minutes  int           `json:"minutes"`
	Support  SupportCounts `json:"support"`
}

func (t *Totals) add(s Session) {
	t.Sessions++
	t.Minutes += s.Actual.Minutes()
	for _, sup := range s.Support {
		t.Support.add(sup.Type)
	}
}

// Tally sums completed sessions overall and per specialist. The zero Tally
// is empty and ready to use.
type Tally struct {
	Totals
	BySpecialist map[peer.SpecialistID]Totals `json:"by_specialist"`
}

// Add counts s if it is completed; other statuses gave no support and are
// skipped.
func (t *Tally) Add(s Session) {
	if s.Status != StatusCompleted {
		return
	}
	t.Totals.add(s)
	if t.BySpecialist == nil {
		t.BySpecialist = make(map[peer.SpecialistID]Totals)
	}
	sp := t.BySpecialist[s.SpecialistID]
	sp.add(s)
	t.BySpecialist[s.SpecialistID] = sp
}

// Count tallies the sessions of a listing, such as
// Sessions.List with a period filter ([SessionFilter]). It stops at the first
// error and returns it, wrapped, with an empty Tally.
func Count(sessions iter.Seq2[Session, error]) (Tally, error) {
	if sessions == nil {
		return Tally{}, fmt.Errorf("session: count: a nil listing: %w", ErrInvalid)
	}
	var t Tally
	for s, err := range sessions {
		if err != nil {
			return Tally{}, fmt.Errorf("session: count: %w", err)
		}
		t.Add(s)
	}
	return t, nil
}

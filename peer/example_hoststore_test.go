package peer_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log"
	"slices"
	"sync"

	"github.com/peersupport/peersupport/peer"
)

// clinicSupervisors is how a host application implements a store: here a
// map stands in for the host's own database table. A real implementation
// runs storetest.RunSupervisorStore against itself in a test.
type clinicSupervisors struct {
	mu   sync.RWMutex
	rows map[peer.SupervisorID]peer.Supervisor
}

var _ peer.SupervisorStore = (*clinicSupervisors)(nil)

func (s *clinicSupervisors) CreateSupervisor(ctx context.Context, v peer.Supervisor) (peer.Supervisor, error) {
	if err := ctx.Err(); err != nil {
		return peer.Supervisor{}, err
	}
	if err := v.Validate(); err != nil {
		return peer.Supervisor{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.rows[v.ID]; ok {
		return peer.Supervisor{}, fmt.Errorf("clinic: create supervisor %s: %w", v.ID, peer.ErrAlreadyExists)
	}
	v = v.Clone()
	v.Version = 1
	s.rows[v.ID] = v
	return v.Clone(), nil
}

func (s *clinicSupervisors) GetSupervisor(ctx context.Context, id peer.SupervisorID) (peer.Supervisor, error) {
	if err := ctx.Err(); err != nil {
		return peer.Supervisor{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.rows[id]
	if !ok {
		return peer.Supervisor{}, fmt.Errorf("clinic: get supervisor %s: %w", id, peer.ErrNotFound)
	}
	return v.Clone(), nil
}

func (s *clinicSupervisors) UpdateSupervisor(ctx context.Context, v peer.Supervisor) (peer.Supervisor, error) {
	if err := ctx.Err(); err != nil {
		return peer.Supervisor{}, err
	}
	if err := v.Validate(); err != nil {
		return peer.Supervisor{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.rows[v.ID]
	switch {
	case !ok:
		return peer.Supervisor{}, fmt.Errorf("clinic: update supervisor %s: %w", v.ID, peer.ErrNotFound)
	case cur.Version != v.Version: // in SQL: UPDATE … WHERE id = ? AND version = ?
		return peer.Supervisor{}, fmt.Errorf("clinic: update supervisor %s: %w", v.ID, peer.ErrConflict)
	}
	v = v.Clone()
	v.Version++
	s.rows[v.ID] = v
	return v.Clone(), nil
}

func (s *clinicSupervisors) ListSupervisors(ctx context.Context, f peer.SupervisorFilter) iter.Seq2[peer.Supervisor, error] {
	return func(yield func(peer.Supervisor, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(peer.Supervisor{}, err)
			return
		}
		s.mu.RLock()
		var out []peer.Supervisor
		for _, v := range s.rows {
			if f.Matches(v) {
				out = append(out, v.Clone())
			}
		}
		s.mu.RUnlock() // yield outside the lock
		slices.SortFunc(out, func(a, b peer.Supervisor) int { return a.ID.Compare(b.ID) })
		for _, v := range out {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// A host implements the store interfaces on its own database; the
// operations of the package then work on it unchanged.
func Example_hostStore() {
	ctx := context.Background()
	store := &clinicSupervisors{rows: map[peer.SupervisorID]peer.Supervisor{}}

	sv, err := peer.Supervisors.Create(ctx, store, peer.Supervisor{
		ID: peer.NewSupervisorID(), Name: peer.Name{Given: "Ife", Family: "Okafor"},
		License: peer.LicenseTypeClinicalSocialWorker, LicenseNumber: "SW1234", Jurisdiction: "US-FL",
		Status: peer.SupervisorStatusActive,
	})
	if err != nil {
		log.Fatal(err)
	}
	stale := sv
	sv.Status = peer.SupervisorStatusInactive
	if _, err := peer.Supervisors.Update(ctx, store, sv); err != nil {
		log.Fatal(err)
	}
	_, err = peer.Supervisors.Update(ctx, store, stale)
	fmt.Println("stale update refused:", errors.Is(err, peer.ErrConflict))

	for s, err := range peer.Supervisors.List(ctx, store, peer.SupervisorFilter{Status: peer.SupervisorStatusInactive}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.License, s.Jurisdiction, "version", s.Version)
	}
	// Output:
	// stale update refused: true
	// clinical_social_worker US-FL version 2
}

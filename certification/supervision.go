package certification

import (
	"context"
	"fmt"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// SupervisionSource supplies the supervision a specialist received, as
// [Supervision] entries, from wherever the host records it. Package
// session's SupervisionLog adapts its supervision meetings to this
// interface, so certification needs no import of session.
type SupervisionSource interface {
	// Supervision returns the entries of the specialist's supervision
	// that started at or after from and before until. Each entry has a
	// Ref unique within the source.
	Supervision(ctx context.Context, id peer.SpecialistID, from, until time.Time) ([]Supervision, error)
}

// WithSupervision returns a copy of rec with the supervision the source
// reports for [from, until) added. An entry whose Ref the record already
// holds replaces the held one, so importing a period twice counts its
// hours once. rec itself is not changed.
//
// It returns the source's error wrapped, and an error wrapping
// [ErrInvalid] when until is not after from or an entry from the source
// has no Ref.
func WithSupervision(ctx context.Context, rec Record, src SupervisionSource, from, until time.Time) (Record, error) {
	if !until.After(from) {
		return Record{}, fmt.Errorf("certification: supervision of %s: period: %w", rec.SpecialistID, ErrInvalid)
	}
	entries, err := src.Supervision(ctx, rec.SpecialistID, from, until)
	if err != nil {
		return Record{}, fmt.Errorf("certification: supervision of %s: %w", rec.SpecialistID, err)
	}
	out := rec.Clone()
	at := make(map[string]int, len(out.Supervision))
	for i, s := range out.Supervision {
		if s.Ref != "" {
			at[s.Ref] = i
		}
	}
	for i, s := range entries {
		if s.Ref == "" {
			return Record{}, fmt.Errorf("certification: supervision of %s: entry %d has no ref: %w", rec.SpecialistID, i, ErrInvalid)
		}
		if j, ok := at[s.Ref]; ok {
			out.Supervision[j] = s
			continue
		}
		at[s.Ref] = len(out.Supervision)
		out.Supervision = append(out.Supervision, s)
	}
	return out, nil
}

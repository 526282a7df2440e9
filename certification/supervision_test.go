package certification_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

// fixedSource reports the same entries for every query.
type fixedSource struct {
	entries []certification.Supervision
	err     error
}

func (s fixedSource) Supervision(context.Context, peer.SpecialistID, time.Time, time.Time) ([]certification.Supervision, error) {
	return s.entries, s.err
}

func TestWithSupervision(t *testing.T) {
	ctx := t.Context()
	from, until := asOf.AddDays(-30).In(time.UTC), asOf.In(time.UTC)
	rec := ready()
	rec.Supervision[1].Ref = "m:1"
	src := fixedSource{entries: []certification.Supervision{
		{On: asOf.AddDays(-3), Hours: certification.Hours(2), Ref: "m:1"},
		{On: asOf.AddDays(-2), Hours: certification.Minutes(50), Ref: "m:2"},
	}}
	got, err := certification.WithSupervision(ctx, rec, src, from, until)
	require.NoError(t, err)
	assert.Len(t, got.Supervision, 3, "m:1 replaced, m:2 added")
	assert.Equal(t, certification.Hours(2), got.Supervision[1].Hours)
	again, err := certification.WithSupervision(ctx, got, src, from, until)
	require.NoError(t, err)
	assert.Equal(t, got, again, "importing twice counts each meeting once")
	assert.Len(t, rec.Supervision, 2, "the record given is not changed")

	_, err = certification.WithSupervision(ctx, rec, src, until, from)
	assert.ErrorIs(t, err, certification.ErrInvalid)
	_, err = certification.WithSupervision(ctx, rec, fixedSource{entries: []certification.Supervision{{On: asOf, Hours: 1}}}, from, until)
	assert.ErrorIs(t, err, certification.ErrInvalid, "entries need a ref")
	broken := errors.New("source down")
	_, err = certification.WithSupervision(ctx, rec, fixedSource{err: broken}, from, until)
	assert.ErrorIs(t, err, broken)
}

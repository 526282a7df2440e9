package session

import (
	"context"
	"fmt"
	"github.com/peersupport/peersupport/storage"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

// SupervisionLog adapts supervision meetings to
// [certification.SupervisionSource], so that a specialist's certification
// record counts the supervision recorded as [Meeting] values:
//
//	rec, err := certification.WithSupervision(ctx, rec, session.SupervisionLog{DB: db}, from, until)
//
// Each meeting the specialist attended becomes one entry with the
// meeting's minutes, its day in Location (nil means UTC), its supervisor,
// whether it was a group, and the Ref "session.meeting:<meeting ID>".
type SupervisionLog struct {
	DB       *storage.DB
	Location *time.Location
}

var _ certification.SupervisionSource = SupervisionLog{}

// SupervisionRef returns the Ref a meeting's entry carries.
func SupervisionRef(id MeetingID) string { return "session.meeting:" + id.String() }

// Supervision implements [certification.SupervisionSource]. It returns the
// driver's error, wrapped.
func (l SupervisionLog) Supervision(ctx context.Context, id peer.SpecialistID, from, until time.Time) ([]certification.Supervision, error) {
	loc := l.Location
	if loc == nil {
		loc = time.UTC
	}
	var out []certification.Supervision
	for m, err := range Meetings.List(ctx, l.DB, MeetingFilter{SpecialistID: id, From: from, Until: until}) {
		if err != nil {
			return nil, fmt.Errorf("session: supervision log of %s: %w", id, err)
		}
		out = append(out, certification.Supervision{
			On:           peersupport.DateOf(m.Start.In(loc)),
			Hours:        certification.Minutes(m.Minutes),
			SupervisorID: m.SupervisorID,
			Group:        m.Kind == MeetingKindGroup,
			Ref:          SupervisionRef(m.ID),
		})
	}
	return out, nil
}

package fhir

import (
	"context"
	"errors"
	"fmt"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// WritePeer writes one peer's whole record to b, streaming from db: the
// peer's Patient; for each of the peer's assignments (open or ended), the
// specialist's Practitioner and PractitionerRole with their credentials,
// the supervisors linked to the specialist on the day, and the CareTeam;
// the peer's Goals and wellness plans (CarePlans); their assessments of
// opts.Instrument (QuestionnaireResponse and Observation); their Consents
// with their status on the day; and every session they took part in, as
// the peer's own Encounter with the signed note of a one-on-one session
// (DocumentReferences). A group session's Encounter for the whole group
// and its shared note are about other peers too, and are not part of one
// peer's record.
//
// b must carry a disclosure decision about the peer that consent.Disclose
// recorded ([BundleOptions].Decision): sending a peer's record out of the
// program is a disclosure, and Disclose is what puts it in the accounting
// of disclosures. What the decision withholds is skipped, so the bundle
// holds what the peer's consent releases and nothing else; every
// reference resolves inside the bundle or is logical. Mark the disclosure
// sent (consent.MarkSent) once the bundle went. A program exporting to
// its own EHR, which is no disclosure, uses [WriteCaseload].
//
// It returns an error wrapping [ErrInvalid] for a nil b or db or a zero
// peer ID, [ErrWithheld] for a bundle without a recorded decision about
// this peer, the driver's errors (ErrNotFound for an unknown peer), an
// export error of a stored record, or the bundle's write error.
func WritePeer(ctx context.Context, b *BundleWriter, db *storage.DB, id peer.ID, on peersupport.Date, opts *CaseloadOptions) error {
	if b == nil || b.w == nil || db == nil || id.IsZero() || !on.Valid() {
		return fmt.Errorf("fhir: write peer %s: bundle, db, peer and day: %w", id, ErrInvalid)
	}
	if b.decision == nil || b.peer != id.String() {
		return fmt.Errorf("fhir: write peer %s: a bundle without a recorded disclosure decision about the peer: %w", id, ErrWithheld)
	}
	if opts == nil {
		opts = &CaseloadOptions{}
	}
	fail := func(err error) error { return fmt.Errorf("fhir: write peer %s: %w", id, err) }
	add := skipWithheld(b)
	p, err := peer.Peers.Get(ctx, db, id)
	if err != nil {
		return fail(err)
	}
	patient, err := ExportPeer(p)
	if err != nil {
		return fail(err)
	}
	if err := add(patient); err != nil {
		return fail(err)
	}
	written := map[string]bool{}
	for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{PeerID: id}) {
		if err != nil {
			return fail(err)
		}
		links, err := writeSpecialist(ctx, add, db, a.SpecialistID, on, opts, written)
		if err != nil {
			return fail(err)
		}
		team, err := ExportCareTeam(a, storage.Values(links))
		if err != nil {
			return fail(err)
		}
		if err := add(team); err != nil {
			return fail(err)
		}
	}
	// Kinds the decision withholds are not read at all, so that the
	// access audit records only what went out.
	releases := b.decision.Releases
	if err := writeOwn(ctx, add, db, id, on, opts, releases); err != nil {
		return fail(err)
	}
	if !releases(consent.InfoKindAttendance) && !releases(consent.InfoKindProgressNotes) {
		return nil
	}
	mine := func(e *Encounter) bool { subject, _ := refID(e.Subject, "Patient"); return subject == id.String() }
	for s, err := range session.Sessions.List(ctx, db, session.SessionFilter{PeerID: id}) {
		if err != nil {
			return fail(err)
		}
		if err := s.Validate(); err != nil {
			return fail(fmt.Errorf("session %s: %w: %w", s.ID, ErrInvalid, err))
		}
		if err := writeSession(add, &s, mine, s.Kind != session.KindGroup); err != nil {
			return fail(err)
		}
	}
	return nil
}

// skipWithheld returns the function that adds resources to b and passes
// over those b's decision withholds.
func skipWithheld(b *BundleWriter) func(...Resource) error {
	return func(rs ...Resource) error {
		for _, r := range rs {
			if err := b.Add(r); err != nil && !errors.Is(err, ErrWithheld) {
				return err
			}
		}
		return nil
	}
}

// writeSpecialist writes a specialist's Practitioner and PractitionerRole
// with their credentials, and the Practitioners of the supervisors linked
// to them on the day, once each (written remembers them); it returns the
// links.
func writeSpecialist(ctx context.Context, add func(...Resource) error, db *storage.DB, id peer.SpecialistID, on peersupport.Date, opts *CaseloadOptions, written map[string]bool) ([]peer.Supervision, error) {
	var links []peer.Supervision
	for l, err := range peer.Supervisions.List(ctx, db, peer.SupervisionFilter{SpecialistID: id, ActiveOn: on}) {
		if err != nil {
			return nil, err
		}
		links = append(links, l)
	}
	if written[id.String()] {
		return links, nil
	}
	written[id.String()] = true
	s, err := peer.Specialists.Get(ctx, db, id)
	if err != nil {
		return nil, err
	}
	pr, role, err := ExportSpecialist(s, certification.Credentials.List(ctx, db, certification.CredentialFilter{SpecialistID: id}), opts.Catalog)
	if err != nil {
		return nil, err
	}
	if err := add(pr, role); err != nil {
		return nil, err
	}
	for _, l := range links {
		if written[l.SupervisorID.String()] {
			continue
		}
		written[l.SupervisorID.String()] = true
		sup, err := peer.Supervisors.Get(ctx, db, l.SupervisorID)
		if err != nil {
			return nil, err
		}
		r, err := ExportSupervisor(sup)
		if err != nil {
			return nil, err
		}
		if err := add(r); err != nil {
			return nil, err
		}
	}
	return links, nil
}

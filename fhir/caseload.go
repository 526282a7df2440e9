package fhir

import (
	"context"
	"fmt"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// CaseloadOptions configure [WriteCaseload]. A nil *CaseloadOptions
// means the defaults.
type CaseloadOptions struct {
	// Catalog names the issuers of qualifications; nil names none.
	Catalog *certification.Catalog
	// Instrument scores assessments; nil means plan.BARC10.
	Instrument plan.Instrument
}

// WriteCaseload writes a specialist's caseload on a day to b, streaming
// from db: the specialist's Practitioner and PractitionerRole with their
// credentials, their supervisors' Practitioners, and for each peer
// assigned on the day their Patient, CareTeam, Goals, wellness plans
// (CarePlans, active and archived; a draft is not the peer's plan until
// they activate it),
// assessments (QuestionnaireResponse and Observation), Consents, and the
// Encounters and signed notes of the specialist's sessions with them (a
// group session's Encounter once, with an Encounter per attending peer of
// the caseload). Resources the bundle's disclosure decision withholds are
// skipped; consents export with their status on the day. Resources come
// before those that refer to them, so every reference resolves in the
// bundle or is logical (see [BundleWriter]). Every read is an index range;
// nothing is held in memory but one record at a time, the caseload's
// list of peers and the writer's set of fullUrls.
//
// It returns an error wrapping [ErrInvalid] for a nil b or db, the
// driver's errors, an export error of a stored record, or the bundle's
// write error.
func WriteCaseload(ctx context.Context, b *BundleWriter, db *storage.DB, specialist peer.SpecialistID, on peersupport.Date, opts *CaseloadOptions) error {
	if b == nil || db == nil {
		return fmt.Errorf("fhir: write caseload of %s: bundle and db: %w", specialist, ErrInvalid)
	}
	if opts == nil {
		opts = &CaseloadOptions{}
	}
	fail := func(err error) error { return fmt.Errorf("fhir: write caseload of %s: %w", specialist, err) }
	add := skipWithheld(b)
	links, err := writeSpecialist(ctx, add, db, specialist, on, opts, map[string]bool{})
	if err != nil {
		return fail(err)
	}
	var caseload []peer.ID
	for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: specialist, ActiveOn: on}) {
		if err != nil {
			return fail(err)
		}
		caseload = append(caseload, a.PeerID)
		p, err := peer.Peers.Get(ctx, db, a.PeerID)
		if err != nil {
			return fail(err)
		}
		patient, err := ExportPeer(p)
		if err != nil {
			return fail(err)
		}
		team, err := ExportCareTeam(a, storage.Values(links))
		if err != nil {
			return fail(err)
		}
		if err := add(patient, team); err != nil {
			return fail(err)
		}
		if err := writeOwn(ctx, add, db, a.PeerID, on, opts, nil); err != nil {
			return fail(err)
		}
	}
	if len(caseload) == 0 {
		return nil
	}
	for sess, err := range session.Sessions.List(ctx, db, session.SessionFilter{SpecialistID: specialist}) {
		if err != nil {
			return fail(err)
		}
		if !slices.ContainsFunc(sess.Participants, func(p session.Participant) bool { return slices.Contains(caseload, p.PeerID) }) {
			continue
		}
		if err := sess.Validate(); err != nil {
			return fail(fmt.Errorf("session %s: %w: %w", sess.ID, ErrInvalid, err))
		}
		// A group session's own Encounter once; a peer's Encounter only
		// for a peer of the caseload.
		keep := func(e *Encounter) bool {
			if sess.Kind == session.KindGroup && e.Subject == nil {
				return true
			}
			id, _ := refID(e.Subject, "Patient")
			p, err := peer.ParseID(id)
			return err == nil && slices.Contains(caseload, p)
		}
		if err := writeSession(add, &sess, keep, true); err != nil {
			return fail(err)
		}
	}
	return nil
}

// writeOwn writes what is the peer's own: goals, wellness plans,
// assessments and consents; with releases set, only the kinds it
// releases, and the others are not read at all (a read of a peer's
// records is on the access audit, so what a disclosure withholds must not
// be read for it).
func writeOwn(ctx context.Context, add func(...Resource) error, db *storage.DB, id peer.ID, on peersupport.Date, opts *CaseloadOptions,
	releases func(consent.InfoKind) bool) error {
	if releases == nil {
		releases = func(consent.InfoKind) bool { return true }
	}
	if releases(consent.InfoKindWellnessPlan) {
		if err := writePlans(ctx, add, db, id); err != nil {
			return err
		}
	}
	if releases(consent.InfoKindAssessments) {
		inst := opts.Instrument
		if inst == nil {
			inst = plan.BARC10()
		}
		for as, err := range plan.Assessments.List(ctx, db, plan.AssessmentFilter{PeerID: id, Instrument: inst.Info().Code}) {
			if err != nil {
				return err
			}
			qr, obs, err := ExportAssessment(as, inst)
			if err != nil {
				return err
			}
			if err := add(qr, obs); err != nil {
				return err
			}
		}
	}
	if releases(consent.InfoKindConsents) {
		for c, err := range consent.Consents.List(ctx, db, consent.ConsentFilter{PeerID: id}) {
			if err != nil {
				return err
			}
			r, err := ExportConsent(c, on)
			if err != nil {
				return err
			}
			if err := add(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// writePlans writes the peer's goals and their active or archived plans.
func writePlans(ctx context.Context, add func(...Resource) error, db *storage.DB, id peer.ID) error {
	var goals []plan.Goal
	for g, err := range plan.Goals.List(ctx, db, plan.GoalFilter{PeerID: id}) {
		if err != nil {
			return err
		}
		goals = append(goals, g)
		r, err := ExportGoal(g)
		if err != nil {
			return err
		}
		if err := add(r); err != nil {
			return err
		}
	}
	for pl, err := range plan.Plans.List(ctx, db, plan.PlanFilter{PeerID: id}) {
		if err != nil {
			return err
		}
		if pl.Status == plan.StatusDraft {
			continue // not the peer's plan until they activate it
		}
		var mine []plan.Goal
		for _, g := range goals {
			if g.PlanID == pl.ID {
				mine = append(mine, g)
			}
		}
		cp, err := ExportPlan(pl, storage.Values(mine))
		if err != nil {
			return err
		}
		if err := add(cp); err != nil {
			return err
		}
	}
	return nil
}

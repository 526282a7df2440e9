package fhir

import (
	"context"
	"errors"
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
// assigned on the day their Patient, CareTeam, active CarePlan, Goals,
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
	add := func(rs ...Resource) error {
		for _, r := range rs {
			if err := b.Add(r); err != nil && !errors.Is(err, ErrWithheld) {
				return err
			}
		}
		return nil
	}
	s, err := peer.Specialists.Get(ctx, db, specialist)
	if err != nil {
		return fail(err)
	}
	var held []certification.Credential
	for c, err := range certification.Credentials.List(ctx, db, certification.CredentialFilter{SpecialistID: specialist}) {
		if err != nil {
			return fail(err)
		}
		held = append(held, c)
	}
	pr, role := ExportSpecialist(s, held, opts.Catalog)
	if err := add(pr, role); err != nil {
		return fail(err)
	}
	var links []peer.Supervision
	for l, err := range peer.Supervisions.List(ctx, db, peer.SupervisionFilter{SpecialistID: specialist, ActiveOn: on}) {
		if err != nil {
			return fail(err)
		}
		links = append(links, l)
		sup, err := peer.Supervisors.Get(ctx, db, l.SupervisorID)
		if err != nil {
			return fail(err)
		}
		if err := add(ExportSupervisor(sup)); err != nil {
			return fail(err)
		}
	}
	var caseload []peer.ID
	for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: specialist, ActiveOn: on}) {
		if err != nil {
			return fail(err)
		}
		caseload = append(caseload, a.PeerID)
		if err := writePeer(ctx, add, db, a, links, on, opts); err != nil {
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
		encs, err := ExportSession(sess)
		if err != nil {
			return fail(err)
		}
		for i, e := range encs {
			if i > 0 || sess.Kind != session.KindGroup {
				id, _ := refID(e.Subject, "Patient")
				if p, err := peer.ParseID(id); err != nil || !slices.Contains(caseload, p) {
					continue
				}
			}
			if err := add(e); err != nil {
				return fail(err)
			}
		}
		if sess.Note.IsSigned() {
			docs, err := ExportNote(sess)
			if err != nil {
				return fail(err)
			}
			for _, d := range docs {
				if err := add(d); err != nil {
					return fail(err)
				}
			}
		}
	}
	return nil
}

// writePeer writes one assigned peer's own resources.
func writePeer(ctx context.Context, add func(...Resource) error, db *storage.DB, a peer.Assignment, links []peer.Supervision, on peersupport.Date, opts *CaseloadOptions) error {
	p, err := peer.Peers.Get(ctx, db, a.PeerID)
	if err != nil {
		return err
	}
	if err := add(ExportPeer(p), ExportCareTeam(a, links)); err != nil {
		return err
	}
	var goals []plan.Goal
	for g, err := range plan.Goals.List(ctx, db, plan.GoalFilter{PeerID: p.ID}) {
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
	for pl, err := range plan.Plans.List(ctx, db, plan.PlanFilter{PeerID: p.ID, Status: plan.StatusActive}) {
		if err != nil {
			return err
		}
		var mine []plan.Goal
		for _, g := range goals {
			if g.PlanID == pl.ID {
				mine = append(mine, g)
			}
		}
		cp, err := ExportPlan(pl, mine)
		if err != nil {
			return err
		}
		if err := add(cp); err != nil {
			return err
		}
	}
	inst := opts.Instrument
	if inst == nil {
		inst = plan.BARC10()
	}
	for as, err := range plan.Assessments.List(ctx, db, plan.AssessmentFilter{PeerID: p.ID, Instrument: inst.Info().Code}) {
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
	for c, err := range consent.Consents.List(ctx, db, consent.ConsentFilter{PeerID: p.ID}) {
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
	return nil
}

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
)

// CaseloadSources are the stores [WriteCaseload] reads. Peers,
// Specialists, Caseloads and Sessions are required; a nil optional store
// leaves its resources out.
type CaseloadSources struct {
	Peers       peer.PeerStore
	Specialists peer.SpecialistStore
	Caseloads   peer.CaseloadStore
	Sessions    session.SessionStore

	Supervisors peer.SupervisorStore          // optional: supervisors' Practitioners
	Supervision peer.SupervisionStore         // optional: supervisors on care teams
	Credentials certification.CredentialStore // optional: qualifications
	Catalog     *certification.Catalog        // names issuers of qualifications
	Plans       plan.PlanStore                // optional: the active wellness plan
	Goals       plan.GoalStore                // optional: goals
	Assessments plan.AssessmentStore          // optional: assessments
	Instrument  plan.Instrument               // scores assessments; nil means plan.BARC10
	Consents    consent.ConsentStore          // optional: consents
}

// WriteCaseload writes a specialist's caseload on a day to b, streaming
// from the stores: the specialist's Practitioner and PractitionerRole,
// their supervisors' Practitioners, and for each peer assigned on the
// day their Patient, CareTeam, active CarePlan, Goals, assessments
// (QuestionnaireResponse and Observation), Consents, and the Encounters
// and signed notes of the specialist's sessions with them (a group
// session's Encounter once, with an Encounter per attending peer of the
// caseload). Resources the bundle's disclosure decision withholds are
// skipped; consents export with their status on the day. Resources come
// before those that refer to them, so every reference resolves in the
// bundle or is logical (see [BundleWriter]). Nothing is held in memory
// but one record at a time, the caseload's list of peers and the
// writer's set of fullUrls.
//
// It returns an error wrapping [ErrInvalid] for a nil b or missing required stores,
// the stores' errors, an export error of a stored record, or the
// bundle's write error.
func WriteCaseload(ctx context.Context, b *BundleWriter, src CaseloadSources, specialist peer.SpecialistID, on peersupport.Date) error {
	if b == nil || src.Peers == nil || src.Specialists == nil || src.Caseloads == nil || src.Sessions == nil {
		return fmt.Errorf("fhir: write caseload of %s: sources: %w", specialist, ErrInvalid)
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
	s, err := src.Specialists.GetSpecialist(ctx, specialist)
	if err != nil {
		return fail(err)
	}
	var held []certification.Credential
	if src.Credentials != nil {
		for c, err := range src.Credentials.ListCredentials(ctx, certification.CredentialFilter{SpecialistID: specialist}) {
			if err != nil {
				return fail(err)
			}
			held = append(held, c)
		}
	}
	pr, role := ExportSpecialist(s, held, src.Catalog)
	if err := add(pr, role); err != nil {
		return fail(err)
	}
	var links []peer.Supervision
	if src.Supervision != nil {
		for l, err := range src.Supervision.ListSupervisions(ctx, peer.SupervisionFilter{SpecialistID: specialist, ActiveOn: on}) {
			if err != nil {
				return fail(err)
			}
			links = append(links, l)
			if src.Supervisors != nil {
				sup, err := src.Supervisors.GetSupervisor(ctx, l.SupervisorID)
				if err != nil {
					return fail(err)
				}
				if err := add(ExportSupervisor(sup)); err != nil {
					return fail(err)
				}
			}
		}
	}
	c, err := src.Caseloads.GetCaseload(ctx, specialist)
	if errors.Is(err, peer.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fail(err)
	}
	var caseload []peer.ID
	for _, a := range c.Assignments {
		if !a.ActiveOn(on) {
			continue
		}
		caseload = append(caseload, a.PeerID)
		if err := writePeer(ctx, add, src, a, links, on); err != nil {
			return fail(err)
		}
	}
	for sess, err := range src.Sessions.ListSessions(ctx, session.SessionFilter{SpecialistID: specialist}) {
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
func writePeer(ctx context.Context, add func(...Resource) error, src CaseloadSources, a peer.Assignment, links []peer.Supervision, on peersupport.Date) error {
	p, err := src.Peers.GetPeer(ctx, a.PeerID)
	if err != nil {
		return err
	}
	if err := add(ExportPeer(p), ExportCareTeam(a, links)); err != nil {
		return err
	}
	var goals []plan.Goal
	if src.Goals != nil {
		for g, err := range src.Goals.ListGoals(ctx, plan.GoalFilter{PeerID: p.ID}) {
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
	}
	if src.Plans != nil {
		for pl, err := range src.Plans.ListPlans(ctx, plan.PlanFilter{PeerID: p.ID, Status: plan.StatusActive}) {
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
	}
	if src.Assessments != nil {
		inst := src.Instrument
		if inst == nil {
			inst = plan.BARC10()
		}
		for as, err := range src.Assessments.ListAssessments(ctx, plan.AssessmentFilter{PeerID: p.ID, Instrument: inst.Info().Code}) {
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
	if src.Consents != nil {
		for c, err := range src.Consents.ListConsents(ctx, consent.ConsentFilter{PeerID: p.ID}) {
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

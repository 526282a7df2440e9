// Package story tells the library's story in one run, on any db that
// implements the library's db interfaces: enrol a peer, rank
// specialists for them, assign the best one, check that every specialist
// has a supervisor, admit them to an episode of service, hold and
// document a first session under boundary checks, see what would hold
// its claim, the peer's comment on the note and the supervisor's review
// queue, build the peer's wellness plan with a goal, score a
// BARC-10, check a gift and a disclosure to a clinic against the peer's
// consent, see how far the specialist is from a credential, and print the
// month's reports. examples/quickstart tells it on the in-memory db,
// examples/sqlstore on SQLite.
package story

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// Run tells the story on db, writing what happens to w. The db must
// be empty.
func Run(ctx context.Context, db *storage.DB, w io.Writer) error {
	today := peersupport.Date{Year: 2026, Month: time.March, Day: 2}
	evenings := []peer.WeeklySlot{
		{Day: time.Tuesday, Start: peer.Clock(17, 0), End: peer.Clock(20, 0)},
		{Day: time.Thursday, Start: peer.Clock(17, 0), End: peer.Clock(20, 0)},
	}

	// 1. Enrol a peer, in their own words.
	dana, err := peer.Peers.Create(ctx, db, peer.Peer{
		ID:         peer.NewID(),
		Name:       peer.Name{Given: "Dana", Family: "Reyes", Preferred: "Dee"},
		Languages:  []string{"es", "en"},
		Focus:      peer.FocusCoOccurring,
		Stage:      peer.StageMiddle,
		Pathways:   []peer.Pathway{peer.PathwayMutualHelp, peer.PathwayMedicationSupported},
		Referral:   peer.ReferralTreatmentProgram,
		Status:     peer.StatusActive,
		EnrolledOn: today,
		Preferences: peer.Preferences{
			SpecialistGender: peer.GenderWoman,
			LivedExperience:  []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse, peer.ExperienceAreaTrauma},
			Availability:     evenings[:1],
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Enrolled peer", dana.Name.Preferred, "on", dana.EnrolledOn)

	// 2. The program's specialists and their supervisor.
	team := []peer.Specialist{
		{Name: peer.Name{Given: "Maria"}, Gender: peer.GenderWoman, Titles: []peer.Title{peer.TitleCertifiedPeerSpecialist},
			LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse, peer.ExperienceAreaMentalHealth, peer.ExperienceAreaTrauma},
			Employment:      peer.EmploymentFullTime, Languages: []string{"es", "en"}, Availability: evenings, CaseloadCapacity: 12},
		{Name: peer.Name{Given: "Joe"}, Gender: peer.GenderMan, Titles: []peer.Title{peer.TitleRecoveryCoach},
			LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
			Employment:      peer.EmploymentPartTime, Languages: []string{"en"}, Availability: evenings, CaseloadCapacity: 6},
		{Name: peer.Name{Given: "Kim"}, Gender: peer.GenderWoman, Titles: []peer.Title{peer.TitlePeerSpecialist},
			LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaMentalHealth},
			Employment:      peer.EmploymentVolunteer, Languages: []string{"es"}, CaseloadCapacity: 0},
	}
	names := map[peer.SpecialistID]string{}
	for i := range team {
		team[i].ID = peer.NewSpecialistID()
		team[i].Status = peer.SpecialistStatusActive
		if _, err := peer.Specialists.Create(ctx, db, team[i]); err != nil {
			return err
		}
		names[team[i].ID] = team[i].Name.Given
	}
	supervisor, err := peer.Supervisors.Create(ctx, db, peer.Supervisor{
		ID: peer.NewSupervisorID(), Name: peer.Name{Given: "Dr. Okafor"},
		License: peer.LicenseTypeClinicalSocialWorker, LicenseNumber: "SW1234", Jurisdiction: "US-FL",
		Status: peer.SupervisorStatusActive,
	})
	if err != nil {
		return err
	}
	for _, s := range team[:2] {
		link := peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: supervisor.ID, SpecialistID: s.ID, Start: today.AddDays(-60)}
		if _, err := peer.Supervisions.Create(ctx, db, link); err != nil {
			return err
		}
	}

	// 3. Rank the specialists for Dana, with reasons.
	candidates, err := peer.LoadCandidates(ctx, db, today)
	if err != nil {
		return err
	}
	ranking, err := peer.Match(dana, candidates, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSpecialists for", dana.Name.Preferred)
	for _, s := range ranking.Suggestions {
		fmt.Fprintf(w, "  %-6s %3d points\n", names[s.SpecialistID], s.Score)
		for _, r := range s.Reasons {
			fmt.Fprintln(w, "        ", r)
		}
	}
	for _, x := range ranking.Excluded {
		fmt.Fprintf(w, "  %-6s excluded: %s\n", names[x.SpecialistID], x.Reason)
	}

	// 4. Assign the best match; the caseload stays within capacity.
	best, err := peer.Specialists.Get(ctx, db, ranking.Suggestions[0].SpecialistID)
	if err != nil {
		return err
	}
	a, err := peer.Assign(ctx, db, dana.ID, best.ID, today)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nAssigned", dana.Name.Preferred, "to", best.Name.Given, "from", a.Start)
	episode, err := peer.Admit(ctx, db, dana.ID, today, peer.ServicePathwayComprehensive)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Admitted to an episode of service on the", episode.Pathway, "pathway")
	for p, err := range peer.Unassigned(ctx, db, peer.StatusActive) {
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "Still waiting for a specialist:", p.Name.Given)
	}

	// 5. Supervision: every active specialist needs a supervisor.
	missing, err := peer.Unsupervised(ctx, db, today)
	if err != nil {
		return err
	}
	for _, s := range missing {
		fmt.Fprintln(w, "Needs a supervisor:", s.Name.Given)
	}

	// 6. A first session: scheduled on the specialist's Tuesday evening,
	// then held, documented and billed.
	start := time.Date(2026, time.March, 3, 17, 30, 0, 0, time.UTC)
	first, err := session.Record(ctx, db, session.Session{
		ID:           session.NewID(),
		Kind:         session.KindOneOnOne,
		SpecialistID: best.ID,
		Participants: []session.Participant{{PeerID: dana.ID}},
		Mode:         session.ModeInPerson,
		Status:       session.StatusScheduled,
		Scheduled:    session.Interval{Start: start, End: start.Add(time.Hour)},
	}, nil)
	if err != nil {
		return err
	}
	// Boundary checks run before the session is saved: a violation (a
	// diagnosis, a large gift) would stop it.
	checked := &session.Options{Checks: []session.Check{boundary.SessionCheck(boundary.DefaultPolicy(), nil)}}
	first, err = session.Revise(ctx, db, first.ID, checked, func(s *session.Session) error {
		if err := s.Complete(session.Interval{Start: start, End: start.Add(52 * time.Minute)}); err != nil {
			return err
		}
		s.Support = []session.Support{
			{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}},
			{Type: session.SupportTypeAffiliational, Activities: []session.Activity{session.ActivityRecoveryCommunity}},
		}
		s.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope, Summary: "How the first group felt."}}
		s.Note = session.Note{Format: session.NoteFormatDAP}
		for kind, text := range map[session.SectionKind]string{
			session.SectionKindData:       "Met for the first time; talked about what recovery means to Dee.",
			session.SectionKindAssessment: "Keen to meet others in recovery.",
			session.SectionKindPlan:       "Visit the recovery centre's Thursday group together.",
		} {
			if err := s.Note.Write(kind, text); err != nil {
				return err
			}
		}
		return s.SignNote(best.ID, s.Actual.End.Add(30*time.Minute), 0)
	})
	if err != nil {
		return err
	}
	lines, err := session.Bill(first, session.H0038(), nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nFirst session:", first.Status, first.Actual.Minutes(), "minutes, note signed:", first.Note.IsSigned())
	for _, l := range lines {
		fmt.Fprintln(w, "  units:", l.Code, l.Units, "on", l.ServiceDate)
	}
	// Dee adds her own words to the note; it stays signed.
	first, err = session.Revise(ctx, db, first.ID, nil, func(s *session.Session) error {
		return s.Comment(session.Author{PeerID: dana.ID}, "I want to go to that group.", s.Actual.End.Add(2*time.Hour))
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "  Dee commented on the note; still signed:", first.Note.IsSigned())
	queue, err := session.ReviewQueue(ctx, db, supervisor.ID, start.Add(48*time.Hour), nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "  notes waiting for", supervisor.Name.Given+"'s co-signature:", len(queue))
	// Before a claim: what would hold it, under a payer's rules.
	payer := peersupport.Identifier{System: billing.SystemPayer, Value: "medicaid-plan"}
	held, err := billing.Bill(ctx, db, first.ID, billing.Default(payer), &billing.Options{PlaceOfService: "11", SubstanceUse: true,
		Now: func() time.Time { return start.Add(48 * time.Hour) }})
	if !errors.Is(err, billing.ErrHeld) {
		return fmt.Errorf("billing the first session: %w", err)
	}
	for _, h := range held.Holds {
		fmt.Fprint(w, "  claim held: ", h.Reason)
		for _, e := range h.Missing {
			fmt.Fprint(w, " ", e)
		}
		fmt.Fprintln(w)
	}
	if err := wellness(ctx, w, db, dana.ID, today); err != nil {
		return err
	}
	if err := boundaries(ctx, w, db, first, a); err != nil {
		return err
	}
	if err := certify(ctx, w, db, best.ID, supervisor.ID, today); err != nil {
		return err
	}
	if err := reports(ctx, w, db, today); err != nil {
		return err
	}
	return accessAudit(ctx, w, db, dana.ID)
}

// accessAudit tells how many reads and changes of Dee's records are on
// record, when the db is audited (storage.NewAudited; examples/quickstart
// opens one): every one of them, by whom and why.
func accessAudit(ctx context.Context, w io.Writer, db *storage.DB, id peer.ID) error {
	counts := map[storage.Action]int{}
	n := 0
	for e, err := range audit.Entries.List(ctx, db, audit.EntryFilter{Subject: id.String()}) {
		if err != nil {
			return err
		}
		counts[e.Action]++
		n++
	}
	if n > 0 {
		fmt.Fprintf(w, "Access audit: %d entries about %s (%d reads, %d creations, %d changes), each with who, why and under which decision\n",
			n, "Dee", counts[storage.ActionRead], counts[storage.ActionCreate], counts[storage.ActionUpdate])
	}
	return nil
}

// wellness builds the peer's own wellness plan with a goal, in her words,
// and records her first BARC-10.
func wellness(ctx context.Context, w io.Writer, db *storage.DB, peerID peer.ID, today peersupport.Date) error {
	dee := plan.Actor{Role: plan.RolePeer}
	at := today.In(time.UTC).Add(18 * time.Hour)
	p, err := plan.NewPlan(plan.NewID(), peerID, dee, at, "My first plan", plan.Content{
		Toolbox: []string{"Walk by the river", "Call my sister"},
		Daily:   plan.Maintenance{EveryDay: []string{"Breakfast before 9", "Ten minutes outside"}},
	})
	if err != nil {
		return err
	}
	if err := p.Activate(dee, at); err != nil {
		return err
	}
	if p, err = plan.Plans.Create(ctx, db, p); err != nil {
		return err
	}
	g, err := plan.Goals.Create(ctx, db, plan.Goal{
		ID: plan.NewGoalID(), PeerID: peerID, PlanID: p.ID, Statement: "Find a steady job by summer",
		LifeArea: plan.LifeAreaPurpose, Measure: "Working 20 hours a week", TargetDate: today.AddDate(0, 4, 0),
		Steps:  []plan.Step{{Text: "Update my résumé", Owner: plan.OwnerPeer, Due: today.AddDays(14)}},
		Status: plan.GoalStatusInProgress, CreatedOn: today,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nWellness plan", p.Status, "with goal:", g.Statement, "by", g.TargetDate)
	var answers []plan.Answer
	for i, v := range []int{4, 5, 3, 4, 5, 4, 3, 4, 5, 4} {
		answers = append(answers, plan.Answer{Item: i + 1, Value: v})
	}
	as, err := plan.Assessments.Create(ctx, db, plan.Assessment{ID: plan.NewAssessmentID(), PeerID: peerID, Instrument: plan.BARC10Code,
		TakenOn: today, Answers: answers})
	if err != nil {
		return err
	}
	score, err := as.Score(plan.BARC10())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "BARC-10: %d of %d to %d (at or above the cutoff: %v)\n", score.Total, score.Min, score.Max, score.AtOrAboveCutoff)
	return nil
}

// reports prints the month's caseload and outcome figures.
func reports(ctx context.Context, w io.Writer, db *storage.DB, today peersupport.Date) error {
	month := report.Period{From: time.Date(today.Year, today.Month, 1, 0, 0, 0, 0, time.UTC)}
	month.Until = month.From.AddDate(0, 1, 0)
	c, err := report.Caseload(ctx, db, month, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCaseload, %s %d: %d peer served, %d new, %d sessions (%d minutes), %d billable units\n",
		today.Month, today.Year, c.Program.PeersServed, c.Program.NewPeers, c.Program.Completed.Sessions,
		c.Program.Completed.Minutes, c.Program.BillableUnits)
	o, err := report.Outcomes(ctx, db, today.AddDays(31), nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Outcomes: %d goal in progress, %d overdue; median days from intake to first session: %.0f\n",
		o.Goals.InProgress, o.Goals.Overdue, o.DaysToFirstSession.Median)
	// The program's assessment schedule: a baseline within 30 days of
	// admission, follow-ups every 180 days.
	due, err := report.Due(ctx, db, report.Schedule{Instrument: plan.BARC10Code, Baseline: report.Window{Within: 30},
		FollowUp: report.FollowUp{Every: 180, Early: 30, Late: 30}, Discharge: report.Window{Within: 30}}, today, today.AddDays(31))
	if err != nil {
		return err
	}
	for _, d := range due {
		fmt.Fprintf(w, "Assessment %s: %s (window %s to %s)\n", d.Point, d.Status, d.Opens, d.Closes)
	}
	return nil
}

// boundaries checks a gift Dee offered after the session, and decides
// whether her clinic may have the session's note under her consent.
func boundaries(ctx context.Context, w io.Writer, db *storage.DB, s session.Session, a peer.Assignment) error {
	fmt.Fprintln(w, "\nBoundaries")
	gift := boundary.Action{
		At: s.Actual.End, SpecialistID: s.SpecialistID, PeerID: a.PeerID, Service: []peer.Assignment{a},
		Gifts: []boundary.Gift{{Direction: boundary.GiftDirectionReceived, Kind: boundary.GiftKindItem, Value: boundary.USD(4000)}},
	}
	findings, err := boundary.DefaultPolicy().Evaluate(ctx, gift)
	if err != nil {
		return err
	}
	for _, f := range findings {
		fmt.Fprintln(w, " ", f)
	}

	clinic := peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	_, err = consent.Consents.Create(ctx, db, consent.Consent{
		ID: consent.NewID(), PeerID: a.PeerID,
		Discloser:        peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"},
		Recipients:       []peersupport.Identifier{clinic},
		Information:      []consent.InfoKind{consent.InfoKindProgressNotes},
		Description:      "Progress notes of peer support sessions",
		Purpose:          consent.PurposeTreatment,
		ExpiryEvent:      "end of peer support",
		RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: s.Actual.End,
	})
	if err != nil {
		return err
	}
	// The program's clock, fixed so that the story reads the same every
	// time; a program leaves Now nil.
	asked := s.Actual.End.Add(24 * time.Hour)
	opts := &consent.Options{Now: func() time.Time { return asked }}
	for _, kinds := range [][]consent.InfoKind{{consent.InfoKindProgressNotes}, {consent.InfoKindAssessments}} {
		d, rec, err := consent.Disclose(ctx, db, consent.DisclosureRequest{
			PeerID: a.PeerID, Recipient: clinic, Information: kinds, Purpose: consent.PurposeTreatment, At: asked,
		}, opts)
		if err != nil && !errors.Is(err, consent.ErrRefused) {
			return err
		}
		fmt.Fprintf(w, "  send %v to the clinic: %v (%s)\n", kinds, d.Allowed(), d.Reasons()[0].Code)
		if d.Allowed() {
			// The records went: the accounting of disclosures says so.
			if _, err := consent.MarkSent(ctx, db, rec.ID, opts); err != nil {
				return err
			}
		}
	}
	return nil
}

// certify records the specialist's training and a supervision meeting, and
// evaluates their progress toward IC&RC's Peer Recovery credential.
func certify(ctx context.Context, w io.Writer, db *storage.DB, id peer.SpecialistID, supervisor peer.SupervisorID, today peersupport.Date) error {
	// 7. Supervision meetings recorded in package session count toward
	// the supervised hours a credential asks for.
	meetingStart := time.Date(2026, time.March, 4, 15, 0, 0, 0, time.UTC)
	if _, err := session.Meetings.Create(ctx, db, session.Meeting{
		ID: session.NewMeetingID(), SupervisorID: supervisor, SpecialistIDs: []peer.SpecialistID{id},
		Kind: session.MeetingKindIndividual, Mode: session.ModeInPerson, Start: meetingStart, Minutes: 60,
		Topics: []session.Topic{session.TopicEthicsBoundaries},
	}); err != nil {
		return err
	}
	h := certification.Hours
	rec, err := certification.Records.Create(ctx, db, certification.Record{
		SpecialistID: id,
		Education:    certification.EducationHighSchool,
		Trainings: []certification.Training{{
			Provider: "Regional recovery network", Title: "Peer recovery core", Completed: today.AddDays(-90), Hours: h(40),
			Domains: []certification.DomainHours{
				{Domain: certification.DomainAdvocacy, Hours: h(10)}, {Domain: certification.DomainMentoringEducation, Hours: h(10)},
				{Domain: certification.DomainRecoveryWellnessSupport, Hours: h(10)}, {Domain: certification.DomainEthics, Hours: h(10)},
			},
		}},
		Experience:   []certification.Experience{{Organisation: "Recovery community centre", From: today.AddDays(-200), Until: today.AddDays(-1), Hours: h(520)}},
		Attestations: []certification.Attestation{{Kind: certification.AttestationKindCodeOfEthics, Signed: today.AddDays(-200)}, {Kind: certification.AttestationKindResidency, Signed: today.AddDays(-200)}},
	})
	if err != nil {
		return err
	}
	supervision := session.SupervisionLog{DB: db}
	rec, err = certification.WithSupervision(ctx, rec, supervision, today.AddDays(-365).In(time.UTC), meetingStart.Add(time.Hour))
	if err != nil {
		return err
	}
	def, err := certification.DefaultCatalog().Lookup(certification.CodeICRCPeerRecovery)
	if err != nil {
		return err
	}
	progress, err := certification.Evaluate(rec, def, peersupport.DateOf(meetingStart))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nToward", def.Name, "- ready:", progress.Met())
	for _, item := range progress.Missing() {
		fmt.Fprintln(w, "  ", item)
	}
	return nil
}

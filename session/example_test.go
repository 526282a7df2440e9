package session_test

import (
	"context"
	"fmt"
	"log"
	"time"
	_ "time/tzdata" // the examples load time zones on any machine

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Record a one-on-one session that gave two types of support: emotional
// (listening, sharing recovery story) and instrumental (help with a
// housing application).
func Example() {
	ctx := context.Background()
	store := memstore.NewDB()
	start := time.Date(2025, time.March, 3, 15, 0, 0, 0, time.UTC)

	s := session.Session{
		ID:           session.NewID(),
		Kind:         session.KindOneOnOne,
		SpecialistID: peer.NewSpecialistID(),
		Participants: []session.Participant{{PeerID: peer.NewID()}},
		Mode:         session.ModeInPerson,
		Status:       session.StatusScheduled,
		Scheduled:    session.Interval{Start: start, End: start.Add(time.Hour)},
	}
	s, err := session.Record(ctx, store, s, nil)
	if err != nil {
		log.Fatal(err)
	}

	// The session took place; record what it gave.
	s, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
		if err := s.Complete(session.Interval{Start: start.Add(5 * time.Minute), End: start.Add(55 * time.Minute)}); err != nil {
			return err
		}
		s.Support = []session.Support{
			{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening, session.ActivityRecoveryStory}},
			{Type: session.SupportTypeInstrumental, Activities: []session.Activity{session.ActivityHousingHelp}},
		}
		s.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope}}
		s.Referrals = []session.Referral{{Resource: "County housing authority", Outcome: session.ReferralOutcomePending}}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Status, s.Actual.Minutes(), "minutes, version", s.Version)
	for _, sup := range s.Support {
		fmt.Println(sup.Type, sup.Activities)
	}

	// Completing it again is a forbidden transition.
	_, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
		return s.Complete(s.Actual)
	})
	fmt.Println(err != nil)
	// Output:
	// completed 50 minutes, version 2
	// emotional [empathetic_listening sharing_recovery_story]
	// instrumental [housing_help]
	// true
}

// Run a meeting of a standing group: make the session from the group's
// recurrence and members, record who came and for how long, complete it.
func ExampleGroup_Session() {
	ctx := context.Background()
	store := memstore.NewDB()
	monday := peersupport.Date{Year: 2025, Month: time.March, Day: 3}
	ana, ben, cy := peer.NewID(), peer.NewID(), peer.NewID()

	g := session.Group{
		ID:            session.NewGroupID(),
		Name:          "Tuesday WRAP group",
		Type:          session.GroupTypeWellness,
		FacilitatorID: peer.NewSpecialistID(),
		Mode:          session.ModeInPerson,
		Recurrence:    session.Recurrence{Day: time.Tuesday, Start: peer.Clock(18, 0), Minutes: 90, EveryWeeks: 1, From: monday},
	}
	for _, p := range []peer.ID{ana, ben, cy} {
		if err := g.Join(p, monday); err != nil {
			log.Fatal(err)
		}
	}
	if _, err := session.Groups.Create(ctx, store, g); err != nil {
		log.Fatal(err)
	}

	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		log.Fatal(err)
	}
	for when := range g.Occurrences(monday, monday.AddDays(6), chicago) {
		s, err := g.Session(session.NewID(), when, peersupport.DateOf(when.Start.In(chicago)))
		if err != nil {
			log.Fatal(err)
		}
		if _, err := session.Record(ctx, store, s, nil); err != nil {
			log.Fatal(err)
		}
		s, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
			for _, a := range []struct {
				peer       peer.ID
				attendance session.Attendance
				minutes    int
			}{{ana, session.AttendancePresent, 90}, {ben, session.AttendanceLate, 75}, {cy, session.AttendanceExcused, 0}} {
				if err := s.RecordAttendance(a.peer, a.attendance, a.minutes); err != nil {
					return err
				}
			}
			s.Support = []session.Support{{Type: session.SupportTypeAffiliational}, {Type: session.SupportTypeInformational}}
			return s.Complete(when)
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.When().Start.In(chicago).Format("Mon 2 Jan 15:04"), s.Status)
		for _, p := range s.Participants {
			fmt.Println(p.Attendance, s.MinutesAttended(p.PeerID))
		}

		// A peer who is not in the group cannot be marked present.
		err = s.RecordAttendance(peer.NewID(), session.AttendancePresent, 90)
		fmt.Println(err != nil)
	}
	// Output:
	// Tue 4 Mar 18:00 completed
	// present 90
	// late 75
	// excused 0
	// true
}

// Sign a note, have the supervisor co-sign it, and correct it with an
// amendment: the signed text stays readable.
func ExampleSession_SignNote() {
	start := time.Date(2025, time.March, 3, 15, 0, 0, 0, time.UTC)
	specialist := peer.NewSpecialistID()
	s := session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist,
		Participants: []session.Participant{{PeerID: peer.NewID()}}, Mode: session.ModePhone,
		Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(30 * time.Minute)},
	}
	if err := s.Complete(s.Scheduled); err != nil {
		log.Fatal(err)
	}
	s.Note = session.Note{Format: session.NoteFormatGIRP}
	for kind, text := range map[session.SectionKind]string{
		session.SectionKindGoal:         "Get back to work part-time.",
		session.SectionKindIntervention: "Went through the job centre's application together.",
		session.SectionKindResponse:     "Said it felt less daunting once started.",
		session.SectionKindPlan:         "Submit the application on Monday; check in by phone on Tuesday.",
	} {
		if err := s.Note.Write(kind, text); err != nil {
			log.Fatal(err)
		}
	}

	// Signed four days later: a late entry under a 72-hour policy.
	if err := s.SignNote(specialist, start.Add(96*time.Hour), 72*time.Hour); err != nil {
		log.Fatal(err)
	}
	fmt.Println("signed, late entry:", s.Note.LateEntry)

	err := s.Note.Write(session.SectionKindPlan, "Submit on Wednesday.")
	fmt.Println("edit after signing:", err)

	if err := s.Note.CoSign(peer.NewSupervisorID(), start.Add(100*time.Hour)); err != nil {
		log.Fatal(err)
	}
	err = s.Note.Amend(session.Amendment{
		Author:   session.Author{SpecialistID: specialist},
		At:       start.Add(120 * time.Hour),
		Reason:   "the check-in day was wrong",
		Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Submit the application on Monday; check in by phone on Wednesday."}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("signed:  ", s.Note.Sections[3].Text)
	fmt.Println("current: ", s.Note.Current()[3].Text)
	// Output:
	// signed, late entry: true
	// edit after signing: session: write note section plan: session: note is signed
	// signed:   Submit the application on Monday; check in by phone on Tuesday.
	// current:  Submit the application on Monday; check in by phone on Wednesday.
}

// Turn completed sessions into H0038 units: 23 minutes one-on-one make two
// units under the midpoint rule; a group bills each attendee for the
// minutes they were there, with the HQ modifier.
func ExampleBill() {
	start := time.Date(2025, time.March, 3, 15, 0, 0, 0, time.UTC)
	specialist := peer.NewSpecialistID()
	note := session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Check-in."}}}

	one := session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist,
		Participants: []session.Participant{{PeerID: peer.NewID()}}, Mode: session.ModeVideo,
		Status: session.StatusCompleted, Actual: session.Interval{Start: start, End: start.Add(23 * time.Minute)},
		Support: []session.Support{{Type: session.SupportTypeEmotional}}, Note: note,
	}
	group := session.Session{
		ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeMutualSupport, SpecialistID: specialist,
		Participants: []session.Participant{
			{PeerID: peer.NewID(), Attendance: session.AttendancePresent, Minutes: 60},
			{PeerID: peer.NewID(), Attendance: session.AttendanceLeftEarly, Minutes: 22},
			{PeerID: peer.NewID(), Attendance: session.AttendanceLate, Minutes: 7},
		},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Actual:  session.Interval{Start: start.Add(time.Hour), End: start.Add(2 * time.Hour)},
		Support: []session.Support{{Type: session.SupportTypeAffiliational}}, Note: note,
	}

	rule := session.H0038()
	for _, s := range []session.Session{one, group} {
		if err := s.SignNote(specialist, s.Actual.End, 0); err != nil {
			log.Fatal(err)
		}
		lines, err := session.Bill(s, rule, nil)
		if err != nil {
			log.Fatal(err)
		}
		for _, l := range lines {
			fmt.Println(l.Code, l.Modifiers, l.Minutes, "min =", l.Units, "units")
		}
	}

	// A payer that counts a unit from 8 minutes of 15 (a midpoint rule).
	rule.Rounding = session.RoundingMidpoint
	units, err := rule.Units(23)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("midpoint, 23 min =", units)
	// Output:
	// H0038 [] 23 min = 1 units
	// H0038 [HQ] 60 min = 4 units
	// H0038 [HQ] 22 min = 1 units
	// midpoint, 23 min = 2
}

// Sum a specialist's supervised time over a quarter, for certification, and
// find their last supervision.
func ExampleSupervised() {
	ctx := context.Background()
	store := memstore.NewDB()
	supervisor, specialist, colleague := peer.NewSupervisorID(), peer.NewSpecialistID(), peer.NewSpecialistID()
	quarter := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

	for i, m := range []session.Meeting{
		{SpecialistIDs: []peer.SpecialistID{specialist}, Kind: session.MeetingKindIndividual, Minutes: 60,
			Topics: []session.Topic{session.TopicCaseReview, session.TopicSelfCare}},
		{SpecialistIDs: []peer.SpecialistID{specialist, colleague}, Kind: session.MeetingKindGroup, Minutes: 90,
			Topics: []session.Topic{session.TopicEthicsBoundaries}},
		{SpecialistIDs: []peer.SpecialistID{specialist}, Kind: session.MeetingKindIndividual, Minutes: 45,
			Topics: []session.Topic{session.TopicDocumentation}},
	} {
		m.ID, m.SupervisorID, m.Mode = session.NewMeetingID(), supervisor, session.ModeInPerson
		m.Start = quarter.AddDate(0, i, 14)
		if _, err := session.Meetings.Create(ctx, store, m); err != nil {
			log.Fatal(err)
		}
	}

	got, err := session.Supervised(ctx, store, specialist, quarter, quarter.AddDate(0, 3, 0))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d meetings, %dh%02d (individual %d min, group %d min)\n",
		got.Meetings, got.Minutes/60, got.Minutes%60, got.IndividualMinutes, got.GroupMinutes)

	last, ok, err := session.LastSupervision(ctx, store, specialist, quarter.AddDate(0, 6, 0))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ok, last.Start.Format("2 Jan 2006"), last.Topics)
	// Output:
	// 3 meetings, 3h15 (individual 105 min, group 90 min)
	// true 15 Mar 2025 [documentation]
}

// Command groupsession runs a standing recovery group for a month on the
// in-memory store: peers join and one leaves, the weekly sessions are
// scheduled from the group's recurrence, held with attendance and minutes
// per peer, documented with a shared signed note, billed
// with the group modifier, and counted in the month's caseload report.
//
//	go run ./examples/groupsession
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
)

func main() {
	if err := run(context.Background()); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context) error {
	st := memstore.NewDB()
	first := peersupport.Date{Year: 2026, Month: time.October, Day: 1}
	maria := peer.NewSpecialistID()
	names := map[peer.ID]string{}
	var peers []peer.ID
	for _, n := range []string{"Ana", "Ben", "Cy", "Dee"} {
		id := peer.NewID()
		peers = append(peers, id)
		names[id] = n
	}

	// A weekly recovery meeting, Tuesdays 18:00 for 90 minutes.
	g := session.Group{ID: session.NewGroupID(), Name: "Tuesday recovery meeting", Type: session.GroupTypeRecoveryMeeting,
		FacilitatorID: maria, Mode: session.ModeInPerson, Place: "Recovery centre, room 2", Capacity: 10,
		Recurrence: session.Recurrence{Day: time.Tuesday, Start: peer.Clock(18, 0), Minutes: 90, EveryWeeks: 1, From: first}}
	for i, p := range peers {
		if err := g.Join(p, first.AddDays(i*3)); err != nil { // Dee joins on the 10th
			return err
		}
	}
	if err := g.Leave(peers[1], first.AddDays(16)); err != nil { // Ben leaves on the 17th
		return err
	}
	g, err := session.Groups.Create(ctx, st, g)
	if err != nil {
		return err
	}
	fmt.Println(g.Name, "with", len(g.Members), "members who have joined")
	fmt.Println()

	rule := session.H0038()
	units := 0
	for when := range g.Occurrences(first, first.AddDate(0, 1, -1), time.UTC) {
		day := peersupport.DateOf(when.Start)
		s, err := g.Session(session.NewID(), when, day)
		if err != nil {
			return err
		}
		if err := s.Complete(when); err != nil {
			return err
		}
		s.Support = []session.Support{{Type: session.SupportTypeAffiliational, Activities: []session.Activity{session.ActivityRecoveryCommunity}},
			{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEncouragement}}}
		present := 0
		for i, p := range s.Participants {
			attendance, minutes := session.AttendancePresent, 90
			switch {
			case names[p.PeerID] == "Cy" && day.Day > 20:
				attendance, minutes = session.AttendanceExcused, 0
			case names[p.PeerID] == "Ana" && i == 0 && day.Day < 10:
				attendance, minutes = session.AttendanceLate, 70
			}
			if err := s.RecordAttendance(p.PeerID, attendance, minutes); err != nil {
				return err
			}
			if attendance.Attended() {
				present++
			}
		}
		s.Note.Format = session.NoteFormatNarrative
		if err := s.Note.Write(session.SectionKindNarrative, "The group shared what helped them through the week."); err != nil {
			return err
		}
		if err := s.SignNote(maria, when.End.Add(30*time.Minute), 0); err != nil {
			return err
		}
		s, err = session.Record(ctx, st, s, nil)
		if err != nil {
			return err
		}
		lines, err := session.Bill(s, rule, time.UTC)
		if err != nil {
			return err
		}
		var codes []string
		for _, l := range lines {
			units += l.Units
			codes = append(codes, fmt.Sprintf("%s %v ×%d", l.Code, l.Modifiers, l.Units))
		}
		fmt.Printf("%s: %d of %d present; billed %v\n", day, present, len(s.Participants), codes)
	}

	october := report.Period{From: first.In(time.UTC), Until: first.AddDate(0, 1, 0).In(time.UTC)}
	r, err := report.Caseload(ctx, st, october, nil)
	if err != nil {
		return err
	}
	fmt.Printf("\nOctober: %d group sessions, %d peers served, %d billable units\n", r.Program.Group.Sessions, r.Program.PeersServed, r.Program.BillableUnits)
	return nil
}

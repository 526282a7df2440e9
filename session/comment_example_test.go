package session_test

import (
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// The peer adds their own words to the signed note about them; the note
// keeps who wrote what.
func ExampleSession_Comment() {
	start := time.Date(2026, time.March, 2, 15, 0, 0, 0, time.UTC)
	dee, sam := peer.NewID(), peer.NewSpecialistID()
	s := session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: sam, Participants: []session.Participant{{PeerID: dee}},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)},
		Actual:    session.Interval{Start: start, End: start.Add(50 * time.Minute)},
		Support:   []session.Support{{Type: session.SupportTypeEmotional}},
		Note: session.Note{Format: session.NoteFormatNarrative,
			Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Talked about the new job."}}},
	}
	if err := s.SignNote(sam, s.Actual.End, 0); err != nil {
		log.Fatal(err)
	}
	if err := s.Comment(session.Author{PeerID: dee}, "It was my idea to apply.", s.Actual.End.Add(time.Hour)); err != nil {
		log.Fatal(err)
	}
	c := s.Note.Comments[0]
	fmt.Println(c.Author.PeerID == dee, c.Text, s.Note.IsSigned())

	err := s.Comment(session.Author{PeerID: peer.NewID()}, "Not my note.", s.Actual.End.Add(2*time.Hour))
	fmt.Println(err != nil)
	// Output:
	// true It was my idea to apply. true
	// true
}

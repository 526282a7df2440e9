package billing_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Texas Medicaid counts whole 15-minute units of H0038, at most 104 in a
// rolling six months.
func ExampleTexas() {
	tx := billing.Texas()
	for _, minutes := range []int{14, 15, 29, 30} {
		units, err := tx.Units(minutes)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(minutes, "minutes:", units, "units")
	}
	fmt.Println(tx.Caps[0].Units, "units per", tx.Caps[0].Months, "rolling months; groups of at most", tx.Group.MaxSize)
	// Output:
	// 14 minutes: 0 units
	// 15 minutes: 1 units
	// 29 minutes: 1 units
	// 30 minutes: 2 units
	// 104 units per 6 rolling months; groups of at most 12
}

// A payer's rules are JSON a host keeps beside its code: decoding is
// strict, and a mistake names its place.
func ExampleDecodeRules() {
	_, err := billing.DecodeRules(strings.NewReader(`{"id": "acme-h0038", "unit_minutes": 15, "untis": 4}`))
	fmt.Println(err)
	// Output:
	// billing: decode rules: the top level: an unknown member (names are matched exactly, case included): peersupport: invalid
}

// Review tells what keeps a session from being billed, every reason at
// once, each one a code a person can act on.
func ExampleReview() {
	payer := peersupport.Identifier{System: billing.SystemPayer, Value: "acme"}
	rules := billing.Default(payer)
	start := time.Date(2026, time.March, 2, 14, 0, 0, 0, time.UTC)
	specialist := peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Ada"}}
	p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Bo"}}
	s := session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist.ID,
		Participants: []session.Participant{{PeerID: p.ID}}, Mode: session.ModeInPerson, Place: "Office",
		Status:    session.StatusCompleted,
		Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)},
		Actual:    session.Interval{Start: start, End: start.Add(50 * time.Minute)},
		Support:   []session.Support{{Type: session.SupportTypeEmotional}},
		Note: session.Note{Format: session.NoteFormatNarrative,
			Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Talked about the week."}}},
	}
	r, err := billing.Review(billing.Facts{Session: s, Rules: rules, Specialist: specialist, Peers: []peer.Peer{p},
		At: start.Add(24 * time.Hour)}, &billing.Options{PlaceOfService: "11"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ready:", r.Ready())
	for _, reason := range r.Reasons() {
		fmt.Println(reason)
	}
	// Output:
	// ready: false
	// note_unsigned
	// signer_not_credentialed
	// no_consent_to_bill
}

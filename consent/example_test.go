package consent_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// exampleConsent is a peer's 42 CFR Part 2 consent to share progress
// notes and the wellness plan with a clinic for treatment.
func exampleConsent(peerID peer.ID, clinic peersupport.Identifier) consent.Consent {
	return consent.Consent{
		ID: consent.NewID(), PeerID: peerID,
		Discloser:    peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"},
		Recipients:   []peersupport.Identifier{clinic},
		Information:  []consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindWellnessPlan},
		Description:  "Progress notes and wellness plan, including substance use treatment information",
		SubstanceUse: true,
		Purpose:      consent.PurposeTreatment,
		ExpiryEvent:  "end of treatment",
		// The statements § 2.31(a)(4)(iii), (a)(6) and (a)(10) ask of a
		// Part 2 consent for treatment.
		RevocationNotice: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true,
		SignedBy: consent.SignerPeer, Signed: time.Date(2026, time.October, 1, 14, 0, 0, 0, time.UTC),
	}
}

// Decide whether a clinic may receive a peer's progress notes, which
// include substance use treatment information, under the peer's consent.
func ExampleCanDisclose() {
	peerID := peer.NewID()
	clinic := peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	c := exampleConsent(peerID, clinic)
	req := consent.DisclosureRequest{
		PeerID: peerID, Recipient: clinic, Purpose: consent.PurposeTreatment, SubstanceUse: true,
		Information: []consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindBilling},
		At:          time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC),
	}
	d, err := consent.CanDisclose([]consent.Consent{c}, req, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("allowed:", d.Allowed(), d.Information(), "withheld:", d.Withheld())
	fmt.Println("reasons:", codes(d))
	fmt.Println("Statement 1 goes along:", d.Notice() == consent.Statement1)

	// After the peer revokes the consent, the same request is refused,
	// and the requester learns only that.
	if err := c.Revoke(time.Date(2026, time.November, 20, 0, 0, 0, 0, time.UTC)); err != nil {
		log.Fatal(err)
	}
	d, err = consent.CanDisclose([]consent.Consent{c}, req, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("allowed:", d.Allowed(), codes(d), "|", d.Response())
	// Output:
	// allowed: true [progress_notes] withheld: [billing]
	// reasons: [consent not_in_consent]
	// Statement 1 goes along: true
	// allowed: false [consent_revoked] | The request cannot be fulfilled.
}

// Disclose to a clinic: decide at the program's clock, record the
// disclosure before anything is sent, send the records with the statement
// and the consent's scope, then record that they went.
func ExampleDisclose() {
	ctx, store := context.Background(), memstore.NewDB()
	peerID := peer.NewID()
	clinic := peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	if _, err := consent.Consents.Create(ctx, store, exampleConsent(peerID, clinic)); err != nil {
		log.Fatal(err)
	}
	now := time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)
	opts := &consent.Options{Now: func() time.Time { return now }} // a program leaves Now nil

	d, rec, err := consent.Disclose(ctx, store, consent.DisclosureRequest{
		PeerID: peerID, Recipient: clinic, Purpose: consent.PurposeTreatment, SubstanceUse: true,
		Information: []consent.InfoKind{consent.InfoKindProgressNotes}, At: now,
	}, opts)
	if errors.Is(err, consent.ErrRefused) {
		fmt.Println(d.Response())
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("recorded:", rec.Status, rec.Information)
	// … send the notes with d.Notice() and d.Scope() (package fhir puts
	// both in the Bundle) …
	rec, err = consent.MarkSent(ctx, store, d.DisclosureID(), opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("accounting of disclosures:", rec.Status, "to", rec.Recipient.Value)
	// Output:
	// recorded: pending [progress_notes]
	// accounting of disclosures: sent to 1234567893
}

// A medical emergency: the emergency room gets what it needs to treat
// the peer, and the record names the personnel, their facility, who
// disclosed and the nature of the emergency (42 CFR § 2.51(c)).
func ExampleDisclose_medicalEmergency() {
	ctx, store := context.Background(), memstore.NewDB()
	now := time.Date(2026, time.November, 23, 21, 40, 0, 0, time.UTC)
	d, rec, err := consent.Disclose(ctx, store, consent.DisclosureRequest{
		PeerID:          peer.NewID(),
		Recipient:       peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1588667638"},
		Information:     []consent.InfoKind{consent.InfoKindDemographics, consent.InfoKindWellnessPlan, consent.InfoKindBilling},
		At:              now,
		SubstanceUse:    true,
		Exception:       consent.ExceptionMedicalEmergency,
		Personnel:       "the attending emergency physician",
		Facility:        peersupport.Identifier{System: "urn:example:facility", Value: "county-general"},
		DisclosedBy:     peersupport.Identifier{System: "urn:example:staff", Value: "night-lead"},
		DisclosedByName: "the night lead",
		Nature:          "unresponsive after use at the drop-in centre",
	}, &consent.Options{Now: func() time.Time { return now }})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Basis(), d.Information(), "withheld:", d.Withheld())
	fmt.Println("recorded:", rec.Exception, rec.Facility.Value, rec.At.Format(time.RFC3339))
	// Output:
	// exception [demographics wellness_plan] withheld: [billing]
	// recorded: medical_emergency county-general 2026-11-23T21:40:00Z
}

// Decide who may read a peer's progress notes: the assigned specialist
// may, a specialist who is not assigned may not.
func ExampleCanAccess() {
	peerID, assigned, other := peer.NewID(), peer.NewSpecialistID(), peer.NewSpecialistID()
	day := peersupport.Date{Year: 2026, Month: time.November, Day: 23}
	facts := consent.AccessFacts{Assignments: []peer.Assignment{
		{ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: assigned, Start: day.AddDays(-30)},
	}}
	for _, s := range []peer.SpecialistID{assigned, other} {
		d, err := consent.CanAccess(consent.AccessRequest{
			Role: consent.RoleSpecialist, SpecialistID: s, Subject: peerID,
			Information: consent.InfoKindProgressNotes, At: day.In(time.UTC).Add(10 * time.Hour),
		}, facts, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.Allowed(), codes(d))
	}
	// Output:
	// true [assigned_specialist]
	// false [no_relationship]
}

// Record a revocation: from then on, Disclose refuses what the consent
// covered.
func ExampleRevoke() {
	ctx, store := context.Background(), memstore.NewDB()
	peerID := peer.NewID()
	clinic := peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	c, err := consent.Consents.Create(ctx, store, exampleConsent(peerID, clinic))
	if err != nil {
		log.Fatal(err)
	}
	now := time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)
	opts := &consent.Options{Now: func() time.Time { return now }}
	if _, err := consent.Revoke(ctx, store, c.ID, time.Time{}, opts); err != nil {
		log.Fatal(err)
	}
	d, _, err := consent.Disclose(ctx, store, consent.DisclosureRequest{
		PeerID: peerID, Recipient: clinic, Purpose: consent.PurposeTreatment, SubstanceUse: true,
		Information: []consent.InfoKind{consent.InfoKindProgressNotes}, At: now,
	}, opts)
	fmt.Println(errors.Is(err, consent.ErrRefused), codes(d))
	// Output:
	// true [consent_revoked]
}

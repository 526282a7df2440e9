// Command ehrexport writes a FHIR R4 transaction Bundle for a sample
// caseload: a peer specialist with three peers, their sessions and signed
// notes, goals, a BARC-10 assessment and a consent. It then discloses to a
// clinic: consent.Disclose decides and records the disclosure in the
// accounting of disclosures, the second Bundle holds the peer's record as
// far as their consent releases it (fhir.WritePeer), and once it is
// written the disclosure is marked sent.
//
//	go run ./examples/ehrexport            # writes to the temporary directory
//	go run ./examples/ehrexport -o out     # writes into the directory out
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

func main() {
	dir := flag.String("o", os.TempDir(), "directory to write the bundles into")
	flag.Parse()
	if err := run(context.Background(), *dir); err != nil {
		log.Fatal(err)
	}
}

var today = peersupport.Date{Year: 2026, Month: time.November, Day: 23}

func run(ctx context.Context, dir string) error {
	store, specialist, c, err := sample(ctx)
	if err != nil {
		return err
	}

	// 1. The whole caseload, for the program's own EHR.
	all := filepath.Join(dir, "caseload-bundle.json")
	if err := write(ctx, all, store, specialist, nil); err != nil {
		return err
	}
	// 2. For a clinic: only what the peer's consent releases. Disclose
	// decides and records the disclosure before anything is written; the
	// clock is fixed so that the example prints the same every time.
	asked := today.In(time.UTC).Add(12 * time.Hour)
	opts := &consent.Options{Now: func() time.Time { return asked }}
	clinic := c.Recipients[0]
	d, rec, err := consent.Disclose(ctx, store, consent.DisclosureRequest{
		PeerID: c.PeerID, Recipient: clinic, Purpose: consent.PurposeTreatment, SubstanceUse: true,
		Information: []consent.InfoKind{consent.InfoKindAttendance, consent.InfoKindProgressNotes, consent.InfoKindAssessments},
		At:          asked,
	}, opts)
	if err != nil {
		return err
	}
	fmt.Printf("\nDisclosure to the clinic: allowed %v, releases %v, withholds %v\n", d.Allowed(), d.Information(), d.Withheld())
	path := filepath.Join(dir, "clinic-bundle.json")
	if err := writePeer(ctx, path, store, c.PeerID, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: store}); err != nil {
		if _, ferr := consent.MarkFailed(ctx, store, rec.ID, opts); ferr != nil {
			return errors.Join(err, ferr)
		}
		return err
	}
	// 3. The bundle is ready to go: a program marks the disclosure sent
	// once its EHR interface has delivered it.
	rec, err = consent.MarkSent(ctx, store, rec.ID, opts)
	if err != nil {
		return err
	}
	fmt.Println("  accounting of disclosures:", rec.Status, "to", rec.Recipient.Value, "on", rec.At.Format(time.DateOnly))
	return nil
}

// write exports the caseload into a file and prints what it holds.
func write(ctx context.Context, path string, db *storage.DB, specialist peer.SpecialistID, opts *fhir.BundleOptions) error {
	return writeBundle(ctx, path, opts, func(b *fhir.BundleWriter) error {
		return fhir.WriteCaseload(ctx, b, db, specialist, today, &fhir.CaseloadOptions{Catalog: certification.DefaultCatalog()})
	})
}

// writePeer exports one peer's record, as the disclosure decision in
// opts releases it, into a file and prints what it holds.
func writePeer(ctx context.Context, path string, db *storage.DB, id peer.ID, opts *fhir.BundleOptions) error {
	return writeBundle(ctx, path, opts, func(b *fhir.BundleWriter) error {
		return fhir.WritePeer(ctx, b, db, id, today, &fhir.CaseloadOptions{Catalog: certification.DefaultCatalog()})
	})
}

// writeBundle writes a transaction Bundle that fill fills into a file,
// and prints what it holds.
func writeBundle(ctx context.Context, path string, opts *fhir.BundleOptions, fill func(*fhir.BundleWriter) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := fhir.NewBundleWriter(ctx, f, fhir.Transaction, opts)
	if err != nil {
		return err
	}
	if err := fill(b); err != nil {
		return err
	}
	if err := b.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return summarise(path)
}

// summarise prints the resource types of a bundle file.
func summarise(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var bundle struct {
		Meta  *struct{ Security []fhir.Coding } `json:"meta"`
		Entry []struct {
			Resource struct {
				Type string `json:"resourceType"`
			} `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(data, &bundle); err != nil {
		return err
	}
	counts := map[string]int{}
	for _, e := range bundle.Entry {
		counts[e.Resource.Type]++
	}
	types := make([]string, 0, len(counts))
	for t := range counts {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Printf("%s: %d resources, %d bytes\n", filepath.Base(path), len(bundle.Entry), len(data))
	for _, t := range types {
		fmt.Printf("  %-22s %d\n", t, counts[t])
	}
	if bundle.Meta != nil && len(bundle.Meta.Security) > 0 {
		fmt.Println("  carries the 42 CFR Part 2 statement, the consent's scope and the security labels")
	}
	return nil
}

// sample stores a small caseload and returns the store, the specialist's
// ID and the first peer's consent.
func sample(ctx context.Context) (*storage.DB, peer.SpecialistID, consent.Consent, error) {
	st := memstore.NewDB()
	fail := func(err error) (*storage.DB, peer.SpecialistID, consent.Consent, error) {
		return nil, peer.SpecialistID{}, consent.Consent{}, err
	}
	sam, err := peer.Specialists.Create(ctx, st, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Sam", Family: "Okafor"},
		Titles: []peer.Title{peer.TitlePeerSpecialist}, Employment: peer.EmploymentFullTime, CaseloadCapacity: 10,
		Languages: []string{"en", "es"}, Status: peer.SpecialistStatusActive})
	if err != nil {
		return fail(err)
	}
	alex, err := peer.Supervisors.Create(ctx, st, peer.Supervisor{ID: peer.NewSupervisorID(), Name: peer.Name{Given: "Alex", Family: "Kim"},
		License: peer.LicenseTypeClinicalSocialWorker, LicenseNumber: "LCSW-20391", Jurisdiction: "US-PA", Status: peer.SupervisorStatusActive})
	if err != nil {
		return fail(err)
	}
	if _, err := peer.Supervisions.Create(ctx, st, peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: alex.ID, SpecialistID: sam.ID, Start: today.AddDate(-1, 0, 0)}); err != nil {
		return fail(err)
	}
	if _, err := certification.Credentials.Create(ctx, st, certification.Credential{ID: certification.NewCredentialID(), SpecialistID: sam.ID,
		Code: certification.CodeICRCPeerRecovery, Number: "PR-1042", Issued: today.AddDate(-1, 0, 0), Expires: today.AddDate(1, 0, 0)}); err != nil {
		return fail(err)
	}
	var c consent.Consent
	for i, name := range []peer.Name{{Given: "Dana", Family: "Reyes"}, {Given: "Lee", Family: "Park"}, {Given: "Jo", Family: "Mwangi"}} {
		p, err := peer.Peers.Create(ctx, st, peer.Peer{ID: peer.NewID(), Name: name, Languages: []string{"en"}, Status: peer.StatusActive, EnrolledOn: today.AddDays(-60)})
		if err != nil {
			return fail(err)
		}
		if _, err := peer.Assign(ctx, st, p.ID, sam.ID, today.AddDays(-50)); err != nil {
			return fail(err)
		}
		for week := range 3 {
			at := time.Date(2026, time.November, 2+7*week, 15+i, 0, 0, 0, time.UTC)
			s := session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: sam.ID,
				Participants: []session.Participant{{PeerID: p.ID}}, Mode: session.ModeInPerson, Status: session.StatusCompleted,
				Scheduled: session.Interval{Start: at, End: at.Add(time.Hour)}, Actual: session.Interval{Start: at, End: at.Add(50 * time.Minute)},
				Support: []session.Support{{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}}},
				Note: session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Talked through the week."}},
					Signed: session.Signature{SpecialistID: sam.ID, At: at.Add(2 * time.Hour)}}}
			if _, err := session.Sessions.Create(ctx, st, s); err != nil {
				return fail(err)
			}
		}
		if _, err := plan.Goals.Create(ctx, st, plan.Goal{ID: plan.NewGoalID(), PeerID: p.ID, Statement: "Find a steady place to live",
			LifeArea: plan.LifeAreaHome, Status: plan.GoalStatusInProgress, CreatedOn: today.AddDays(-40)}); err != nil {
			return fail(err)
		}
		var answers []plan.Answer
		for item := 1; item <= 10; item++ {
			answers = append(answers, plan.Answer{Item: item, Value: 4})
		}
		if _, err := plan.Assessments.Create(ctx, st, plan.Assessment{ID: plan.NewAssessmentID(), PeerID: p.ID, Instrument: plan.BARC10Code,
			TakenOn: today.AddDays(-45), Answers: answers}); err != nil {
			return fail(err)
		}
		if i == 0 {
			c, err = consent.Consents.Create(ctx, st, consent.Consent{ID: consent.NewID(), PeerID: p.ID,
				Discloser:    peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"},
				Recipients:   []peersupport.Identifier{{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}},
				Information:  []consent.InfoKind{consent.InfoKindAttendance, consent.InfoKindProgressNotes},
				Description:  "Attendance and progress notes, including substance use treatment information",
				SubstanceUse: true, Purpose: consent.PurposeTreatment, Expires: today.AddDate(1, 0, 0),
				RevocationNotice: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true,
				SignedBy: consent.SignerPeer, Signed: today.AddDays(-30).In(time.UTC)})
			if err != nil {
				return fail(err)
			}
		}
	}
	return st, sam.ID, c, nil
}

package fhir_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

// Export a peer as a Patient, and apply the EHR's change of phone number.
func ExampleImportPatient() {
	id, err := peer.ParseID("01900000-0000-7000-8000-000000000001")
	if err != nil {
		log.Fatal(err)
	}
	p := peer.Peer{
		ID: id, Name: peer.Name{Given: "Dana", Family: "Reyes"},
		Contact: []peer.ContactPoint{{System: peer.ContactSystemPhone, Value: "+1 555 0100"}},
		Status:  peer.StatusActive, EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 1},
	}
	r, err := fhir.ExportPeer(p)
	if err != nil {
		log.Fatal(err)
	}
	data, err := json.Marshal(r)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(data))

	r.Telecom[0].Value = "+1 555 0199" // changed in the EHR
	updated, _, err := fhir.ImportPatient(r, p, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(updated.Contact[0].Value, updated.EnrolledOn)
	// Output:
	// {"resourceType":"Patient","id":"01900000-0000-7000-8000-000000000001","meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},"identifier":[{"system":"https://github.com/peersupport/peersupport/fhir/id/peer","value":"01900000-0000-7000-8000-000000000001"}],"active":true,"name":[{"use":"official","family":"Reyes","given":["Dana"]}],"telecom":[{"system":"phone","value":"+1 555 0100","rank":1}],"gender":"unknown"}
	// +1 555 0199 2026-03-01
}

// Write a transaction Bundle of a goal; an EHR stores it with one POST.
// The peer's Patient is not in the bundle, so the goal refers to it by a
// logical reference: nothing in a bundle dangles.
func ExampleBundleWriter() {
	goalID, err := plan.ParseGoalID("01900000-0000-7000-8000-000000000011")
	if err != nil {
		log.Fatal(err)
	}
	peerID, err := peer.ParseID("01900000-0000-7000-8000-000000000001")
	if err != nil {
		log.Fatal(err)
	}
	g := plan.Goal{
		ID: goalID, PeerID: peerID,
		Statement: "Walk every morning", LifeArea: plan.LifeAreaHealth, Status: plan.GoalStatusInProgress,
		CreatedOn: peersupport.Date{Year: 2026, Month: time.March, Day: 3},
	}
	r, err := fhir.ExportGoal(g)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(context.Background(), &buf, fhir.Transaction, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := b.Add(r); err != nil {
		log.Fatal(err)
	}
	if err := b.Close(); err != nil {
		log.Fatal(err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, buf.Bytes(), "", " "); err != nil {
		log.Fatal(err)
	}
	_, _ = pretty.WriteTo(os.Stdout)
	// Output:
	// {
	//  "resourceType": "Bundle",
	//  "type": "transaction",
	//  "entry": [
	//   {
	//    "fullUrl": "urn:uuid:01900000-0000-7000-8000-000000000011",
	//    "resource": {
	//     "resourceType": "Goal",
	//     "id": "01900000-0000-7000-8000-000000000011",
	//     "meta": {
	//      "profile": [
	//       "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal"
	//      ]
	//     },
	//     "identifier": [
	//      {
	//       "system": "https://github.com/peersupport/peersupport/fhir/id/goal",
	//       "value": "01900000-0000-7000-8000-000000000011"
	//      }
	//     ],
	//     "lifecycleStatus": "active",
	//     "achievementStatus": {
	//      "coding": [
	//       {
	//        "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
	//        "code": "in-progress"
	//       }
	//      ]
	//     },
	//     "category": [
	//      {
	//       "coding": [
	//        {
	//         "system": "https://github.com/peersupport/peersupport/fhir/CodeSystem/life-area",
	//         "code": "health",
	//         "display": "Health"
	//        }
	//       ]
	//      }
	//     ],
	//     "description": {
	//      "text": "Walk every morning"
	//     },
	//     "subject": {
	//      "identifier": {
	//       "system": "urn:ietf:rfc:3986",
	//       "value": "urn:uuid:01900000-0000-7000-8000-000000000001"
	//      }
	//     },
	//     "startDate": "2026-03-03",
	//     "expressedBy": {
	//      "identifier": {
	//       "system": "urn:ietf:rfc:3986",
	//       "value": "urn:uuid:01900000-0000-7000-8000-000000000001"
	//      }
	//     }
	//    },
	//    "request": {
	//     "method": "PUT",
	//     "url": "Goal/01900000-0000-7000-8000-000000000011"
	//    }
	//   }
	//  ]
	// }
}

// List the package's own code systems.
func ExampleCodeSystems() {
	for _, cs := range fhir.CodeSystems()[:2] {
		fmt.Println(cs.URL)
		for _, c := range cs.Concepts {
			fmt.Printf("  %s  %s\n", c.Code, c.Display)
		}
	}
	// Output:
	// https://github.com/peersupport/peersupport/fhir/CodeSystem/service
	//   peer-support  Peer support services
	//   peer-specialist  Peer specialist
	// https://github.com/peersupport/peersupport/fhir/CodeSystem/support-type
	//   emotional  Emotional support
	//   informational  Informational support
	//   instrumental  Instrumental support
	//   affiliational  Affiliational support
}

// Import a Patient as an EHR sends it: what the library does not model (a
// US Core extension, a fax number) is left out and reported, never
// failing the import, and the EHR's id is kept as an identifier.
func ExampleImportPatient_fromEHR() {
	data := `{"resourceType":"Patient","id":"ehr-4711",
	 "extension":[{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex","valueCode":"F"}],
	 "identifier":[{"use":"usual","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},
	  "system":"http://hospital.example.org/mrn","value":"1032702"}],
	 "name":[{"family":"Baxter","given":["Amy"]}],
	 "telecom":[{"system":"phone","value":"555-555-5555"},{"system":"fax","value":"555-555-5556"}],
	 "gender":"female","birthDate":"1987-02-20"}`
	var r fhir.Patient
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		log.Fatal(err)
	}
	into := peer.Peer{ID: peer.NewID(), Status: peer.StatusActive, EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 1}}
	p, warnings, err := fhir.ImportPatient(r, into, &fhir.ImportOptions{Source: "https://ehr.example.org/fhir"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Name.Given, p.Name.Family, p.AdministrativeGender, p.BirthDate, len(p.Contact))
	for _, id := range p.Identifiers {
		fmt.Printf("%s %s use=%q type=%q\n", id.System, id.Value, id.Use, id.Type)
	}
	for _, w := range warnings {
		fmt.Println("left out:", w)
	}
	// Output:
	// Amy Baxter female 1987-02-20 1
	// http://hospital.example.org/mrn 1032702 use="usual" type="MR"
	// https://ehr.example.org/fhir/Patient ehr-4711 use="" type=""
	// left out: Patient.extension[0]: unknown_extension
	// left out: Patient.telecom[1].system: unknown_code
}

// Send a clinic one peer's record: consent.Disclose decides under the
// peer's consent and records the disclosure in the accounting of
// disclosures, and WritePeer writes what the decision releases: here the
// Patient, demographics being all the consent covers.
func ExampleWritePeer() {
	ctx := context.Background()
	db := memstore.NewDB()
	today := peersupport.Date{Year: 2026, Month: time.October, Day: 2}
	p, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dana"},
		Status: peer.StatusActive, EnrolledOn: today.AddDays(-30)})
	if err != nil {
		log.Fatal(err)
	}
	clinic := peersupport.Identifier{System: peersupport.SystemNPI, Value: "1234567893"}
	if _, err := consent.Consents.Create(ctx, db, consent.Consent{
		ID: consent.NewID(), PeerID: p.ID,
		Discloser:   peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"},
		Recipients:  []peersupport.Identifier{clinic},
		Information: []consent.InfoKind{consent.InfoKindDemographics},
		Description: "Name, birth date and contact details",
		Purpose:     consent.PurposeTreatment, Expires: today.AddDate(1, 0, 0),
		RevocationNotice: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true,
		SignedBy: consent.SignerPeer, Signed: today.In(time.UTC),
	}); err != nil {
		log.Fatal(err)
	}
	at := today.In(time.UTC).Add(12 * time.Hour)
	opts := &consent.Options{Now: func() time.Time { return at }}
	d, rec, err := consent.Disclose(ctx, db, consent.DisclosureRequest{PeerID: p.ID, Recipient: clinic,
		Purpose: consent.PurposeTreatment, Information: []consent.InfoKind{consent.InfoKindDemographics}, At: at}, opts)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(ctx, &buf, fhir.Transaction, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: db})
	if err != nil {
		log.Fatal(err)
	}
	if err := fhir.WritePeer(ctx, b, db, p.ID, today, nil); err != nil {
		log.Fatal(err)
	}
	if err := b.Close(); err != nil {
		log.Fatal(err)
	}
	if _, err := consent.MarkSent(ctx, db, rec.ID, opts); err != nil { // once the EHR has it
		log.Fatal(err)
	}
	fmt.Println("allowed:", d.Allowed(), "resources:", b.Entries())
	// Output: allowed: true resources: 1
}

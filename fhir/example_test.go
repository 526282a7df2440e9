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
	"github.com/peersupport/peersupport/fhir"
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

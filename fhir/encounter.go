package fhir

import (
	"fmt"
	"strings"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// encounterStatus maps session statuses to Encounter.status. R4 has no
// no-show status for an Encounter (Appointment has one), so a no-show is
// "cancelled", as is a cancelled session.
var encounterStatus = map[session.Status]string{
	session.StatusScheduled: "planned",
	session.StatusCompleted: "finished",
	session.StatusCancelled: "cancelled",
	session.StatusNoShow:    "cancelled",
}

// encounterClass maps the mode: in person is ambulatory (AMB), phone,
// video and text are virtual (VR), both HL7 v3 ActCode.
func encounterClass(m session.Mode) Coding {
	if m == session.ModeInPerson {
		return Coding{System: SystemActCode, Code: "AMB", Display: "ambulatory"}
	}
	return Coding{System: SystemActCode, Code: "VR", Display: "virtual"}
}

var supportDisplay = map[session.SupportType]string{
	session.SupportTypeEmotional:     "Emotional support",
	session.SupportTypeInformational: "Informational support",
	session.SupportTypeInstrumental:  "Instrumental support",
	session.SupportTypeAffiliational: "Affiliational support",
}

// ExportSession maps a session to Encounters. A one-on-one session is one
// Encounter with the peer as subject. A group session is one Encounter
// for the group (no subject, id the session's) and one per attending
// peer, each partOf the group's, with the peer's own minutes as length;
// peers who did not attend get none. Every Encounter has the class
// (AMB or VR), type and serviceType "peer-support" in [SystemService]
// with HCPCS H0038 on the serviceType, the specialist as primary
// performer, the actual period (or the scheduled one before the session
// is held), and the support types and activities as reasonCode in
// [SystemSupportType] and [SystemActivity].
//
// It returns an error wrapping [ErrInvalid] for an invalid session.
func ExportSession(s session.Session) ([]Encounter, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("fhir: export session %s: %w: %w", s.ID, ErrInvalid, err)
	}
	base := Encounter{
		Type:       "Encounter",
		ID:         s.ID.String(),
		Extension:  []Extension{{URL: ExtensionSessionMode, ValueCode: s.Mode.String()}},
		Identifier: append([]Identifier{{System: IDSystem + "session", Value: s.ID.String()}}, identifiers(s.Identifiers)...),
		Status:     encounterStatus[s.Status],
		Class:      encounterClass(s.Mode),
		EncType:    []CodeableConcept{concept(SystemService, "peer-support", "Peer support services")},
		ServiceType: &CodeableConcept{Coding: []Coding{
			{System: SystemService, Code: "peer-support", Display: "Peer support services"},
			{System: SystemHCPCS, Code: "H0038", Display: "Self-help/peer services, per 15 minutes"},
		}},
		Participant: []EncounterParticipant{{
			Type:       []CodeableConcept{concept(SystemParticipationType, "PPRF", "primary performer")},
			Individual: ref(s.SpecialistID.String()),
		}},
	}
	when := s.Actual
	if when.IsZero() {
		when = s.Scheduled
	}
	base.Period = &Period{Start: instant(when.Start), End: instant(when.End)}
	for _, sup := range s.Support {
		base.ReasonCode = append(base.ReasonCode, concept(SystemSupportType, sup.Type.String(), supportDisplay[sup.Type]))
		for _, a := range sup.Activities {
			base.ReasonCode = append(base.ReasonCode, concept(SystemActivity, string(a), ""))
		}
	}
	if s.Status == session.StatusCompleted {
		base.Length = minutes(s.Actual.Minutes())
	}
	if s.Status == session.StatusNoShow {
		base.Extension = append(base.Extension, Extension{URL: ExtensionSessionStatus, ValueCode: s.Status.String()})
	}
	if s.Kind != session.KindGroup {
		base.Meta = profile(ProfileEncounter)
		base.Subject = ref(s.Participants[0].PeerID.String())
		return []Encounter{base}, nil
	}
	out := []Encounter{base}
	for _, p := range s.Participants {
		if s.Status == session.StatusCompleted && !p.Attendance.Attended() {
			continue
		}
		e := base
		e.Meta = profile(ProfileEncounter)
		e.ID = derived(s.ID.UUID(), "Encounter/"+p.PeerID.String())
		e.Subject = ref(p.PeerID.String())
		e.PartOf = ref(s.ID.String())
		if s.Status == session.StatusCompleted {
			e.Length = minutes(p.Minutes)
		}
		out = append(out, e)
	}
	return out, nil
}

// ExtensionSessionMode is the URL of the package's Encounter extension
// holding the session's mode (valueCode: in_person, phone, video, text):
// Encounter.class tells only ambulatory (AMB) from virtual (VR).
const ExtensionSessionMode = Base + "/StructureDefinition/session-mode"

// ExtensionSessionStatus is the URL of the package's Encounter extension
// holding a session status R4's Encounter.status cannot: no_show, whose
// Encounter is "cancelled".
const ExtensionSessionStatus = Base + "/StructureDefinition/session-status"

func minutes(n int) *Duration {
	return &Duration{Value: n, Unit: "min", System: SystemUCUM, Code: "min"}
}

// ExportNote maps the signed note of a session to a DocumentReference of
// LOINC 11506-3 "Progress note": the text as it was signed, as plain text
// (one "KIND: text" paragraph per section), the specialist as author and
// authenticator, the session's Encounter as context. Each amendment is a
// further DocumentReference whose relatesTo "appends" the signed note,
// holding the amended sections, so the signed text stays as it was. For a
// group session the shared note is exported; participants' own notes are
// the host's to export with their own consent decisions.
//
// An unsigned note is never exported: it returns an error wrapping
// [ErrNotExportable]; an invalid session wraps [ErrInvalid].
func ExportNote(s session.Session) ([]DocumentReference, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("fhir: export note of session %s: %w: %w", s.ID, ErrInvalid, err)
	}
	if !s.Note.IsSigned() {
		return nil, fmt.Errorf("fhir: export note of session %s: note not signed: %w", s.ID, ErrNotExportable)
	}
	doc := func(id string, sections []session.Section, author string, at string) DocumentReference {
		d := DocumentReference{
			Type:      "DocumentReference",
			ID:        id,
			Status:    "current",
			DocStatus: "final",
			DocType:   &CodeableConcept{Coding: []Coding{{System: SystemLOINC, Code: "11506-3", Display: "Progress note"}}},
			Date:      at,
			Author:    []Reference{*ref(author)},
			Content: []DocumentReferenceContent{{Attachment: Attachment{
				ContentType: "text/plain; charset=utf-8", Data: []byte(noteText(sections)), Creation: at,
			}}},
			Context:  &DocumentReferenceContext{Encounter: []Reference{*ref(s.ID.String())}},
			Category: []CodeableConcept{concept(SystemDocumentCategory, "clinical-note", "Clinical Note")},
		}
		if s.Kind != session.KindGroup {
			// A group's shared note has no one patient, which US Core's
			// DocumentReference requires: it is plain R4.
			d.Meta = profile(ProfileDocumentReference)
			d.Subject = ref(s.Participants[0].PeerID.String())
		}
		return d
	}
	signed := doc(derived(s.ID.UUID(), "DocumentReference"), s.Note.Sections, s.Note.Signed.SpecialistID.String(), instant(s.Note.Signed.At))
	signed.Authenticator = ref(s.Note.Signed.SpecialistID.String())
	if !s.Note.CoSigned.IsZero() {
		signed.Author = append(signed.Author, *ref(s.Note.CoSigned.SupervisorID.String()))
	}
	out := []DocumentReference{signed}
	for i, a := range s.Note.Amendments {
		author := a.Author.SpecialistID.String()
		if a.Author.SpecialistID.IsZero() {
			author = a.Author.SupervisorID.String()
		}
		am := doc(derived(s.ID.UUID(), fmt.Sprintf("Amendment/%d", i+1)), a.Sections, author, instant(a.At))
		am.Description = "Amendment " + fmt.Sprint(i+1) + " of the signed progress note"
		am.RelatesTo = []DocumentRelatesTo{{Code: "appends", Target: *ref(signed.ID)}}
		out = append(out, am)
	}
	return out, nil
}

// noteText writes sections as plain text, one paragraph per section.
func noteText(sections []session.Section) string {
	var b strings.Builder
	for i, sec := range sections {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.ToUpper(sec.Kind.String()))
		b.WriteString(": ")
		b.WriteString(sec.Text)
	}
	return b.String()
}

// ExportBilling maps billing lines of a session (see session.Bill) to
// ChargeItems: the HCPCS code with its modifiers in the code's text
// ("H0038 HQ"), the units as quantity, the peer as subject, the session's
// Encounter as context, the specialist as performer, billable.
//
// ChargeItem, not Claim: a Claim needs the payer, the coverage, the
// billing provider and priority, which belong to the host's billing
// system; a ChargeItem records exactly what this library knows — which
// service was given, to whom, when and how many units — and is what a
// billing system turns into claim lines.
//
// It returns an error wrapping [ErrInvalid] for a zero specialist or a
// line without a session, a peer, a code, a service day or units.
func ExportBilling(lines []session.Line, specialist peer.SpecialistID) ([]ChargeItem, error) {
	if specialist.IsZero() {
		return nil, fmt.Errorf("fhir: export billing: specialist: %w", ErrInvalid)
	}
	var out []ChargeItem
	for i, l := range lines {
		if l.SessionID.IsZero() || l.PeerID.IsZero() || l.Code == "" || !l.ServiceDate.Valid() || l.Units < 1 {
			return nil, fmt.Errorf("fhir: export billing: line %d: %w", i, ErrInvalid)
		}
		code := concept(l.System, l.Code, "")
		if l.System == SystemHCPCS || l.System == "" {
			code.Coding[0].System = SystemHCPCS
		}
		code.Text = strings.TrimSpace(l.Code + " " + strings.Join(l.Modifiers, " "))
		out = append(out, ChargeItem{
			Type:               "ChargeItem",
			ID:                 derived(l.SessionID.UUID(), fmt.Sprintf("ChargeItem/%s/%d", l.PeerID, i)),
			Status:             "billable",
			Code:               code,
			Subject:            *ref(l.PeerID.String()),
			Context:            ref(l.SessionID.String()),
			OccurrenceDateTime: date(l.ServiceDate),
			Performer:          []ChargeItemActor{{Actor: *ref(specialist.String())}},
			Quantity:           &ChargeQuantity{Value: l.Units},
		})
	}
	return out, nil
}

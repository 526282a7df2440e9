package fhir

import (
	"fmt"
	"slices"
	"strconv"
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
	return exportSession(&s, false), nil
}

// exportSession is ExportSession of a valid session. With shared, the
// parts every Encounter has the same (profile, type, service type,
// participant type) are the package's own values rather than copies:
// for resources that are written to a bundle and never leave the
// package.
func exportSession(s *session.Session, shared bool) []Encounter {
	id := s.ID.String()
	base := Encounter{
		Type:        "Encounter",
		ID:          id,
		Extension:   []Extension{{URL: ExtensionSessionMode, ValueCode: s.Mode.String()}},
		Identifier:  append([]Identifier{{System: IDSystem + "session", Value: id}}, identifiers(s.Identifiers)...),
		Status:      encounterStatus[s.Status],
		Class:       encounterClass(s.Mode),
		EncType:     parts.encounterType(shared),
		ServiceType: parts.serviceType(shared),
		Participant: []EncounterParticipant{{
			Type:       parts.primaryPerformer(shared),
			Individual: ref(s.SpecialistID.String()),
		}},
	}
	when := s.Actual
	if when.IsZero() {
		when = s.Scheduled
	}
	base.Period = &Period{Start: instant(when.Start), End: instant(when.End)}
	reasons := len(s.Support)
	for _, sup := range s.Support {
		reasons += len(sup.Activities)
	}
	if reasons > 0 {
		base.ReasonCode = make([]CodeableConcept, 0, reasons)
	}
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
		base.Meta = parts.profile(shared, ProfileEncounter)
		base.Subject = ref(s.Participants[0].PeerID.String())
		return []Encounter{base}
	}
	out := []Encounter{base}
	for _, p := range s.Participants {
		if s.Status == session.StatusCompleted && !p.Attendance.Attended() {
			continue
		}
		e := base
		e.Meta = parts.profile(shared, ProfileEncounter)
		e.ID = derived(s.ID.UUID(), "Encounter/"+p.PeerID.String())
		e.Subject = ref(p.PeerID.String())
		e.PartOf = ref(id)
		if s.Status == session.StatusCompleted {
			e.Length = minutes(p.Minutes)
		}
		out = append(out, e)
	}
	return out
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
	return exportNote(&s, false), nil
}

// exportNote is ExportNote of a valid session with a signed note; shared
// as for exportSession.
func exportNote(s *session.Session, shared bool) []DocumentReference {
	// Each id's text and reference is made once: a note and its
	// amendments share them (strings only, never a pointer, so that the
	// returned resources share no memory).
	encounter := urn(s.ID.String())
	subject := ""
	if s.Kind != session.KindGroup {
		subject = urn(s.Participants[0].PeerID.String())
	}
	specialist := urn(s.Note.Signed.SpecialistID.String())
	doc := func(id string, sections []session.Section, author string, at string) DocumentReference {
		d := DocumentReference{
			Type:      "DocumentReference",
			ID:        id,
			Status:    "current",
			DocStatus: "final",
			DocType:   parts.progressNote(shared),
			Date:      at,
			Author:    []Reference{{Reference: author}},
			Content: []DocumentReferenceContent{{Attachment: Attachment{
				ContentType: "text/plain; charset=utf-8", Data: noteText(sections), Creation: at,
			}}},
			Context:  &DocumentReferenceContext{Encounter: []Reference{{Reference: encounter}}},
			Category: parts.clinicalNote(shared),
		}
		if subject != "" {
			// A group's shared note has no one patient, which US Core's
			// DocumentReference requires: it is plain R4.
			d.Meta = parts.profile(shared, ProfileDocumentReference)
			d.Subject = &Reference{Reference: subject}
		}
		return d
	}
	signed := doc(derived(s.ID.UUID(), "DocumentReference"), s.Note.Sections, specialist, instant(s.Note.Signed.At))
	signed.Authenticator = &Reference{Reference: specialist}
	if !s.Note.CoSigned.IsZero() {
		signed.Author = append(signed.Author, *ref(s.Note.CoSigned.SupervisorID.String()))
	}
	out := make([]DocumentReference, 1, 1+len(s.Note.Amendments))
	out[0] = signed
	target := urn(signed.ID)
	for i, a := range s.Note.Amendments {
		author := specialist
		switch {
		case a.Author.SpecialistID.IsZero():
			author = urn(a.Author.SupervisorID.String())
		case a.Author.SpecialistID != s.Note.Signed.SpecialistID:
			author = urn(a.Author.SpecialistID.String())
		}
		n := strconv.Itoa(i + 1)
		am := doc(derived(s.ID.UUID(), "Amendment/"+n), a.Sections, author, instant(a.At))
		am.Description = "Amendment " + n + " of the signed progress note"
		am.RelatesTo = []DocumentRelatesTo{{Code: "appends", Target: Reference{Reference: target}}}
		out = append(out, am)
	}
	return out
}

// WriteSession adds a session to b: its Encounters (see [ExportSession])
// and, when its note is signed, the note and its amendments (see
// [ExportNote]), validating the session once. Resources b's decision
// withholds are skipped. It returns an error wrapping [ErrInvalid] for
// an invalid session or a nil b, or b's write error.
func WriteSession(b *BundleWriter, s session.Session) error {
	if b == nil || b.w == nil {
		return errNotStarted
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("fhir: write session %s: %w: %w", s.ID, ErrInvalid, err)
	}
	return writeSession(skipWithheld(b), &s, nil, true)
}

// writeSession adds a valid session's Encounters for which keep returns
// true (nil keeps all) and, with notes, its signed note.
func writeSession(add func(...Resource) error, s *session.Session, keep func(e *Encounter) bool, notes bool) error {
	for _, e := range exportSession(s, true) {
		if keep != nil && !keep(&e) {
			continue
		}
		if err := add(e); err != nil {
			return err
		}
	}
	if !notes || !s.Note.IsSigned() {
		return nil
	}
	for _, d := range exportNote(s, true) {
		if err := add(d); err != nil {
			return err
		}
	}
	return nil
}

// noteText writes sections as plain text, one paragraph per section
// ("KIND: text").
func noteText(sections []session.Section) []byte {
	n := 0
	for _, sec := range sections {
		n += len(sec.Text) + 24
	}
	b := make([]byte, 0, n)
	for i, sec := range sections {
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		b = append(b, strings.ToUpper(sec.Kind.String())...)
		b = append(b, ": "...)
		b = append(b, sec.Text...)
	}
	return b
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

// ImportEncounter applies a FHIR Encounter, a one-on-one session an EHR
// recorded, to a session: the ID (from the session identifier, or the id
// of an Encounter this library wrote), status, mode (from the
// [ExtensionSessionMode] extension, else the class: AMB, HH and FLD in
// person, VR by video), the period (the actual times of a finished
// Encounter, the scheduled ones of a planned or cancelled one), the peer
// (subject), the specialist (the primary performer), the support types
// and activities (reasonCode in [SystemSupportType] and
// [SystemActivity]; into's stay when it names none) and identifiers, with the EHR's own id kept as an
// identifier (see [ImportOptions]). Everything else of into stays: its
// note, scheduled times of a held session, goals. Reason codes in other
// systems, unknown extensions and references to resources the library
// cannot resolve (an EHR's own practitioner id, when into names the
// specialist) are left out with a [Warning].
//
// It returns an error wrapping [ErrInvalid] for another resource type, an
// ID, peer or specialist that disagrees with into's, a group's Encounter
// (partOf, or no subject), a status the library has no equivalent for
// (in-progress, entered-in-error, …), an unreadable period, or a session
// that fails validation.
func ImportEncounter(r Encounter, into session.Session, opts *ImportOptions) (session.Session, []Warning, error) {
	im := newImporter("Encounter", opts)
	bad := func(field string) (session.Session, []Warning, error) {
		return session.Session{}, im.warnings, im.invalid(into.ID.String(), field)
	}
	if field := im.check(r.Type); field != "" {
		return bad(field)
	}
	if r.PartOf != nil || r.Subject == nil || (!into.ID.IsZero() && into.Kind == session.KindGroup) {
		return bad("subject") // a group's Encounter is not imported
	}
	s := into.Clone()
	s.Kind = session.KindOneOnOne
	var ok bool
	if s.ID, ok = ownKey(im, "session", r.ID, r.Identifier, into.ID, session.ParseID); !ok {
		return bad("id")
	}
	s.Identifiers = im.identifiers("session", ehrID(r.ID, s.ID.String()), r.Identifier)

	// The peer.
	current := peer.ID{}
	if len(into.Participants) == 1 {
		current = into.Participants[0].PeerID
	}
	peerID, ok := refKey(im, "subject", r.Subject, "Patient", current, peer.ParseID)
	if !ok {
		return bad("subject")
	}
	if current.IsZero() {
		s.Participants = []session.Participant{{PeerID: peerID}}
	}

	// The specialist: the primary performer, or the one participant.
	performer := slices.IndexFunc(r.Participant, func(p EncounterParticipant) bool {
		return slices.ContainsFunc(p.Type, func(c CodeableConcept) bool { code, _ := codeIn(&c, SystemParticipationType); return code == "PPRF" })
	})
	if performer < 0 && len(r.Participant) == 1 {
		performer = 0
	}
	if performer >= 0 {
		field := fmt.Sprintf("participant[%d].individual", performer)
		if s.SpecialistID, ok = refKey(im, field, r.Participant[performer].Individual, "Practitioner", into.SpecialistID, peer.ParseSpecialistID); !ok {
			return bad("participant")
		}
	}

	// Status and mode.
	noShow := false
	im.extensions(r.Extension, ExtensionSessionMode, ExtensionSessionStatus)
	for i, e := range r.Extension {
		switch e.URL {
		case ExtensionSessionMode:
			m, err := session.ParseMode(e.ValueCode)
			if err != nil {
				im.warn(fmt.Sprintf("extension[%d]", i), WarningUnknownCode)
				continue
			}
			s.Mode = m
		case ExtensionSessionStatus:
			noShow = e.ValueCode == session.StatusNoShow.String()
		}
	}
	if !slices.ContainsFunc(r.Extension, func(e Extension) bool { return e.URL == ExtensionSessionMode }) {
		switch {
		case r.Class.System != SystemActCode:
			im.warn("class", WarningUnknownCode)
		case r.Class.Code == "AMB" || r.Class.Code == "HH" || r.Class.Code == "FLD":
			s.Mode = session.ModeInPerson
		case r.Class.Code == "VR" && (s.Mode == session.ModeUnspecified || s.Mode == session.ModeInPerson):
			s.Mode = session.ModeVideo
		case r.Class.Code != "VR":
			im.warn("class", WarningUnknownCode)
		}
	}
	var when session.Interval
	if r.Period == nil {
		return bad("period")
	}
	var err error
	if when.Start, err = im.instant("period.start", r.Period.Start); err != nil {
		return session.Session{}, im.warnings, err
	}
	if when.End, err = im.instant("period.end", r.Period.End); err != nil {
		return session.Session{}, im.warnings, err
	}
	switch r.Status {
	case "finished":
		s.Status, s.Actual = session.StatusCompleted, when
		if s.Scheduled.IsZero() {
			s.Scheduled = when
		}
	case "planned":
		s.Status, s.Scheduled, s.Actual = session.StatusScheduled, when, session.Interval{}
	case "cancelled":
		s.Status, s.Scheduled, s.Actual = session.StatusCancelled, when, session.Interval{}
		if noShow {
			s.Status = session.StatusNoShow
		}
	default:
		return bad("status")
	}

	// Support types and their activities: into's stay when the Encounter
	// names none (an EHR's own visit types).
	var support []session.Support
	for i := range r.ReasonCode {
		c := &r.ReasonCode[i]
		if code, ok := codeIn(c, SystemSupportType); ok {
			t, err := session.ParseSupportType(code)
			if err != nil {
				im.warn(fmt.Sprintf("reasonCode[%d]", i), WarningUnknownCode)
				continue
			}
			support = append(support, session.Support{Type: t})
			continue
		}
		if code, ok := codeIn(c, SystemActivity); ok && len(support) > 0 {
			last := &support[len(support)-1]
			last.Activities = append(last.Activities, session.Activity(code))
			continue
		}
		im.warn(fmt.Sprintf("reasonCode[%d]", i), WarningUnknownCode)
	}
	if len(support) > 0 {
		s.Support = support
	}
	if err := s.Validate(); err != nil {
		return session.Session{}, im.warnings, fmt.Errorf("fhir: import encounter %s: %w: %w", s.ID, ErrInvalid, err)
	}
	return s, im.warnings, nil
}

// parts makes the parts of a session's resources that are the same for
// every session: fresh values for resources that leave the package, the
// package's own (read only) for those it writes straight to a bundle.
var parts = sharedParts{
	encType: []CodeableConcept{concept(SystemService, "peer-support", "Peer support services")},
	service: &CodeableConcept{Coding: []Coding{
		{System: SystemService, Code: "peer-support", Display: "Peer support services"},
		{System: SystemHCPCS, Code: "H0038", Display: "Self-help/peer services, per 15 minutes"},
	}},
	pprf:     []CodeableConcept{concept(SystemParticipationType, "PPRF", "primary performer")},
	progress: &CodeableConcept{Coding: []Coding{{System: SystemLOINC, Code: "11506-3", Display: "Progress note"}}},
	clinical: []CodeableConcept{concept(SystemDocumentCategory, "clinical-note", "Clinical Note")},
	profiles: map[string]*Meta{ProfileEncounter: profile(ProfileEncounter), ProfileDocumentReference: profile(ProfileDocumentReference)},
}

type sharedParts struct {
	encType, pprf, clinical []CodeableConcept
	service, progress       *CodeableConcept
	profiles                map[string]*Meta
}

func (p *sharedParts) encounterType(shared bool) []CodeableConcept    { return pick(shared, p.encType) }
func (p *sharedParts) primaryPerformer(shared bool) []CodeableConcept { return pick(shared, p.pprf) }
func (p *sharedParts) clinicalNote(shared bool) []CodeableConcept     { return pick(shared, p.clinical) }

func (p *sharedParts) serviceType(shared bool) *CodeableConcept {
	if shared {
		return p.service
	}
	return &CodeableConcept{Coding: slices.Clone(p.service.Coding)}
}

func (p *sharedParts) progressNote(shared bool) *CodeableConcept {
	if shared {
		return p.progress
	}
	return &CodeableConcept{Coding: slices.Clone(p.progress.Coding)}
}

func (p *sharedParts) profile(shared bool, url string) *Meta {
	if m, ok := p.profiles[url]; ok && shared {
		return m
	}
	return profile(url)
}

// pick returns cs itself when shared, else a deep copy.
func pick(shared bool, cs []CodeableConcept) []CodeableConcept {
	if shared {
		return cs
	}
	out := make([]CodeableConcept, len(cs))
	for i, c := range cs {
		out[i] = CodeableConcept{Coding: slices.Clone(c.Coding), Text: c.Text}
	}
	return out
}

package fhir

import (
	"fmt"
	"iter"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// contactSystems maps the library's contact systems to FHIR's
// ContactPoint.system (http://hl7.org/fhir/R4/valueset-contact-point-system.html).
var contactSystems = map[peer.ContactSystem]string{
	peer.ContactSystemPhone: "phone",
	peer.ContactSystemEmail: "email",
	peer.ContactSystemSMS:   "sms",
}

func telecom(cs []peer.ContactPoint) []ContactPoint {
	var out []ContactPoint
	for i, c := range cs {
		out = append(out, ContactPoint{System: contactSystems[c.System], Value: c.Value, Rank: i + 1})
	}
	return out
}

func humanName(n peer.Name) []HumanName {
	out := []HumanName{{Use: "official", Family: n.Family, Given: []string{n.Given}}}
	if n.Family == "" {
		out[0].FamilyElement = unknownFamily
	}
	if n.Preferred != "" {
		out = append(out, HumanName{Use: "usual", Given: []string{n.Preferred}})
	}
	return out
}

// ExportPeer maps a peer to a FHIR Patient: the peer's ID as the resource id
// and as an identifier in [IDSystem]+"peer", the peer's other identifiers,
// name (official, and the preferred name as "usual"), administrative
// gender, birth date, addresses, languages (the first preferred) and
// telecom; active unless discharged.
// Recovery details, preferences and enrolment stay in the library.
//
// It returns an error wrapping [ErrInvalid] for a peer that fails its
// validation (the zero Peer among them).
func ExportPeer(p peer.Peer) (Patient, error) {
	if err := p.Validate(); err != nil {
		return Patient{}, fmt.Errorf("fhir: export peer %s: %w: %w", p.ID, ErrInvalid, err)
	}
	r := Patient{
		Type:       "Patient",
		ID:         p.ID.String(),
		Meta:       profile(ProfilePatient),
		Identifier: append([]Identifier{{System: IDSystem + "peer", Value: p.ID.String()}}, identifiers(p.Identifiers)...),
		Active:     yes(),
		Name:       humanName(p.Name),
		Telecom:    telecom(p.Contact),
		Gender:     patientGender(p.AdministrativeGender),
		BirthDate:  date(p.BirthDate),
	}
	for _, a := range p.Addresses {
		r.Address = append(r.Address, Address{Line: slices.Clone(a.Lines), City: a.City, District: a.District,
			State: a.State, PostalCode: a.PostalCode, Country: a.Country})
	}
	if p.Status == peer.StatusDischarged {
		r.Active = no()
	}
	for i, lang := range p.Languages {
		r.Communication = append(r.Communication, PatientCommunication{
			Language: concept(SystemLanguage, lang, ""), Preferred: i == 0,
		})
	}
	return r, nil
}

// patientGender is Patient.gender: "unknown" when the peer has given
// none, as US Core (which requires the element) asks of missing data
// for a required code.
func patientGender(g peer.AdministrativeGender) string {
	if g == peer.AdministrativeGenderUnspecified {
		return peer.AdministrativeGenderUnknown.String()
	}
	return g.String()
}

// ImportPatient applies a FHIR Patient to a peer: into's ID when the
// Patient carries the peer identifier (or its id is the peer's UUID), its
// name, birth date, languages, telecom and other identifiers. Everything
// else of into stays, so a host updates a stored peer with it. The result
// is validated: it returns an error wrapping [ErrInvalid] for a resource
// of another type, an ID that disagrees with into's, unknown telecom
// systems, partial birth dates, or a peer that fails validation.
func ImportPatient(r Patient, into peer.Peer) (peer.Peer, error) {
	if r.Type != "Patient" {
		return peer.Peer{}, fmt.Errorf("fhir: import patient: resourceType: %w", ErrInvalid)
	}
	p := into.Clone()
	id := r.ID
	var others []peersupport.Identifier
	for _, ident := range r.Identifier {
		if ident.System == IDSystem+"peer" {
			id = ident.Value
			continue
		}
		others = append(others, peersupport.Identifier{System: ident.System, Value: ident.Value})
	}
	if parsed, err := peer.ParseID(id); err == nil {
		if !into.ID.IsZero() && parsed != into.ID {
			return peer.Peer{}, fmt.Errorf("fhir: import patient %s: id: %w", into.ID, ErrInvalid)
		}
		p.ID = parsed
	}
	p.Identifiers = others
	p.Name = peer.Name{}
	for _, n := range r.Name {
		given := ""
		if len(n.Given) > 0 {
			given = n.Given[0]
		}
		switch n.Use {
		case "usual":
			p.Name.Preferred = given
		default:
			if p.Name.Given == "" {
				p.Name.Given, p.Name.Family = given, n.Family
			}
		}
	}
	bd, err := parseDate("Patient.birthDate", r.BirthDate)
	if err != nil {
		return peer.Peer{}, err
	}
	p.BirthDate = bd
	p.AdministrativeGender = peer.AdministrativeGenderUnspecified
	if r.Gender != "" {
		if p.AdministrativeGender, err = peer.ParseAdministrativeGender(r.Gender); err != nil {
			return peer.Peer{}, fmt.Errorf("fhir: import patient: gender: %w", ErrInvalid)
		}
	}
	p.Addresses = nil
	for _, a := range r.Address {
		p.Addresses = append(p.Addresses, peer.Address{Lines: slices.Clone(a.Line), City: a.City, District: a.District,
			State: a.State, PostalCode: a.PostalCode, Country: a.Country})
	}
	p.Languages = nil
	for _, c := range r.Communication {
		if code, ok := codeIn(&c.Language, SystemLanguage); ok {
			p.Languages = append(p.Languages, code)
		}
	}
	p.Contact = nil
	for i, t := range r.Telecom {
		sys := peer.ContactSystemUnspecified
		for k, v := range contactSystems {
			if v == t.System {
				sys = k
			}
		}
		if sys == peer.ContactSystemUnspecified {
			return peer.Peer{}, fmt.Errorf("fhir: import patient: telecom[%d].system: %w", i, ErrInvalid)
		}
		p.Contact = append(p.Contact, peer.ContactPoint{System: sys, Value: t.Value})
	}
	if err := p.Validate(); err != nil {
		return peer.Peer{}, fmt.Errorf("fhir: import patient: %w: %w", ErrInvalid, err)
	}
	return p, nil
}

// ExportSpecialist maps a peer specialist to a Practitioner, with a
// qualification per held credential (code in [SystemCredential], number,
// issued to expiry, and the issuing body from the catalog when it knows
// the code), and a PractitionerRole naming the peer support role. Revoked
// credentials are left out. The role's id is derived from the
// specialist's, so it is stable across exports. Credentials of other
// specialists in held are ignored. held is what
// certification.Credentials.List yields (storage.Values makes a slice
// one); nil means none.
//
// It returns an error wrapping [ErrInvalid] for a specialist or a
// credential that fails its validation, or held's error.
func ExportSpecialist(s peer.Specialist, held iter.Seq2[certification.Credential, error], catalog *certification.Catalog) (Practitioner, PractitionerRole, error) {
	fail := func(err error) (Practitioner, PractitionerRole, error) {
		return Practitioner{}, PractitionerRole{}, fmt.Errorf("fhir: export specialist %s: %w", s.ID, err)
	}
	if err := s.Validate(); err != nil {
		return fail(fmt.Errorf("%w: %w", ErrInvalid, err))
	}
	var creds []certification.Credential
	if held != nil {
		for c, err := range held {
			if err != nil {
				return fail(err)
			}
			if err := c.Validate(); err != nil {
				return fail(fmt.Errorf("credential %s: %w: %w", c.ID, ErrInvalid, err))
			}
			creds = append(creds, c)
		}
	}
	pr := Practitioner{
		Type:       "Practitioner",
		ID:         s.ID.String(),
		Meta:       profile(ProfilePractitioner),
		Identifier: append([]Identifier{{System: IDSystem + "specialist", Value: s.ID.String()}}, identifiers(s.Identifiers)...),
		Active:     yes(),
		Name:       humanName(s.Name),
		Telecom:    telecom(s.Contact),
	}
	if s.Status != peer.SpecialistStatusActive {
		pr.Active = no()
	}
	for _, l := range s.Languages {
		pr.Communication = append(pr.Communication, concept(SystemLanguage, l, ""))
	}
	slices.SortStableFunc(creds, func(a, b certification.Credential) int { return a.Issued.Compare(b.Issued) })
	for _, c := range creds {
		if c.SpecialistID != s.ID || !c.Revoked.IsZero() {
			continue
		}
		q := PractitionerQualification{
			Identifier: []Identifier{{System: SystemCredential + "/" + c.Code, Value: c.Number}},
			Code:       concept(SystemCredential, c.Code, ""),
			Period:     &Period{Start: date(c.Issued), End: date(c.Expires)},
		}
		if d, err := catalog.Lookup(c.Code); err == nil {
			q.Code.Coding[0].Display = d.Name
			q.Issuer = &Reference{Display: d.IssuingBody}
		}
		pr.Qualification = append(pr.Qualification, q)
	}
	role := PractitionerRole{
		Type:         "PractitionerRole",
		ID:           derived(s.ID.UUID(), "PractitionerRole"),
		Active:       pr.Active,
		Practitioner: ref(pr.ID),
		Code:         []CodeableConcept{concept(SystemService, "peer-specialist", "Peer specialist")},
		Specialty: []CodeableConcept{
			concept(SystemNUCC, NUCCPeerSpecialist, "Peer Specialist"),
			concept(SystemService, "peer-support", "Peer support services"),
		},
		Telecom: pr.Telecom,
	}
	if len(role.Telecom) > 0 {
		// US Core's invariant pd-1: a role has contact details (or an
		// endpoint, which the library does not know).
		role.Meta = profile(ProfilePractitionerRole)
	}
	return pr, role, nil
}

// ExportSupervisor maps a supervisor to a Practitioner whose qualification is
// their licence: its type (the library's code, in [SystemCredential]
// under "license-"), number and jurisdiction.
//
// It returns an error wrapping [ErrInvalid] for a supervisor that fails
// its validation.
func ExportSupervisor(s peer.Supervisor) (Practitioner, error) {
	if err := s.Validate(); err != nil {
		return Practitioner{}, fmt.Errorf("fhir: export supervisor %s: %w: %w", s.ID, ErrInvalid, err)
	}
	pr := Practitioner{
		Type:       "Practitioner",
		ID:         s.ID.String(),
		Meta:       profile(ProfilePractitioner),
		Identifier: append([]Identifier{{System: IDSystem + "supervisor", Value: s.ID.String()}}, identifiers(s.Identifiers)...),
		Active:     yes(),
		Name:       humanName(s.Name),
		Telecom:    telecom(s.Contact),
		Qualification: []PractitionerQualification{{
			Identifier: []Identifier{{System: SystemCredential + "/license/" + s.Jurisdiction, Value: s.LicenseNumber}},
			Code:       concept(SystemCredential, "license-"+s.License.String(), ""),
			Issuer:     &Reference{Display: "Licensing board of " + s.Jurisdiction},
		}},
	}
	if s.Status != peer.SupervisorStatusActive {
		pr.Active = no()
	}
	return pr, nil
}

// ExportCareTeam maps a peer's assignment to a specialist, and the supervision
// links of that specialist, to the peer's CareTeam: the peer (role
// "peer"), the specialist ("peer-specialist", for the assignment's
// period) and each supervisor ("supervisor", for the link's period);
// active while the assignment is open. Its id is the assignment's.
// links is what peer.Supervisions.List yields (storage.Values makes a
// slice one); nil means none.
//
// It returns an error wrapping [ErrInvalid] for an assignment or a link
// that fails its validation, or links' error.
func ExportCareTeam(a peer.Assignment, links iter.Seq2[peer.Supervision, error]) (CareTeam, error) {
	if err := a.Validate(); err != nil {
		return CareTeam{}, fmt.Errorf("fhir: export care team %s: %w: %w", a.ID, ErrInvalid, err)
	}
	// One role each (US Core's CareTeam allows one): a standard code
	// where one is known, the package's beside it.
	role := func(code, display string, standard ...Coding) []CodeableConcept {
		c := CodeableConcept{Coding: append(standard, Coding{System: SystemCareTeamRole, Code: code, Display: display})}
		return []CodeableConcept{c}
	}
	period := func(start, end peersupport.Date) *Period { return &Period{Start: date(start), End: date(end)} }
	t := CareTeam{
		Type:    "CareTeam",
		ID:      a.ID.String(),
		Meta:    profile(ProfileCareTeam),
		Status:  "active",
		Name:    "Peer support",
		Subject: ref(a.PeerID.String()),
		Period:  period(a.Start, a.End),
		Participant: []CareTeamParticipant{
			{Role: role("peer", "Peer", Coding{System: SystemSNOMED, Code: "116154003", Display: "Patient (person)"}), Member: ref(a.PeerID.String())},
			{Role: role("peer-specialist", "Peer specialist", Coding{System: SystemNUCC, Code: NUCCPeerSpecialist, Display: "Peer Specialist"}),
				Member: ref(a.SpecialistID.String()), Period: period(a.Start, a.End)},
		},
	}
	if !a.Open() {
		t.Status = "inactive"
	}
	if links == nil {
		links = storage.Values[peer.Supervision](nil)
	}
	for l, err := range links {
		if err != nil {
			return CareTeam{}, fmt.Errorf("fhir: export care team %s: %w", a.ID, err)
		}
		if err := l.Validate(); err != nil {
			return CareTeam{}, fmt.Errorf("fhir: export care team %s: link %s: %w: %w", a.ID, l.ID, ErrInvalid, err)
		}
		if l.SpecialistID != a.SpecialistID {
			continue
		}
		t.Participant = append(t.Participant, CareTeamParticipant{
			Role: role("supervisor", "Supervisor of the peer specialist"), Member: ref(l.SupervisorID.String()), Period: period(l.Start, l.End),
		})
	}
	return t, nil
}

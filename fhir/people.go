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

// contactSystemOf returns the library's contact system of a FHIR
// ContactPoint.system.
func contactSystemOf(system string) (peer.ContactSystem, bool) {
	for k, v := range contactSystems {
		if v == system {
			return k, true
		}
	}
	return peer.ContactSystemUnspecified, false
}

// importName reads names: the official one (or the first that is not
// "usual") as given and family name, the usual one's given name as the
// preferred name. Extra given names are left out.
func importName(names []HumanName) peer.Name {
	var n peer.Name
	official := false
	for _, hn := range names {
		given := ""
		if len(hn.Given) > 0 {
			given = hn.Given[0]
		}
		switch hn.Use {
		case "usual":
			n.Preferred = given
		case "official":
			n.Given, n.Family, official = given, hn.Family, true
		case "old", "maiden", "anonymous", "temp":
		default:
			if !official && n.Given == "" {
				n.Given, n.Family = given, hn.Family
			}
		}
	}
	return n
}

// ImportPatient applies a FHIR Patient to a peer, as an EHR sends it:
// the ID (from the peer identifier, or the id of a Patient this library
// wrote), name, administrative gender, birth date, addresses, languages,
// telecom and identifiers, with the EHR's own id kept as an identifier
// (see [ImportOptions]). Everything else of into stays, so a host updates
// a stored peer with it; a gender of "unknown" leaves a peer who gave
// none without one.
//
// What the library does not model is left out and reported as a
// [Warning], never failing the import: extensions (US Core's race and
// ethnicity among them), telecom systems but phone, email and sms (a
// fax number), identifier uses and types it does not know, unreadable
// identifiers, language tags and partial birth dates.
//
// It returns an error wrapping [ErrInvalid] for a resource of another
// type, an ID that disagrees with into's, or a peer that fails
// validation (no given name).
func ImportPatient(r Patient, into peer.Peer, opts *ImportOptions) (peer.Peer, []Warning, error) {
	im := newImporter("Patient", opts)
	if field := im.check(r.Type); field != "" {
		return peer.Peer{}, nil, im.invalid(into.ID.String(), field)
	}
	p := into.Clone()
	var ok bool
	if p.ID, ok = ownKey(im, "peer", r.ID, r.Identifier, into.ID, peer.ParseID); !ok {
		return peer.Peer{}, nil, im.invalid(into.ID.String(), "id")
	}
	im.extensions(r.Extension)
	p.Identifiers = im.identifiers("peer", ehrID(r.ID, p.ID.String()), r.Identifier)
	p.Name = importName(r.Name)
	p.BirthDate = im.date("birthDate", r.BirthDate)
	switch g, err := peer.ParseAdministrativeGender(r.Gender); {
	case r.Gender == "":
		p.AdministrativeGender = peer.AdministrativeGenderUnspecified
	case err != nil:
		im.warn("gender", WarningUnknownCode)
		p.AdministrativeGender = peer.AdministrativeGenderUnspecified
	case g == peer.AdministrativeGenderUnknown && into.AdministrativeGender == peer.AdministrativeGenderUnspecified:
		// "unknown" is what ExportPeer writes for a peer who gave none.
		p.AdministrativeGender = peer.AdministrativeGenderUnspecified
	default:
		p.AdministrativeGender = g
	}
	p.Addresses = nil
	for _, a := range r.Address {
		p.Addresses = append(p.Addresses, peer.Address{Lines: slices.Clone(a.Line), City: a.City, District: a.District,
			State: a.State, PostalCode: a.PostalCode, Country: a.Country})
	}
	langs := make([]CodeableConcept, len(r.Communication))
	for i, c := range r.Communication {
		langs[i] = c.Language
	}
	p.Languages = im.languages("communication.language", langs)
	p.Contact = im.telecom(r.Telecom)
	if err := p.Validate(); err != nil {
		return peer.Peer{}, im.warnings, fmt.Errorf("fhir: import patient %s: %w: %w", p.ID, ErrInvalid, err)
	}
	return p, im.warnings, nil
}

// ehrID returns the resource's id when it is not the record's own: the
// EHR's, to keep as an identifier.
func ehrID(id, own string) string {
	if id == own {
		return ""
	}
	return id
}

// ImportPractitioner applies a FHIR Practitioner to a peer specialist, as
// an EHR sends it: the ID (from the specialist identifier, or the id of a
// Practitioner this library wrote), name, identifiers (an NPI among
// them), telecom and languages, with the EHR's own id kept as an
// identifier; active false makes an active specialist inactive.
// Everything else of into stays (titles, capacity, availability); a
// Practitioner's qualifications are credentials, which are records of
// package certification, and are not imported here. What the library
// does not model is left out with a [Warning], as [ImportPatient] does.
//
// It returns an error wrapping [ErrInvalid] for a resource of another
// type, an ID that disagrees with into's, or a specialist that fails
// validation.
func ImportPractitioner(r Practitioner, into peer.Specialist, opts *ImportOptions) (peer.Specialist, []Warning, error) {
	im := newImporter("Practitioner", opts)
	if field := im.check(r.Type); field != "" {
		return peer.Specialist{}, nil, im.invalid(into.ID.String(), field)
	}
	s := into.Clone()
	var ok bool
	if s.ID, ok = ownKey(im, "specialist", r.ID, r.Identifier, into.ID, peer.ParseSpecialistID); !ok {
		return peer.Specialist{}, nil, im.invalid(into.ID.String(), "id")
	}
	im.extensions(r.Extension)
	s.Identifiers = im.identifiers("specialist", ehrID(r.ID, s.ID.String()), r.Identifier)
	name := importName(r.Name)
	s.Name = name
	s.Contact = im.telecom(r.Telecom)
	s.Languages = im.languages("communication", r.Communication)
	if r.Active != nil && !*r.Active && s.Status == peer.SpecialistStatusActive {
		s.Status = peer.SpecialistStatusInactive
	}
	if err := s.Validate(); err != nil {
		return peer.Specialist{}, im.warnings, fmt.Errorf("fhir: import practitioner %s: %w: %w", s.ID, ErrInvalid, err)
	}
	return s, im.warnings, nil
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
// their licence, when they have one (a peer supervisor may not): its type
// (the library's code, in [SystemCredential] under "license-"), number and
// jurisdiction.
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
	}
	if s.License != peer.LicenseTypeUnspecified {
		// A peer supervisor may have no licence.
		pr.Qualification = []PractitionerQualification{{
			Identifier: []Identifier{{System: SystemCredential + "/license/" + s.Jurisdiction, Value: s.LicenseNumber}},
			Code:       concept(SystemCredential, "license-"+s.License.String(), ""),
			Issuer:     &Reference{Display: "Licensing board of " + s.Jurisdiction},
		}}
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

package certification

import (
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"

	"github.com/peersupport/peersupport"
)

// Catalog is a set of credential definitions by code. A Catalog never
// changes after it is made, so one value may be shared by any number of
// goroutines; [Catalog.With] and [Catalog.Load] return a new catalog. A nil
// *Catalog and the zero Catalog are empty catalogs.
type Catalog struct {
	defs map[string]Definition
}

// NewCatalog returns a catalog of the definitions. A definition that fails
// [Definition.Validate], or a code given twice, is an error wrapping
// [ErrInvalid].
func NewCatalog(defs ...Definition) (*Catalog, error) {
	return (&Catalog{}).with(defs, false)
}

// With returns a catalog of c's definitions plus defs, where a definition
// of defs replaces c's definition of the same code: that is how a host
// overrides a shipped definition for its jurisdiction. It fails as
// [NewCatalog] does and then leaves c as it was.
func (c *Catalog) With(defs ...Definition) (*Catalog, error) { return c.with(defs, true) }

func (c *Catalog) with(defs []Definition, override bool) (*Catalog, error) {
	var held map[string]Definition
	if c != nil {
		held = c.defs
	}
	out := &Catalog{defs: make(map[string]Definition, len(held)+len(defs))}
	maps.Copy(out.defs, held)
	added := make(map[string]bool, len(defs))
	for i, d := range defs {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("certification: catalog definition %d: %w", i, err)
		}
		_, exists := out.defs[d.Code]
		if added[d.Code] || (exists && !override) {
			return nil, fmt.Errorf("certification: catalog definition %d: code %s given twice: %w", i, d.Code, ErrInvalid)
		}
		added[d.Code] = true
		out.defs[d.Code] = d.Clone()
	}
	return out, nil
}

// Load reads definitions as [DecodeDefinitions] does and returns c with
// them, as [Catalog.With] does.
func (c *Catalog) Load(r io.Reader) (*Catalog, error) {
	defs, err := DecodeDefinitions(r)
	if err != nil {
		return nil, err
	}
	return c.With(defs...)
}

// Lookup returns a copy of the definition with the code, or an error
// wrapping [ErrUnknownCredential].
func (c *Catalog) Lookup(code string) (Definition, error) {
	var d Definition
	ok := false
	if c != nil {
		d, ok = c.defs[code]
	}
	if !ok {
		if !validDefinitionCode(code) {
			return Definition{}, fmt.Errorf("certification: look up a malformed code: %w", ErrUnknownCredential)
		}
		// The code is not repeated: a host's input, it may be anything.
		return Definition{}, fmt.Errorf("certification: look up a code not in the catalog: %w", ErrUnknownCredential)
	}
	return d.Clone(), nil
}

// Len returns the number of definitions in c.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.defs)
}

// All yields a copy of every definition of c in ascending order of code.
func (c *Catalog) All() iter.Seq[Definition] {
	return func(yield func(Definition) bool) {
		if c == nil {
			return
		}
		for _, code := range slices.Sorted(maps.Keys(c.defs)) {
			if !yield(c.defs[code].Clone()) {
				return
			}
		}
	}
}

// checked is the day the shipped definitions were last compared with their
// sources.
var checked = peersupport.Date{Year: 2026, Month: 11, Day: 22}

// The codes of the shipped definitions.
const (
	CodeICRCPeerRecovery = "icrc-pr"
	CodeNAADACNCPRSS     = "naadac-ncprss"
	CodePennsylvaniaCPS  = "pa-cps"
)

// DefaultCatalog returns the definitions the library ships, each checked
// against its published source on the day in its [Source]:
//
//   - [ICRCPeerRecovery] ("icrc-pr"): IC&RC's Peer Recovery credential.
//   - [NAADACNCPRSS] ("naadac-ncprss"): NAADAC's National Certified Peer
//     Recovery Support Specialist.
//   - [PennsylvaniaCPS] ("pa-cps"): Pennsylvania's Certified Peer
//     Specialist.
//
// Requirements change; a host confirms them with the board and overrides
// with [Catalog.With]. Florida's Certified Recovery Support Specialist is
// not shipped: the Florida Certification Board's pages available to us name
// its domains and diploma but not its hours, and a definition with
// invented hours would report applicants ready who are not. A host adds it
// from the board's current standards table.
func DefaultCatalog() *Catalog {
	// The shipped definitions are constants; a test validates each.
	c := &Catalog{defs: make(map[string]Definition, 3)}
	for _, d := range []Definition{ICRCPeerRecovery(), NAADACNCPRSS(), PennsylvaniaCPS()} {
		c.defs[d.Code] = d
	}
	return c
}

// ICRCPeerRecovery returns the definition of the Peer Recovery (PR)
// credential of the International Certification & Reciprocity Consortium:
// the minimum standards its member boards adopt (a board may ask more).
//
// Source: IC&RC, "Peer Recovery (PR)" credential standards,
// https://internationalcredentialing.org/icrc-credentials/pr, checked
// 2026-11-22: high-school diploma or equivalent; 46 hours of training with
// 10 each in Advocacy, Mentoring/Education and Recovery/Wellness Support
// and 16 in Ethical Responsibility (counted here as [DomainEthics]); 500
// hours of paid or volunteer experience; 25 hours of supervision; the IC&RC
// Peer Recovery exam; a signed code of ethics; living or working at least
// 51% of the time in the board's jurisdiction; recertification every two
// years with 20 hours of continuing education, six in ethics.
func ICRCPeerRecovery() Definition {
	return Definition{
		Code:         CodeICRCPeerRecovery,
		Name:         "Peer Recovery (PR)",
		IssuingBody:  "International Certification & Reciprocity Consortium (IC&RC) member boards",
		Jurisdiction: Jurisdiction{Kind: JurisdictionKindOrganisation, Code: "icrc"},
		Requirements: Requirements{
			Education:    EducationHighSchool,
			Attestations: []AttestationKind{AttestationKindCodeOfEthics, AttestationKindResidency},
			Training: HoursRequirement{Total: Hours(46), Domains: []DomainRequirement{
				{Domain: DomainAdvocacy, Hours: Hours(10)},
				{Domain: DomainMentoringEducation, Hours: Hours(10)},
				{Domain: DomainRecoveryWellnessSupport, Hours: Hours(10)},
				{Domain: DomainEthics, Hours: Hours(16)},
			}},
			Experience:  HoursRequirement{Total: Hours(500)},
			Supervision: HoursRequirement{Total: Hours(25)},
			Exam:        ExamRequirement{Code: CodeICRCPeerRecovery},
		},
		Renewal: Renewal{PeriodMonths: 24, ContinuingEducation: HoursRequirement{
			Total:   Hours(20),
			Domains: []DomainRequirement{{Domain: DomainEthics, Hours: Hours(6)}},
		}},
		Source: Source{
			Title:   "IC&RC Peer Recovery (PR) credential standards",
			URL:     "https://internationalcredentialing.org/icrc-credentials/pr",
			Checked: checked,
			Note:    "Ethical Responsibility hours are counted as the ethics domain. Member boards may require more; the supervisor qualifications are not modelled.",
		},
	}
}

// NAADACNCPRSS returns the definition of NAADAC's National Certified Peer
// Recovery Support Specialist, awarded by the National Certification
// Commission for Addiction Professionals (NCC AP).
//
// Source: NAADAC, "NCPRSS", https://www.naadac.org/ncprss, checked
// 2026-11-22: high-school diploma or GED; at least 60 contact hours of
// peer-recovery training including six hours of ethics and six of
// HIV/bloodborne pathogens within the last six years; one year full-time of
// direct practice, paid or volunteer. The credential is for people in
// recovery from substance use or co-occurring disorders (lived experience).
// NAADAC's earlier test-exemption offer (closed 31 December 2018,
// https://www.naadac.org/nccap-peer-credential-offer) implies the exam
// otherwise required.
//
// Two interpretations are ours, recorded in the source note: "one year
// full-time" is counted as 2,080 hours (52 weeks of 40 hours), and the
// rule that half the training hours be face to face is not modelled. The
// renewal terms were not in the pages we could check, so the definition
// has no [Renewal]; a host adds it.
func NAADACNCPRSS() Definition {
	return Definition{
		Code:         CodeNAADACNCPRSS,
		Name:         "National Certified Peer Recovery Support Specialist (NCPRSS)",
		IssuingBody:  "NAADAC, the Association for Addiction Professionals (NCC AP)",
		Jurisdiction: Jurisdiction{Kind: JurisdictionKindNational, Code: "US"},
		Requirements: Requirements{
			Education:    EducationHighSchool,
			Attestations: []AttestationKind{AttestationKindLivedExperience},
			Training: HoursRequirement{Total: Hours(60), Domains: []DomainRequirement{
				{Domain: DomainEthics, Hours: Hours(6), WithinYears: 6},
				{Domain: DomainHIVBloodbornePathogens, Hours: Hours(6), WithinYears: 6},
			}},
			Experience: HoursRequirement{Total: Hours(2080)},
			Exam:       ExamRequirement{Code: CodeNAADACNCPRSS},
		},
		Source: Source{
			Title:   "NAADAC National Certified Peer Recovery Support Specialist (NCPRSS)",
			URL:     "https://www.naadac.org/ncprss",
			Checked: checked,
			Note:    "One year full-time direct practice counted as 2,080 hours (our conversion). The 50% face-to-face training rule is not modelled. Renewal terms not found in the sources checked.",
		},
	}
}

// PennsylvaniaCPS returns the definition of the Certified Peer Specialist
// of the Pennsylvania Certification Board.
//
// Sources, checked 2026-11-22: Copeland Center, "Pennsylvania" peer
// specialist certification summary,
// https://copelandcenter.com/peer-specialists/pennsylvania — high-school
// diploma or GED; lived experience; living or working in Pennsylvania; 75
// hours of approved peer specialist training; a state certification exam;
// recertification every two years. Pennsylvania Peer Support Coalition,
// "Continuing Education Requirements for Certified Peer Specialists",
// https://papeersupportcoalition.org/education/continuing-education-requirements/
// — 36 hours in the two years, 24 of them on peer support or recovery
// practice and 3 in ethics.
//
// Pennsylvania Certification Board, "CPS", https://www.pacertboard.org/cps,
// checked 2026-12-03 (from the operations issue): "Signed and dated Code
// of Ethical Conduct."; "You must be a person with lived experience."; "You
// must either live or work in Pennsylvania at time of application."; "Pass
// the Examination for Certified Peer Specialists."; 36 hours of continuing
// education every two years.
//
// Not modelled: the alternative prerequisite of 12 months of work or 24
// college credits within the last three years (record it as an
// experience entry or check it outside the evaluation), and the minimum
// age of 18.
func PennsylvaniaCPS() Definition {
	return Definition{
		Code:         CodePennsylvaniaCPS,
		Name:         "Certified Peer Specialist (CPS)",
		IssuingBody:  "Pennsylvania Certification Board",
		Jurisdiction: Jurisdiction{Kind: JurisdictionKindState, Code: "PA"},
		Requirements: Requirements{
			Education:    EducationHighSchool,
			Attestations: []AttestationKind{AttestationKindLivedExperience, AttestationKindCodeOfEthics, AttestationKindResidency},
			Training:     HoursRequirement{Total: Hours(75)},
			Exam:         ExamRequirement{Code: CodePennsylvaniaCPS},
		},
		Renewal: Renewal{PeriodMonths: 24, ContinuingEducation: HoursRequirement{
			Total: Hours(36),
			Domains: []DomainRequirement{
				{Domain: DomainPeerSupportRecovery, Hours: Hours(24)},
				{Domain: DomainEthics, Hours: Hours(3)},
			},
		}},
		Source: Source{
			Title:   "Copeland Center: Pennsylvania; PA Peer Support Coalition: CPS continuing education requirements",
			URL:     "https://copelandcenter.com/peer-specialists/pennsylvania",
			Checked: checked,
			Note:    "CE split from https://papeersupportcoalition.org/education/continuing-education-requirements/. The signed Code of Ethical Conduct and lived experience from the board's own page, https://www.pacertboard.org/cps (checked 2026-12-03). Not modelled: 12 months of work or 24 college credits in the last three years; minimum age 18.",
		},
	}
}

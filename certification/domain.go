package certification

import "github.com/peersupport/peersupport"

// Domain names a subject area that training hours count toward. Boards
// name their own domains, so Domain is an open vocabulary rather than an
// enum: a lowercase code of letters, digits and underscores, 1 to 64
// characters, optionally after a namespace and a colon for a host's own
// domains ("acme:harm_reduction"). The constants are the domains the
// shipped definitions use and those SAMHSA's model standards list.
type Domain string

// Well-known training domains. Training in "ethical responsibility"
// (IC&RC) and in "ethics" (NAADAC, Pennsylvania) both count as
// [DomainEthics], so one course credits every credential that asks for
// ethics hours.
const (
	DomainEthics                   Domain = "ethics"
	DomainAdvocacy                 Domain = "advocacy"
	DomainMentoringEducation       Domain = "mentoring_education"
	DomainRecoveryWellnessSupport  Domain = "recovery_wellness_support"
	DomainMentalHealthSubstanceUse Domain = "mental_health_substance_use"
	DomainIntervention             Domain = "intervention"
	DomainTrauma                   Domain = "trauma"
	DomainRecovery                 Domain = "recovery"
	DomainWellness                 Domain = "wellness"
	DomainHealthCareNavigation     Domain = "health_care_navigation"
	DomainPeerSupportRecovery      Domain = "peer_support_recovery"
	DomainHIVBloodbornePathogens   Domain = "hiv_bloodborne_pathogens"
)

// maxDomain is the length limit of a domain code.
const maxDomain = 64

// Valid reports whether d has the form described at [Domain].
func (d Domain) Valid() bool {
	switch d {
	case DomainAdvocacy, DomainMentoringEducation, DomainRecoveryWellnessSupport, DomainEthics,
		DomainMentalHealthSubstanceUse, DomainIntervention, DomainTrauma, DomainRecovery, DomainWellness,
		DomainHealthCareNavigation, DomainPeerSupportRecovery, DomainHIVBloodbornePathogens:
		return true // the package's own, known to have the form
	}
	return validCode(string(d), maxDomain, '_', true)
}

// validCode reports whether s is 1 to max characters of lowercase ASCII
// letters, digits and sep, starting with a letter, optionally behind one
// "namespace:" of the same form when namespaced is true.
func validCode(s string, max int, sep byte, namespaced bool) bool {
	if len(s) == 0 || len(s) > max {
		return false
	}
	start, colons := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
		case (c >= '0' && c <= '9') || c == sep:
			if i == start {
				return false
			}
		case c == ':' && namespaced && colons == 0 && i > 0 && i < len(s)-1:
			colons++
			start = i + 1
		default:
			return false
		}
	}
	return true
}

// domainRule returns the rule a required domain code breaks, or "".
func domainRule(d Domain) string {
	switch {
	case d == "":
		return peersupport.RuleRequired
	case !d.Valid():
		return peersupport.RuleMalformed
	}
	return ""
}

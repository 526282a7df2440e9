package certification

import "testing"

// TestKnownDomainsHaveTheForm: Domain.Valid accepts the package's own
// domains without scanning them, so each must have the form it checks.
func TestKnownDomainsHaveTheForm(t *testing.T) {
	for _, d := range []Domain{DomainAdvocacy, DomainMentoringEducation, DomainRecoveryWellnessSupport, DomainEthics,
		DomainMentalHealthSubstanceUse, DomainIntervention, DomainTrauma, DomainRecovery, DomainWellness,
		DomainHealthCareNavigation, DomainPeerSupportRecovery, DomainHIVBloodbornePathogens} {
		if !validCode(string(d), maxDomain, '_', true) || !d.Valid() {
			t.Errorf("%s: not of the form", d)
		}
	}
	for _, d := range []Domain{"", "Ethics", "ethics ", "1ethics", "acme:", ":ethics", "a:b:c", "ethics\x00"} {
		if d.Valid() {
			t.Errorf("%q: valid", d)
		}
	}
}

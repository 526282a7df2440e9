package consent_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/peersupport/peersupport/consent"
)

// FuzzCanDisclose decodes arbitrary JSON as two consents and a request
// and decides: an error wrapping ErrInvalid or a decision, never a panic;
// no release rests on a consent that fails Validate, or one not in force,
// and nothing released is outside what was asked.
func FuzzCanDisclose(f *testing.F) {
	c, _ := json.Marshal(sud())
	tpo := sud()
	tpo.Purpose, tpo.Recipients = consent.PurposeTreatmentPaymentOperations, nil
	tpo.RecipientClasses = []consent.RecipientClass{consent.RecipientClassTreatingProviders}
	t, _ := json.Marshal(tpo)
	r, _ := json.Marshal(request(notes, billing))
	e, _ := json.Marshal(exceptionRequest(consent.ExceptionCrimeOnPremises, demo, notes))
	f.Add(c, t, r)
	f.Add(c, c, e)
	f.Add([]byte(`{}`), c, []byte(`{"peer_id":"`+peerID.String()+`","recipient":{"system":"a","value":"b"},"information":["counseling_notes"],"purpose":"treatment","at":"2026-11-23T10:00:00Z","substance_use":true}`))
	f.Fuzz(func(t *testing.T, c1, c2, reqJSON []byte) {
		var a, b consent.Consent
		var req consent.DisclosureRequest
		if json.Unmarshal(c1, &a) != nil || json.Unmarshal(c2, &b) != nil || json.Unmarshal(reqJSON, &req) != nil {
			return
		}
		d, err := consent.CanDisclose([]consent.Consent{a, b}, req, nil)
		if err != nil {
			if !errors.Is(err, consent.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			if d.Allowed() {
				t.Fatal("an error with an allowed decision")
			}
			return
		}
		if !d.Allowed() {
			if len(d.Information()) > 0 || d.Notice() != "" || d.Scope() != "" {
				t.Fatal("a refusal releases something")
			}
			return
		}
		if len(d.Information()) == 0 {
			t.Fatal("allowed with nothing to disclose")
		}
		for _, k := range d.Information() {
			if !contains(req.Information, k) && !(k == consent.InfoKindIdentity && contains(req.Information, consent.InfoKindDemographics)) {
				t.Fatalf("released %s, which was not asked", k)
			}
			if k == consent.InfoKindCounselingNotes && d.Basis() != consent.BasisConsent {
				t.Fatal("counseling notes released without a consent")
			}
		}
		if d.Basis() == consent.BasisConsent {
			var used *consent.Consent
			for _, c := range []*consent.Consent{&a, &b} {
				if c.ID == d.ConsentID() && c.PeerID == req.PeerID {
					used = c
				}
			}
			switch {
			case used == nil:
				t.Fatal("released on a consent that is not the peer's")
			case used.Validate() != nil:
				t.Fatalf("released on a consent that fails Validate: %v", used.Validate())
			case !used.InForce(req.At, nil):
				t.Fatal("released on a consent not in force")
			case req.SubstanceUse && !used.SubstanceUse:
				t.Fatal("substance use records released on a consent that does not cover them")
			}
		}
	})
}

func contains(ks []consent.InfoKind, k consent.InfoKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

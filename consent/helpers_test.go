package consent_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

// monday is a Monday at 10:00 UTC.
var monday = time.Date(2026, time.November, 23, 10, 0, 0, 0, time.UTC)

var today = peersupport.DateOf(monday)

var (
	peerID  = peer.NewID()
	program = peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"}
	clinic  = peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	payer   = peersupport.Identifier{System: "urn:example:payer", Value: "state-medicaid"}
	staffer = peersupport.Identifier{System: "urn:example:staff", Value: "s-17"}
	court   = peersupport.Identifier{System: "urn:example:court", Value: "county-circuit"}
	er      = peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1588667638"}
)

// fixed returns options whose clock reads t.
func fixed(t time.Time) *consent.Options {
	return &consent.Options{Now: func() time.Time { return t }}
}

// sud returns a consent of the fixed peer, signed a month before monday,
// to the clinic for treatment, covering progress notes and the wellness
// plan, substance use records included, with every element Part 2 asks.
func sud() consent.Consent {
	return consent.Consent{
		ID: consent.NewID(), PeerID: peerID, Discloser: program,
		Recipients:   []peersupport.Identifier{clinic},
		Information:  []consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindWellnessPlan},
		Description:  "Progress notes and wellness plan, including substance use treatment information",
		SubstanceUse: true, Purpose: consent.PurposeTreatment,
		Expires: today.AddDate(1, 0, 0), RevocationNotice: true,
		HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true,
		SignedBy: consent.SignerPeer, Signed: monday.AddDate(0, -1, 0),
	}
}

// request asks to disclose kinds to the clinic for treatment at monday,
// substance use records included.
func request(kinds ...consent.InfoKind) consent.DisclosureRequest {
	return consent.DisclosureRequest{PeerID: peerID, Recipient: clinic, Information: kinds, Purpose: consent.PurposeTreatment,
		At: monday, SubstanceUse: true}
}

// codes returns the codes of d's reasons.
func codes(d consent.Decision) []string {
	var out []string
	for _, r := range d.Reasons() {
		out = append(out, r.Code)
	}
	return out
}

// requireFields checks that err is a validation error wrapping
// consent.ErrInvalid with exactly the given "path rule" failures.
func requireFields(t *testing.T, err error, want ...string) {
	t.Helper()
	require.ErrorIs(t, err, consent.ErrInvalid)
	var ve *peersupport.ValidationError
	require.True(t, errors.As(err, &ve), "want a *peersupport.ValidationError, got %v", err)
	got := []string{}
	for _, f := range ve.Fields {
		got = append(got, f.Path+" "+f.Rule)
	}
	require.ElementsMatch(t, want, got)
}

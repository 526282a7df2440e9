package consent_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

// phi are recognisable values of a fixture that must never appear in
// text the package prints, logs or puts in errors and reasons.
var phi = []string{"Marisol", "relapse in 2019", "overdosed behind the pharmacy", "Dr. Quintana", "moves to Tucson"}

func TestNoPHIInTextLogsOrErrors(t *testing.T) {
	c := sud()
	c.Description = "Notes about Marisol's relapse in 2019"
	c.ExpiryEvent = "Marisol moves to Tucson"
	req := exceptionRequest(consent.ExceptionMedicalEmergency, notes)
	req.Nature, req.Personnel = "overdosed behind the pharmacy", "Dr. Quintana"
	rec := consent.DisclosureRecord{ID: consent.NewDisclosureID(), PeerID: peerID, Nature: req.Nature, Personnel: req.Personnel}
	facts := consent.AccessFacts{Consents: []consent.Consent{c}, Assignments: []peer.Assignment{{ID: peer.NewAssignmentID(), PeerID: peerID}}}
	d, err := consent.CanDisclose([]consent.Consent{c}, request(notes), nil)
	require.NoError(t, err)
	require.Contains(t, d.Scope(), "Marisol", "the scope, for the recipient, holds the description")

	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	text := slog.New(slog.NewTextHandler(&out, nil))
	for _, v := range []any{c, req, rec, facts, d, &c, &d, []consent.Decision{d}, map[string]consent.Decision{"d": d}} {
		log.Info("value", "v", v)
		text.Info("value", "v", v)
		fmt.Fprintf(&out, "%v %+v %#v %s\n", v, v, v, v)
	}
	// slog's JSONHandler marshals what is not a LogValuer, such as a slice
	// of consents, to JSON, which is the complete wire format; the
	// hardening issue deals with collections. fmt and the TextHandler
	// print them through Format.
	for _, v := range []any{[]consent.Consent{c}, map[string]consent.Consent{"c": c}, struct{ C consent.Consent }{c}} {
		text.Info("value", "v", v)
		fmt.Fprintf(&out, "%v %+v %#v %s\n", v, v, v, v)
	}

	bad := c
	bad.Recipients, bad.Revoked = nil, bad.Signed.Add(-1)
	fmt.Fprintln(&out, bad.Validate())
	badReq := req
	badReq.Recipient = peersupport.Identifier{}
	_, err = consent.CanDisclose(nil, badReq, nil)
	fmt.Fprintln(&out, err)
	refused, err := consent.CanDisclose([]consent.Consent{c}, request(billing), nil)
	require.NoError(t, err)
	for _, dd := range []consent.Decision{d, refused} {
		for _, r := range dd.Reasons() {
			fmt.Fprintln(&out, r.Code, r.Text)
		}
	}
	var decoded consent.Decision
	fmt.Fprintln(&out, json.Unmarshal([]byte(`{"scope":"Marisol"}`), &decoded))

	got := out.String()
	for _, v := range phi {
		assert.False(t, strings.Contains(got, v), "%q leaked", v)
	}
	assert.Contains(t, got, peerID.String(), "IDs are printed")
}

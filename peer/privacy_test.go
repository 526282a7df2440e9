package peer_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

var phi = []string{phiGiven, phiFamily, phiPreferred, phiPhone, phiMRN, phiBirth, phiLicense, "roz@example.org", "she/her"}

func assertNoPHI(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range phi {
		assert.NotContains(t, text, s, "%s exposes personal details", what)
	}
}

func TestNoPHIInStringsAndLogs(t *testing.T) {
	p, s, sv := validPeer(), validSpecialist(), validSupervisor()
	for _, v := range []any{p, &p, s, &s, sv, &sv} {
		text := fmt.Sprintf("%v %+v %#v %s", v, v, v, v)
		assertNoPHI(t, fmt.Sprintf("%T formatted", v), text)
		assert.Contains(t, text, "(", "formatted values name the type and ID")

		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("event", "value", v)
		assertNoPHI(t, fmt.Sprintf("%T logged", v), buf.String())
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("event", "peer", p)
	assert.Contains(t, buf.String(), "peer.peer_id="+p.ID.String())
}

func TestNoPHIInErrors(t *testing.T) {
	ctx := t.Context()
	p, s := validPeer(), validSpecialist()
	var errs []error

	// Validation errors of values full of personal details.
	bad := p
	bad.Name.Family = " " + phiFamily
	bad.Contact = []peer.ContactPoint{{System: peer.ContactSystemEmail, Value: phiPhone}}
	bad.BirthDate = peersupport.Date{Year: 1987, Month: 7, Day: 40}
	bad.Languages = []string{phiGiven}
	errs = append(errs, bad.Validate())
	badS := s
	badS.Name.Given = phiGiven + " "
	errs = append(errs, badS.Validate())
	badSV := validSupervisor()
	badSV.Jurisdiction = phiFamily
	badSV.LicenseNumber = " " + phiLicense
	errs = append(errs, badSV.Validate())

	// Errors of the operations and of the store.
	st := memstore.NewDB()
	_, err := peer.Peers.Create(ctx, st, bad)
	errs = append(errs, err)
	_, err = peer.Peers.Get(ctx, st, p.ID)
	errs = append(errs, err)
	_, err = peer.Peers.Update(ctx, st, p)
	errs = append(errs, err)
	inactive := p
	inactive.Status = peer.StatusInactive
	_, err = peer.Peers.Create(ctx, st, inactive)
	require.NoError(t, err)
	_, err = peer.Specialists.Create(ctx, st, s)
	require.NoError(t, err)
	_, err = peer.Assign(ctx, st, inactive.ID, s.ID, feb3)
	errs = append(errs, err)
	_, err = peer.Assign(ctx, st, bad.ID, s.ID, feb3)
	errs = append(errs, err)
	_, err = peer.Match(bad, nil, nil)
	errs = append(errs, err)
	errs = append(errs, bad.Discharge(jan6.AddDays(-3)))
	_, err = peer.ParseID(phiGiven)
	errs = append(errs, err)
	_, err = peer.ParseFocus(phiGiven)
	errs = append(errs, err)
	_, err = peersupport.ParseDate(phiBirth + "x")
	errs = append(errs, err)

	for i, err := range errs {
		require.Error(t, err, "case %d", i)
		assertNoPHI(t, fmt.Sprintf("error %d", i), err.Error())
	}
}

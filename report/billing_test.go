package report_test

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
)

func TestBilling(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	payer := peersupport.Identifier{System: billing.SystemPayer, Value: "p"}
	rules := billing.Default(payer)
	rules.Requires.Authorization = true
	opts := &billing.Options{PlaceOfService: "11", Now: func() time.Time { return oct(31, 12) }}

	sp := peer.Specialist{ID: sam, Name: peer.Name{Given: "Sam"}, Titles: []peer.Title{peer.TitleCertifiedPeerSpecialist},
		Employment: peer.EmploymentFullTime, Status: peer.SpecialistStatusActive}
	_, err := peer.Specialists.Create(ctx, db, sp)
	require.NoError(t, err)
	_, err = certification.Credentials.Create(ctx, db, certification.Credential{ID: certification.NewCredentialID(), SpecialistID: sam,
		Code: "cprs", Number: "1", Issued: oct1.AddDate(-1, 0, 0)})
	require.NoError(t, err)
	p := peer.Peer{ID: peerA, Name: peer.Name{Given: "A"}, Focus: peer.FocusSubstanceUse, Status: peer.StatusActive, EnrolledOn: oct1.AddDate(0, -1, 0)}
	_, err = peer.Peers.Create(ctx, db, p)
	require.NoError(t, err)
	_, err = consent.Consents.Create(ctx, db, consent.Consent{ID: consent.NewID(), PeerID: peerA,
		Discloser: peersupport.Identifier{System: "urn:x", Value: "program"}, Recipients: []peersupport.Identifier{payer},
		Information: []consent.InfoKind{consent.InfoKindBilling}, Description: "Billing", Purpose: consent.PurposePayment,
		Expires: oct1.AddDate(1, 0, 0), RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: oct(1, 9)})
	require.NoError(t, err)
	auth := billing.Authorization{ID: billing.NewAuthorizationID(), Kind: billing.AuthorizationKindPrior, PeerID: peerA, Payer: payer,
		Service: "H0038", Units: 10, Start: oct1, End: oct1.AddDays(60)}
	_, err = billing.Authorizations.Create(ctx, db, auth)
	require.NoError(t, err)

	signed := func(s session.Session) session.Session {
		s.Support = []session.Support{{Type: session.SupportTypeEmotional}}
		s.Place = "Office"
		s.Note = session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Met."}},
			Signed: session.Signature{SpecialistID: sam, At: s.Actual.End}}
		return s
	}
	billed := signed(oneOne(sam, peerA, oct(2, 10), 60, session.StatusCompleted, session.ModeInPerson))                          // 4 units, billed
	ready := signed(oneOne(sam, peerA, oct(9, 10), 45, session.StatusCompleted, session.ModeInPerson))                           // 3 units, ready
	unsigned := oneOne(sam, peerA, oct(16, 10), 30, session.StatusCompleted, session.ModeInPerson, session.SupportTypeEmotional) // held: unsigned
	for _, s := range []session.Session{billed, ready, unsigned} {
		_, err := session.Sessions.Create(ctx, db, s)
		require.NoError(t, err)
	}
	_, err = billing.Bill(ctx, db, billed.ID, rules, opts)
	require.NoError(t, err)

	r, err := report.Billing(ctx, db, month, []billing.Rules{rules}, opts)
	require.NoError(t, err)
	require.Len(t, r.Payers, 1)
	pb := r.Payers[0]
	assert.Equal(t, rules.ID, pb.RulesID)
	assert.Equal(t, 1, pb.Lines)
	assert.Equal(t, 4, pb.Units)
	assert.Equal(t, 1, pb.Ready)
	assert.Equal(t, 3, pb.ReadyUnits)
	assert.Contains(t, pb.Held, report.ReasonCount{Reason: billing.ReasonNoteUnsigned, Count: 1})
	require.Len(t, pb.Authorizations, 1)
	assert.Equal(t, report.AuthorizationUse{AuthorizationID: auth.ID, Authorized: 10, Used: 4, Left: 6, Through: auth.End}, pb.Authorizations[0])
	assert.Equal(t, pb.BillingFigures.Lines, r.Program.Lines)
	assert.Equal(t, pb.Held, r.Program.Held)

	var b bytes.Buffer
	require.NoError(t, r.WriteCSV(&b))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{rules.ID, "1", "4", "1", "3"}, rows[1][:5])
	assert.Equal(t, "program", rows[2][0])

	_, err = report.Billing(ctx, db, month, nil, opts)
	assert.ErrorIs(t, err, report.ErrInvalid)
	_, err = report.Billing(ctx, db, month, []billing.Rules{rules, rules}, opts)
	assert.ErrorIs(t, err, report.ErrInvalid)
}

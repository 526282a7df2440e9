package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// DisclosureRequest asks to disclose kinds of information about a peer to
// a recipient: what consent.Disclose decides. The peer is the path's.
//
//peersupport:redact
type DisclosureRequest struct {
	// Recipient is who the records go to, by identifier (an NPI, say).
	Recipient peersupport.Identifier `json:"recipient"`
	// RecipientClass is the recipient's class, for consents that name
	// classes.
	RecipientClass consent.RecipientClass `json:"recipient_class,omitzero"`
	// Information are the kinds of information to disclose.
	Information []consent.InfoKind `json:"information"`
	// Purpose is why; required unless an Exception applies.
	Purpose consent.Purpose `json:"purpose,omitzero"`
	// Exception names the exception of the rules a disclosure without
	// consent rests on (a medical emergency, say).
	Exception consent.Exception `json:"exception,omitzero"`
	// SubstanceUse marks the records as 42 CFR Part 2 records. The server
	// sets it for a Part 2 program and for a peer whose focus is substance
	// use; a request can add it, never take it away.
	SubstanceUse bool `json:"substance_use,omitempty"`
	// DisclosedByName, Personnel, Facility and Nature are what a
	// disclosure in a medical emergency records (42 CFR § 2.51(c), see
	// consent.DisclosureRequest).
	DisclosedByName string                 `json:"disclosed_by_name,omitempty"`
	Personnel       string                 `json:"personnel,omitempty"`
	Facility        peersupport.Identifier `json:"facility,omitzero"`
	Nature          string                 `json:"nature,omitempty"`
}

// DisclosureResult is a decision and, when it allowed, the entry it made
// in the accounting of disclosures (pending until the records are sent,
// then settled with the sent or failed operation). A Go client decodes
// the decision into a type of its own: consent.Decision marshals for
// records and interfaces but cannot be decoded, so that a decision is
// never forged from JSON.
//
//peersupport:redact
type DisclosureResult struct {
	// Decision is the decision, as consent.Decision marshals it.
	Decision consent.Decision `json:"decision"`
	// Record is the entry in the accounting of disclosures an allowed
	// decision made.
	Record *consent.DisclosureRecord `json:"record,omitempty"`
	// Notice is the statement that goes with the records (42 CFR § 2.32).
	Notice string `json:"notice,omitempty"`
	// Reasons say why, for the program's staff.
	Reasons []consent.Reason `json:"reasons,omitempty"`
}

func consentRoutes() []route {
	return []route{
		list("/peers/{peer}/consents", "listPeerConsents", "consents", "The peer's consents", typeOf[consent.Consent](), listPeerConsents),
		post("/consents", "recordConsent", "consents", "Record a consent the peer signed (42 CFR § 2.31 elements are checked)",
			typeOf[consent.Consent](), typeOf[consent.Consent](), http.StatusCreated, false, recordConsent),
		get("/consents/{consent}", "getConsent", "consents", "One consent", typeOf[consent.Consent](), getConsent),
		post("/consents/{consent}/revoke", "revokeConsent", "consents", "Revoke a consent now",
			nil, typeOf[consent.Consent](), http.StatusOK, true, revokeConsent),
		list("/peers/{peer}/disclosures", "listPeerDisclosures", "consents", "The accounting of the peer's disclosures",
			typeOf[consent.DisclosureRecord](), listPeerDisclosures),
		post("/peers/{peer}/disclosures", "decideDisclosure", "consents",
			"Decide a disclosure under the peer's consents; an allowed one is recorded as pending in the accounting",
			typeOf[DisclosureRequest](), typeOf[DisclosureResult](), http.StatusOK, false, decideDisclosure),
		get("/disclosures/{disclosure}", "getDisclosure", "consents", "One entry of the accounting of disclosures, with its version for the sent and failed operations",
			typeOf[consent.DisclosureRecord](), getDisclosure),
		post("/disclosures/{disclosure}/sent", "markDisclosureSent", "consents", "Record that an allowed disclosure was sent",
			nil, typeOf[consent.DisclosureRecord](), http.StatusOK, true, settle(true)),
		post("/disclosures/{disclosure}/failed", "markDisclosureFailed", "consents", "Record that an allowed disclosure could not be sent",
			nil, typeOf[consent.DisclosureRecord](), http.StatusOK, true, settle(false)),
		{Method: http.MethodPost, Path: "/peers/{peer}/fhir", ID: "exportPeer", Tag: "fhir",
			Summary: "Disclose the peer's record as a FHIR R4 Bundle to a recipient, under a decision recorded in the accounting (pending until the sent operation); only what the peer's consent releases is in it",
			Body:    typeOf[DisclosureRequest](), Status: http.StatusOK, Raw: "application/fhir+json", run: exportPeer},
	}
}

func listPeerConsents(q *request) (response, error) {
	return peerPage(q, consent.InfoKindConsents, consent.Consents, func(id peer.ID) storage.Filter[consent.Consent] {
		return consent.ConsentFilter{PeerID: id}
	})
}

// recordConsent records a consent the peer signed: by the peer, or by
// the program's staff whose duties cover consents. A specialist, a
// supervisor or a recipient never records one: a consent decides what
// leaves the program, and whoever could write one could let themselves
// in.
func recordConsent(q *request) (response, error) {
	if err := q.mayEverWrite(consent.InfoKindConsents, consent.Consents.Kind()); err != nil {
		return response{}, err
	}
	var c consent.Consent
	if err := q.decode(&c); err != nil {
		return response{}, err
	}
	chosen := c.ID
	c.ID = consent.NewID()
	if c.PeerID.IsZero() {
		return response{}, invalidField("/peer_id", peersupport.RuleRequired)
	}
	ctx, err := q.allowWrite(consent.InfoKindConsents, consent.Consents.Kind(), c.ID.String(), c.PeerID)
	if err != nil {
		return response{}, err
	}
	if !chosen.IsZero() {
		return response{}, invalidField("/id", peersupport.RuleForbidden)
	}
	if err := q.peerExists(ctx, c.PeerID); err != nil {
		return response{}, err
	}
	if c.Discloser == (peersupport.Identifier{}) {
		c.Discloser = q.api.opts.Program
	}
	c.Version = 0
	if c, err = consent.Consents.Create(ctx, q.api.db, c); err != nil {
		return response{}, err
	}
	return q.created(c, c.Version, "consents/"+c.ID.String())
}

// loadConsent reads the consent to decide on and decides.
func (q *request) loadConsent() (consent.Consent, context.Context, error) {
	return loadRecord(q, "consent", consent.ParseID, consent.InfoKindConsents, consent.Consents, func(c *consent.Consent) peer.ID { return c.PeerID })
}

func getConsent(q *request) (response, error) {
	c, _, err := q.loadConsent()
	if err != nil {
		return response{}, err
	}
	return q.ok(c, c.Version)
}

// revokeConsent revokes a consent now: by the peer, or by staff whose
// duties cover consents.
func revokeConsent(q *request) (response, error) {
	c, _, err := q.loadConsent()
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allowWrite(consent.InfoKindConsents, consent.Consents.Kind(), c.ID.String(), c.PeerID)
	if err != nil {
		return response{}, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	if c.Version != version {
		return response{}, errStale
	}
	// The clock's time at commit, as Revoke reads it: never before a
	// disclosure that committed on the consent in between.
	c, err = consent.Revoke(ctx, q.api.db, c.ID, time.Time{}, q.consentOptions())
	if err != nil {
		return response{}, err
	}
	return q.ok(c, c.Version)
}

func (q *request) consentOptions() *consent.Options {
	return &consent.Options{Location: q.api.opts.Location, Now: q.api.opts.Now}
}

func listPeerDisclosures(q *request) (response, error) {
	return peerPage(q, consent.InfoKindConsents, consent.Disclosures, func(id peer.ID) storage.Filter[consent.DisclosureRecord] {
		return consent.DisclosureFilter{PeerID: id}
	})
}

// disclose decides the request about the path's peer, as the program's
// staff whose duties cover consents (disclosing is the program's act).
func (q *request) disclose(export bool) (peer.ID, consent.Decision, consent.DisclosureRecord, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return peer.ID{}, consent.Decision{}, consent.DisclosureRecord{}, err
	}
	ctx, err := q.duty(consent.Disclosures.Kind(), id.String(), consent.InfoKindConsents)
	if err != nil {
		return id, consent.Decision{}, consent.DisclosureRecord{}, err
	}
	if err := q.peerExists(ctx, id); err != nil {
		return id, consent.Decision{}, consent.DisclosureRecord{}, err
	}
	var in DisclosureRequest
	if err := q.decode(&in); err != nil {
		return id, consent.Decision{}, consent.DisclosureRecord{}, err
	}
	if export {
		// The bundle comes back to the caller, who sends it on: they
		// see every kind it holds, so their duties must cover each.
		for _, k := range in.Information {
			if !q.caller.has(k) {
				return id, consent.Decision{}, consent.DisclosureRecord{}, q.refuse("no_duty", consent.Disclosures.Kind(), id.String(), []string{id.String()})
			}
		}
	}
	sud, err := q.substanceUse(id)
	if err != nil {
		return id, consent.Decision{}, consent.DisclosureRecord{}, err
	}
	d, rec, err := consent.Disclose(ctx, q.api.db, consent.DisclosureRequest{
		PeerID: id, Recipient: in.Recipient, RecipientClass: in.RecipientClass, Information: in.Information,
		Purpose: in.Purpose, Exception: in.Exception, SubstanceUse: in.SubstanceUse || sud, At: q.now,
		DisclosedBy: q.api.opts.Program, DisclosedByName: in.DisclosedByName, Personnel: in.Personnel, Facility: in.Facility, Nature: in.Nature,
	}, q.consentOptions())
	return id, d, rec, err
}

// disclosurePurpose is the purpose a disclosure's reads are recorded
// under: its purpose, or its exception's code.
func disclosurePurpose(d consent.Decision) string {
	if d.Purpose() != consent.PurposeUnspecified {
		return d.Purpose().String()
	}
	return d.Exception().String()
}

// getDisclosure reads an entry of the accounting, for staff whose duties
// cover consents.
func getDisclosure(q *request) (response, error) {
	ctx, err := q.duty(consent.Disclosures.Kind(), "disclosure", consent.InfoKindConsents)
	if err != nil {
		return response{}, err
	}
	id, err := pathID(q, "disclosure", consent.ParseDisclosureID)
	if err != nil {
		return response{}, err
	}
	rec, err := consent.Disclosures.Get(ctx, q.api.db, id)
	if err != nil {
		return response{}, err
	}
	return q.ok(rec, rec.Version)
}

// settle records the outcome of a pending disclosure, as the program's
// staff whose duties cover consents, at the If-Match version.
func settle(sent bool) func(*request) (response, error) {
	return func(q *request) (response, error) {
		ctx, err := q.duty(consent.Disclosures.Kind(), "disclosure", consent.InfoKindConsents)
		if err != nil {
			return response{}, err
		}
		id, err := pathID(q, "disclosure", consent.ParseDisclosureID)
		if err != nil {
			return response{}, err
		}
		version, err := q.ifMatch()
		if err != nil {
			return response{}, err
		}
		rec, err := consent.Disclosures.Get(ctx, q.api.db, id)
		if err != nil {
			return response{}, err
		}
		if rec.Version != version {
			return response{}, errStale
		}
		if sent && !rec.ConsentID.IsZero() {
			// The records go on the consent's word: not once it is revoked
			// (42 CFR § 2.31(a)(6) keeps only what was done in reliance on it
			// before). Mark the disclosure failed instead.
			c, err := consent.Consents.Get(ctx, q.api.db, rec.ConsentID)
			if err != nil {
				return response{}, err
			}
			if !c.Revoked.IsZero() {
				return response{}, fmt.Errorf("httpapi: disclosure %s: consent %s: %w", rec.ID, c.ID, consent.ErrRevoked)
			}
		}
		if sent {
			rec, err = consent.MarkSent(ctx, q.api.db, id, q.consentOptions())
		} else {
			rec, err = consent.MarkFailed(ctx, q.api.db, id, q.consentOptions())
		}
		if err != nil {
			return response{}, err
		}
		return q.ok(rec, rec.Version)
	}
}

func decideDisclosure(q *request) (response, error) {
	id, d, rec, err := q.disclose(false)
	if errors.Is(err, consent.ErrRefused) {
		// The answer is the decision, with its reasons, for the program's
		// staff; the refusal is on the audit like every other.
		code := "refused"
		if r := d.Reasons(); len(r) > 0 {
			code = r[0].Code
		}
		if err := q.api.db.Refused(q.access(DecisionRefused+":"+code), consent.Disclosures.Kind(), []string{id.String()}, []string{id.String()}); err != nil {
			return response{}, err
		}
	} else if err != nil {
		return response{}, err
	}
	out := DisclosureResult{Decision: d, Reasons: d.Reasons()}
	if d.Allowed() {
		out.Record, out.Notice = &rec, d.Notice()
	}
	return response{status: http.StatusOK, body: out}, nil
}

// exportPeer writes the bundle in full before it answers, so that a
// failure is a problem, not half a bundle. The bundle comes back to the
// caller, who sends it on to the recipient: the disclosure stays pending
// in the accounting until the caller says it went (the sent operation) or
// could not go (failed); X-Disclosure-ID names it. A bundle that could
// not be written marks it failed at once.
func exportPeer(q *request) (response, error) {
	id, d, rec, err := q.disclose(true)
	if errors.Is(err, consent.ErrRefused) {
		code := "refused"
		if r := d.Reasons(); len(r) > 0 {
			code = r[0].Code
		}
		return response{}, q.refuse(code, consent.Disclosures.Kind(), id.String(), []string{id.String()})
	}
	if err != nil {
		return response{}, err
	}
	// The export's reads are the disclosure's: under its ID and purpose.
	ctx := audit.With(q.ctx(), audit.Access{Actor: q.caller.Actor, Role: q.caller.Role.String(), Purpose: disclosurePurpose(d), Decision: rec.ID.String()})
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(ctx, &buf, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: d.Recipient(), DB: q.api.db, SubstanceUse: d.SubstanceUse()})
	if err == nil {
		err = fhir.WritePeer(ctx, b, q.api.db, id, q.today(), nil)
	}
	if err == nil {
		err = b.Close()
	}
	if err != nil {
		if _, ferr := consent.MarkFailed(ctx, q.api.db, rec.ID, q.consentOptions()); ferr != nil {
			return response{}, errors.Join(err, ferr)
		}
		return response{}, err
	}
	q.header.Set("X-Disclosure-ID", rec.ID.String())
	q.header.Set("X-Disclosure-Version", etag(rec.Version))
	return response{status: http.StatusOK, contentType: "application/fhir+json", raw: func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}}, nil
}

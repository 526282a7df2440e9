package fhir

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/storage"
)

// BundleType is the type of a [BundleWriter]'s Bundle.
type BundleType string

// The bundle types this package writes.
const (
	// Collection: a set of resources, for an archive or a file.
	Collection BundleType = "collection"
	// Transaction: resources for a FHIR server to store at once; each
	// entry is a conditional-free PUT of "<Type>/<id>", so sending the same
	// bundle twice stores the same resources, not copies.
	Transaction BundleType = "transaction"
)

// ExtensionRedisclosureNotice is the URL of the Bundle.meta extension
// that carries the statement of 42 CFR § 2.32(a) (consent.Statement1 or
// consent.Statement2, as the decision chose) when the bundle holds
// substance use disorder records.
const ExtensionRedisclosureNotice = Base + "/StructureDefinition/redisclosure-notice"

// ExtensionConsentScope is the URL of the Bundle.meta extension that
// carries the clear explanation of the scope of the consent a disclosure
// is made on (consent.Decision.Scope), which 42 CFR § 2.32(b) asks to go
// with it.
const ExtensionConsentScope = Base + "/StructureDefinition/consent-scope"

// BundleOptions configure a [BundleWriter]. A nil *BundleOptions means
// none.
type BundleOptions struct {
	// ID is the Bundle's id; empty for none.
	ID string
	// Decision, when set, limits the bundle to what a disclosure decision
	// releases. Only a decision that consent.Disclose allowed and
	// recorded is accepted, for the Recipient it names, while its entry in
	// the accounting of disclosures (read from DB) is pending; anything
	// else (a refusal, a preview from consent.CanDisclose, an access
	// decision, the zero Decision, a disclosure marked sent or failed)
	// refuses the bundle with [ErrWithheld]. One recorded disclosure is
	// one send: mark it sent once the bundle went. Then a
	// resource about another peer than the decision's, or about no one
	// peer (a group's Encounter or shared note), or whose kind of
	// information the decision does not release, is refused with
	// [ErrWithheld]; so is a resource labelled as substance use disorder
	// information (a 42 CFR Part 2 consent) unless the decision releases
	// such records. Practitioners and their roles follow the kind rule
	// alone (demographics); consents are their own kind. Under a decision
	// that releases identity but not demographics, a Patient is written
	// with its name and active flag only.
	Decision *consent.Decision
	// Recipient is who the bundle goes to; required with Decision, and
	// it must be the decision's recipient.
	Recipient peersupport.Identifier
	// DB holds the accounting of disclosures the decision was recorded in;
	// required with Decision.
	DB *storage.DB
	// SubstanceUse marks the bundle as holding substance use disorder
	// records even without a decision: it carries the security labels
	// ETH and 42CFRPart2 and the statement of 42 CFR § 2.32(a) in
	// Bundle.meta.
	SubstanceUse bool
}

// errNotStarted is the error of a BundleWriter that NewBundleWriter did
// not make.
var errNotStarted = fmt.Errorf("fhir: a BundleWriter not made by NewBundleWriter: %w", ErrInvalid)

// isNil reports a nil pointer in an interface.
func isNil(r Resource) bool {
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// BundleWriter writes a FHIR Bundle to an io.Writer one entry at a time,
// so a whole caseload exports without holding it in memory. Each entry's
// fullUrl is "urn:uuid:<id>", the form every reference of this package
// takes.
//
// Every reference in a bundle resolves inside it: a literal reference to
// a resource not written before it is written as a logical reference
// instead, an identifier in the system "urn:ietf:rfc:3986" whose value is
// the urn:uuid the resource has everywhere (FHIR R4 Reference.identifier).
// So add a resource after the resources it refers to ([WriteCaseload]
// does); a reference to something the bundle withholds never dangles.
// The writer keeps the set of fullUrls written for this. Call Close to
// finish the JSON. A BundleWriter is not safe for concurrent use.
type BundleWriter struct {
	w        *bufio.Writer
	typ      BundleType
	decision *consent.Decision // nil: everything may go
	peer     string            // with decision: the only peer resources may be about
	written  map[string]bool   // ids of the entries written
	scratch  []byte            // reused for JSON with logical references
	enc      []byte            // reused for the JSON of resources that write their own
	entries  int
	closed   bool
	err      error
}

// NewBundleWriter starts a Bundle of the given type on w; ctx is for
// reading the decision's entry from BundleOptions.DB. It returns an error
// wrapping [ErrInvalid] for a nil w, an unknown type, or a decision
// without a Recipient or a DB, [ErrWithheld] for a decision that may not
// be exported (see [BundleOptions]), the log's error, or w's error.
func NewBundleWriter(ctx context.Context, w io.Writer, typ BundleType, opts *BundleOptions) (*BundleWriter, error) {
	if w == nil || typ != Collection && typ != Transaction {
		return nil, fmt.Errorf("fhir: bundle writer and type: %w", ErrInvalid)
	}
	if opts == nil {
		opts = &BundleOptions{}
	}
	b := &BundleWriter{w: bufio.NewWriterSize(w, 64<<10), typ: typ, written: map[string]bool{}}
	sud := opts.SubstanceUse
	var meta Meta
	if d := opts.Decision; d != nil {
		switch {
		case !d.ForDisclosure() || !d.Allowed():
			return nil, fmt.Errorf("fhir: bundle: decision does not allow a disclosure: %w", ErrWithheld)
		case d.DisclosureID().IsZero():
			return nil, fmt.Errorf("fhir: bundle: decision not recorded by consent.Disclose: %w", ErrWithheld)
		case opts.Recipient == (peersupport.Identifier{}) || opts.DB == nil:
			return nil, fmt.Errorf("fhir: bundle: a decision needs the recipient the bundle goes to and its log: %w", ErrInvalid)
		case opts.Recipient != d.Recipient():
			return nil, fmt.Errorf("fhir: bundle for disclosure %s: recipient is not the decision's: %w", d.DisclosureID(), ErrWithheld)
		}
		if err := pending(ctx, opts.DB, *d); err != nil {
			return nil, err
		}
		dc := *d
		b.decision, b.peer = &dc, d.PeerID().String()
		sud = sud || d.SubstanceUse()
		if s := d.Scope(); s != "" {
			meta.Extension = append(meta.Extension, Extension{URL: ExtensionConsentScope, ValueString: s})
		}
	}
	if sud {
		notice := consent.Statement1
		if d := opts.Decision; d != nil && d.Notice() != "" {
			notice = d.Notice()
		}
		meta.Extension = slices.Insert(meta.Extension, 0, Extension{URL: ExtensionRedisclosureNotice, ValueString: notice})
		meta.Security = part2Labels
	}
	head := struct {
		Type string     `json:"resourceType"`
		ID   string     `json:"id,omitempty"`
		Meta *Meta      `json:"meta,omitempty"`
		BT   BundleType `json:"type"`
	}{Type: "Bundle", ID: opts.ID, BT: typ}
	if len(meta.Extension) > 0 || len(meta.Security) > 0 {
		head.Meta = &meta
	}
	data, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	b.write(data[:len(data)-1]) // leave the object open for the entries
	if b.err != nil {
		return nil, b.err
	}
	return b, nil
}

// pending returns nil when the decision's entry in the accounting is pending
// and records what the decision releases, or an error wrapping
// ErrWithheld (or the driver's error).
func pending(ctx context.Context, db *storage.DB, d consent.Decision) error {
	rec, err := consent.Disclosures.Get(ctx, db, d.DisclosureID())
	if err != nil {
		return fmt.Errorf("fhir: bundle for disclosure %s: %w", d.DisclosureID(), err)
	}
	if rec.Status != consent.DisclosureStatusPending || rec.PeerID != d.PeerID() || rec.Recipient != d.Recipient() ||
		!slices.Equal(rec.Information, d.Information()) {
		return fmt.Errorf("fhir: bundle for disclosure %s: entry %s: %w", d.DisclosureID(), rec.Status, ErrWithheld)
	}
	return nil
}

func (b *BundleWriter) write(p []byte) {
	if b.err == nil {
		_, b.err = b.w.Write(p)
	}
}

func (b *BundleWriter) writeString(s string) {
	if b.err == nil {
		_, b.err = b.w.WriteString(s)
	}
}

// infoKind says which kind of information a resource carries, for
// disclosure decisions. A DocumentReference labelled PSYTHPN (v3 ActCode
// "psychotherapy note information sensitivity") is SUD counseling notes;
// the package's own notes are progress notes.
func infoKind(r Resource) consent.InfoKind {
	switch r.ResourceType() {
	case "Encounter":
		return consent.InfoKindAttendance
	case "DocumentReference":
		if labelled(r, "PSYTHPN") {
			return consent.InfoKindCounselingNotes
		}
		return consent.InfoKindProgressNotes
	case "CarePlan", "Goal":
		return consent.InfoKindWellnessPlan
	case "QuestionnaireResponse", "Observation":
		return consent.InfoKindAssessments
	case "ChargeItem", "Claim":
		return consent.InfoKindBilling
	case "Consent":
		return consent.InfoKindConsents
	}
	// Patient, Practitioner, PractitionerRole, CareTeam: who the peer is
	// and who serves them.
	return consent.InfoKindDemographics
}

// Add writes one resource as an entry. It returns an error wrapping
// [ErrWithheld] for a resource the bundle's decision does not release
// (nothing is written; the bundle stays usable), [ErrInvalid] for a
// resource without an id or one already in the bundle, or the first
// write error, after which every call fails.
func (b *BundleWriter) Add(r Resource) error {
	if b == nil || b.w == nil {
		return errNotStarted
	}
	if b.err != nil {
		return b.err
	}
	if b.closed {
		return fmt.Errorf("fhir: bundle entry after Close: %w", ErrInvalid)
	}
	if r == nil || isNil(r) || !validID(r.ResourceID()) || !validType(r.ResourceType()) {
		return fmt.Errorf("fhir: bundle entry %d: id or type: %w", b.entries, ErrInvalid)
	}
	if b.written[r.ResourceID()] {
		return fmt.Errorf("fhir: bundle entry %s/%s: in the bundle already: %w", r.ResourceType(), r.ResourceID(), ErrInvalid)
	}
	var err error
	if b.decision != nil {
		if r, err = b.release(r); err != nil {
			return err
		}
	}
	var data []byte
	if a, ok := r.(jsonAppender); ok {
		// It writes its own JSON, making unresolved references logical as
		// it goes: no second pass over the JSON.
		w := &jw{b: b.enc[:0], written: b.written, withheld: b.decision != nil}
		a.writeJSON(w)
		data, b.enc = w.b, w.b[:0]
	} else if data, err = b.marshalResolved(r); err != nil {
		return err
	}
	if b.entries == 0 {
		b.writeString(`,"entry":[`)
	} else {
		b.writeString(",")
	}
	b.writeString(`{"fullUrl":"urn:uuid:`)
	b.writeString(r.ResourceID())
	b.writeString(`","resource":`)
	b.write(data)
	if b.typ == Transaction {
		b.writeString(`,"request":{"method":"PUT","url":"`)
		b.writeString(r.ResourceType())
		b.writeString("/")
		b.writeString(r.ResourceID())
		b.writeString(`"}`)
	}
	b.writeString("}")
	if b.err == nil {
		b.entries++
		b.written[r.ResourceID()] = true
	}
	return b.err
}

// marshalResolved returns r's JSON through encoding/json with every
// reference resolved in the bundle or made logical.
func (b *BundleWriter) marshalResolved(r Resource) ([]byte, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("fhir: bundle entry %s/%s: %w", r.ResourceType(), r.ResourceID(), err)
	}
	if b.decision != nil {
		// A reference to what the decision withholds loses its display
		// too, which may name what is withheld.
		if !b.resolves(data) {
			r = logicalRefs(r, b.written, true)
			if data, err = json.Marshal(r); err != nil {
				return nil, fmt.Errorf("fhir: bundle entry %s/%s: %w", r.ResourceType(), r.ResourceID(), err)
			}
		}
	} else if data, err = b.logicalJSON(r, data); err != nil {
		return nil, err
	}
	return data, nil
}

// release returns r as the bundle's decision lets it go, or an error
// wrapping ErrWithheld.
func (b *BundleWriter) release(r Resource) (Resource, error) {
	withheld := func(why string) error {
		return fmt.Errorf("fhir: bundle entry %s/%s: %s: %w", r.ResourceType(), r.ResourceID(), why, ErrWithheld)
	}
	d := b.decision
	if !b.about(r) {
		return nil, withheld("not about the decision's peer")
	}
	if (labelled(r, "ETH") || labelled(r, "42CFRPart2")) && !d.SubstanceUse() {
		return nil, withheld("substance use disorder information")
	}
	kind := infoKind(r)
	if d.Releases(kind) {
		return r, nil
	}
	if p, ok := r.(Patient); ok && d.Releases(consent.InfoKindIdentity) {
		// Without its gender the Patient no longer conforms to US Core:
		// it keeps its security labels and drops the profile.
		var meta *Meta
		if p.Meta != nil && (len(p.Meta.Security) > 0 || len(p.Meta.Extension) > 0) {
			meta = &Meta{Extension: p.Meta.Extension, Security: p.Meta.Security}
		}
		return Patient{Type: p.Type, ID: p.ID, Meta: meta, Active: p.Active, Name: p.Name}, nil
	}
	return nil, withheld(kind.String() + " not released")
}

// validID reports whether s is FHIR R4's id type ([A-Za-z0-9\-\.]{1,64}),
// which also keeps an id from ending the JSON string it is written into.
func validID(s string) bool {
	if len(s) < 1 || len(s) > 64 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// validType reports whether s has the form of a resource type's name
// ([A-Z][A-Za-z]{1,63}).
func validType(s string) bool {
	if len(s) < 2 || len(s) > 64 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// actCodeOID is the OID of the HL7 v3 ActCode system, which security
// labels may name instead of its URL.
const actCodeOID = "urn:oid:2.16.840.1.113883.5.4"

// labelled reports whether r carries the v3 ActCode security label code.
func labelled(r Resource, code string) bool {
	var m *Meta
	switch x := r.(type) {
	case Consent:
		m = x.Meta
	case Patient:
		m = x.Meta
	case Encounter:
		m = x.Meta
	case DocumentReference:
		m = x.Meta
	}
	return m != nil && slices.ContainsFunc(m.Security, func(c Coding) bool {
		return (c.System == SystemActCode || c.System == actCodeOID) && c.Code == code
	})
}

// about reports whether r is about the bundle's peer, or about no peer at
// all (a practitioner).
func (b *BundleWriter) about(r Resource) bool {
	var subject *Reference
	switch x := r.(type) {
	case Practitioner, PractitionerRole:
		return true
	case Patient:
		return x.ID == b.peer
	case Encounter:
		subject = x.Subject
	case DocumentReference:
		subject = x.Subject
	case CareTeam:
		subject = x.Subject
	case CarePlan:
		subject = &x.Subject
	case Goal:
		subject = &x.Subject
	case QuestionnaireResponse:
		subject = x.Subject
	case Observation:
		subject = x.Subject
	case Consent:
		subject = x.Patient
	case ChargeItem:
		subject = &x.Subject
	case Claim:
		subject = &x.Patient
	}
	id, ok := refID(subject, "Patient")
	return ok && id == b.peer
}

// resolves reports whether every literal reference in data, a
// resource's JSON, points at an entry written already.
func (b *BundleWriter) resolves(data []byte) bool {
	for {
		i := bytes.Index(data, referenceKey)
		if i < 0 {
			return true
		}
		data = data[i+len(referenceKey):]
		j := bytes.IndexByte(data, '"')
		if j < 0 {
			return false
		}
		id, ok := bytes.CutPrefix(data[:j], []byte("urn:uuid:"))
		if !ok || !b.written[string(id)] {
			return false
		}
		data = data[j:]
	}
}

// referenceKey starts a literal reference in a resource's JSON. JSON
// escapes quotes inside strings, so it occurs only as a key; of the
// package's types only Reference has a string "reference".
var referenceKey = []byte(`"reference":"`)

// logicalJSON returns data, the JSON of r, with every literal reference to
// an entry not written yet made logical: `"reference":"R"` becomes
// `"identifier":{"system":"urn:ietf:rfc:3986","value":"R"}`. Data is
// returned as it is when every reference resolves. A reference that has an
// identifier already is rewritten on the resource instead (slower, and
// only for hand-built resources).
func (b *BundleWriter) logicalJSON(r Resource, data []byte) ([]byte, error) {
	out := b.scratch[:0]
	rest, changed := data, false
	for {
		i := bytes.Index(rest, referenceKey)
		if i < 0 {
			break
		}
		start := i + len(referenceKey)
		j := bytes.IndexByte(rest[start:], '"')
		if j < 0 {
			return nil, fmt.Errorf("fhir: bundle entry %s/%s: malformed JSON: %w", r.ResourceType(), r.ResourceID(), ErrInvalid)
		}
		value, after := rest[start:start+j], rest[start+j+1:]
		if id, ok := bytes.CutPrefix(value, []byte("urn:uuid:")); ok && b.written[string(id)] {
			out = append(out, rest[:start+j+1]...)
			rest = after
			continue
		}
		if bytes.HasPrefix(after, []byte(`,"identifier":`)) || bytes.IndexByte(value, '\\') >= 0 {
			return b.logicalResource(r)
		}
		out = append(out, rest[:i]...)
		out = append(out, `"identifier":{"system":"`+SystemURI+`","value":"`...)
		out = append(out, value...)
		out = append(out, `"}`...)
		rest, changed = after, true
	}
	if !changed {
		return data, nil
	}
	b.scratch = append(out, rest...)
	return b.scratch, nil
}

// logicalResource makes r's unresolved references logical on a copy of
// the resource and marshals it.
func (b *BundleWriter) logicalResource(r Resource) ([]byte, error) {
	data, err := json.Marshal(logicalRefs(r, b.written, false))
	if err != nil {
		return nil, fmt.Errorf("fhir: bundle entry %s/%s: %w", r.ResourceType(), r.ResourceID(), err)
	}
	return data, nil
}

// Entries returns how many resources were written.
func (b *BundleWriter) Entries() int { return b.entries }

// Close ends the Bundle and flushes it. It does not close the underlying
// writer. It returns the first write error.
func (b *BundleWriter) Close() error {
	if b == nil || b.w == nil {
		return errNotStarted
	}
	if b.closed {
		return b.err
	}
	b.closed = true
	if b.entries > 0 {
		b.write([]byte{']'})
	}
	b.write([]byte{'}'})
	if b.err == nil {
		b.err = b.w.Flush()
	}
	return b.err
}

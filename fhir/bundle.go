package fhir

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/peer"
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
// that carries boundary.RedisclosureNotice when the bundle holds
// substance use disorder records (42 CFR § 2.32).
const ExtensionRedisclosureNotice = Base + "/StructureDefinition/redisclosure-notice"

// BundleOptions configure a [BundleWriter]. A nil *BundleOptions means
// none.
type BundleOptions struct {
	// ID is the Bundle's id; empty for none.
	ID string
	// Decision, when set, limits the bundle to what a disclosure decision
	// of package boundary allows about the peer PeerID (required with
	// it): a refused decision refuses the bundle; a resource about another
	// peer, or about no one peer (a group's Encounter or shared note), or
	// whose kind of information the decision does not release, is refused
	// with [ErrWithheld]. Practitioners and their roles carry no
	// information about the peer and follow the kind rule alone
	// (demographics). A decision with a redisclosure notice marks the
	// bundle as holding substance use disorder records.
	Decision *boundary.Decision
	PeerID   peer.ID
	// SubstanceUse marks the bundle as holding substance use disorder
	// records even without a decision: it carries the security labels
	// ETH and 42CFRPart2 and the redisclosure notice in Bundle.meta.
	SubstanceUse bool
}

// BundleWriter writes a FHIR Bundle to an io.Writer one entry at a time,
// so a whole caseload exports without holding it in memory. Each entry's
// fullUrl is "urn:uuid:<id>", the form every reference of this package
// takes, so references resolve within the bundle. Call Close to finish
// the JSON. A BundleWriter is not safe for concurrent use.
type BundleWriter struct {
	w       *bufio.Writer
	typ     BundleType
	allowed []boundary.InfoKind // nil: everything
	peer    string              // with allowed: the only peer resources may be about
	entries int
	closed  bool
	err     error
}

// NewBundleWriter starts a Bundle of the given type on w. It returns an
// error wrapping [ErrInvalid] for an unknown type, [ErrWithheld] for a
// refused decision, or w's error.
func NewBundleWriter(w io.Writer, typ BundleType, opts *BundleOptions) (*BundleWriter, error) {
	if typ != Collection && typ != Transaction {
		return nil, fmt.Errorf("fhir: bundle type: %w", ErrInvalid)
	}
	if opts == nil {
		opts = &BundleOptions{}
	}
	b := &BundleWriter{w: bufio.NewWriterSize(w, 64<<10), typ: typ}
	sud := opts.SubstanceUse
	if d := opts.Decision; d != nil {
		if !d.Allowed {
			return nil, fmt.Errorf("fhir: bundle: %w", ErrWithheld)
		}
		if opts.PeerID.IsZero() {
			return nil, fmt.Errorf("fhir: bundle: a decision needs the peer_id it is about: %w", ErrInvalid)
		}
		b.peer = opts.PeerID.String()
		b.allowed = slices.Clone(d.Information)
		if b.allowed == nil {
			b.allowed = []boundary.InfoKind{}
		}
		sud = sud || d.Notice != ""
	}
	head := struct {
		Type string     `json:"resourceType"`
		ID   string     `json:"id,omitempty"`
		Meta *Meta      `json:"meta,omitempty"`
		BT   BundleType `json:"type"`
	}{Type: "Bundle", ID: opts.ID, BT: typ}
	if sud {
		head.Meta = &Meta{
			Extension: []Extension{{URL: ExtensionRedisclosureNotice, ValueString: boundary.RedisclosureNotice}},
			Security:  part2Labels,
		}
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

func (b *BundleWriter) write(p []byte) {
	if b.err == nil {
		_, b.err = b.w.Write(p)
	}
}

// infoKind says which kind of information a resource carries, for
// disclosure decisions.
func infoKind(r Resource) boundary.InfoKind {
	switch r.ResourceType() {
	case "Encounter":
		return boundary.InfoKindAttendance
	case "DocumentReference":
		return boundary.InfoKindProgressNotes
	case "CarePlan", "Goal":
		return boundary.InfoKindWellnessPlan
	case "QuestionnaireResponse", "Observation":
		return boundary.InfoKindAssessments
	case "ChargeItem":
		return boundary.InfoKindBilling
	}
	// Patient, Practitioner, PractitionerRole, CareTeam, Consent: who
	// the peer is and who serves them.
	return boundary.InfoKindDemographics
}

// Add writes one resource as an entry. It returns an error wrapping
// [ErrWithheld] for a resource the bundle's decision does not release
// (nothing is written; the bundle stays usable), [ErrInvalid] for a
// resource without an id, or the first write error, after which every
// call fails.
func (b *BundleWriter) Add(r Resource) error {
	if b.err != nil {
		return b.err
	}
	if b.closed {
		return fmt.Errorf("fhir: bundle entry after Close: %w", ErrInvalid)
	}
	if r == nil || r.ResourceID() == "" {
		return fmt.Errorf("fhir: bundle entry %d: id: %w", b.entries, ErrInvalid)
	}
	if b.allowed != nil && (!slices.Contains(b.allowed, infoKind(r)) || !b.about(r)) {
		return fmt.Errorf("fhir: bundle entry %s/%s: %w", r.ResourceType(), r.ResourceID(), ErrWithheld)
	}
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("fhir: bundle entry %s/%s: %w", r.ResourceType(), r.ResourceID(), err)
	}
	if b.entries == 0 {
		b.write([]byte(`,"entry":[`))
	} else {
		b.write([]byte{','})
	}
	b.write([]byte(`{"fullUrl":"urn:uuid:`))
	b.write([]byte(r.ResourceID()))
	b.write([]byte(`","resource":`))
	b.write(data)
	if b.typ == Transaction {
		b.write([]byte(`,"request":{"method":"PUT","url":"`))
		b.write([]byte(r.ResourceType() + "/" + r.ResourceID()))
		b.write([]byte(`"}`))
	}
	b.write([]byte{'}'})
	b.entries++
	return b.err
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
	}
	id, ok := refID(subject, "Patient")
	return ok && id == b.peer
}

// Entries returns how many resources were written.
func (b *BundleWriter) Entries() int { return b.entries }

// Close ends the Bundle and flushes it. It does not close the underlying
// writer. It returns the first write error.
func (b *BundleWriter) Close() error {
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

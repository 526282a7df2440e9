package fhir

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Warning is something of an imported resource that the library does not
// model and so left out, without failing the import: an extension it does
// not know, a code outside the systems it maps (a fax number's telecom
// system, an identifier use), an element it cannot read. A Warning names
// where and why, never the value, which may be protected health
// information.
type Warning struct {
	// Path is the element in the resource, as FHIRPath-like text:
	// "Patient.telecom[2].system".
	Path string
	// Code says why it was left out: one of the Warning… codes.
	Code string
}

// The codes of a [Warning].
const (
	// WarningUnknownExtension: an extension the library does not model.
	WarningUnknownExtension = "unknown_extension"
	// WarningUnknownCode: a code the library does not map (a telecom
	// system such as fax, an identifier use or type, a code in a system
	// the importer does not read).
	WarningUnknownCode = "unknown_code"
	// WarningUnreadable: a value the library could not read into its own
	// form (a partial date, a malformed identifier or language tag, a
	// reference to a resource it does not know).
	WarningUnreadable = "unreadable"
)

// String returns "path: code".
func (w Warning) String() string { return w.Path + ": " + w.Code }

// ImportOptions configure the Import… functions. A nil *ImportOptions
// means none.
type ImportOptions struct {
	// Source is the base URL of the EHR's FHIR server the resources come
	// from ("https://ehr.example.org/fhir"), an absolute URI. The id the EHR gave a
	// resource is kept as an identifier of the record in the system
	// Source+"/"+resourceType, so the record can be found again by it.
	// Empty: the resources come from this library (a round trip), and a
	// resource's id is the record's own.
	Source string
}

// importer collects the warnings of one import.
type importer struct {
	typ      string
	opts     ImportOptions
	warnings []Warning
}

func newImporter(typ string, opts *ImportOptions) *importer {
	im := &importer{typ: typ}
	if opts != nil {
		im.opts = *opts
	}
	return im
}

// check returns the field that makes the import impossible before it
// starts: a resource of another type, or a Source that is not an
// absolute URI (the EHR's ids would be kept under a malformed system).
func (im *importer) check(resourceType string) string {
	switch {
	case resourceType != im.typ:
		return "resourceType"
	case im.opts.Source != "" && !check.IsURI(im.opts.Source):
		return "ImportOptions.Source"
	}
	return ""
}

func (im *importer) warn(path, code string) {
	im.warnings = append(im.warnings, Warning{Path: im.typ + "." + path, Code: code})
}

// extensions warns of every extension but the known ones.
func (im *importer) extensions(exts []Extension, known ...string) {
	for i, e := range exts {
		if !slices.Contains(known, e.URL) {
			im.warn(fmt.Sprintf("extension[%d]", i), WarningUnknownExtension)
		}
	}
}

// ownID returns the record ID an imported resource carries: the value
// of its identifier in IDSystem+kind, or else its id when that is the
// ID of into (a round trip), or when the resource comes from this
// library (no Source). The id of a resource from an EHR is the EHR's.
func (im *importer) ownID(kind, id, into string, ids []Identifier) string {
	for _, ident := range ids {
		if ident.System == IDSystem+kind {
			return ident.Value
		}
	}
	if id != "" && (id == into || im.opts.Source == "") {
		return id
	}
	return ""
}

// identifiers reads a resource's identifiers, but the library's own ID
// (IDSystem+kind), into the library's: unknown uses and types are left
// out with a warning, an identifier without a URI system or a value is
// left out with one. The EHR's id (id, with a Source) is added, once.
func (im *importer) identifiers(kind, id string, ids []Identifier) []peersupport.Identifier {
	var out []peersupport.Identifier
	for i, ident := range ids {
		if ident.System == IDSystem+kind {
			continue
		}
		path := fmt.Sprintf("identifier[%d]", i)
		if !check.IsURI(ident.System) || strings.TrimSpace(ident.Value) != ident.Value || ident.Value == "" ||
			(ident.System == peersupport.SystemNPI && !peersupport.ValidNPI(ident.Value)) {
			im.warn(path, WarningUnreadable)
			continue
		}
		r := peersupport.Identifier{System: ident.System, Value: ident.Value}
		if slices.Contains(peersupport.IdentifierUses, ident.Use) {
			r.Use = ident.Use
		} else if ident.Use != "" {
			im.warn(path+".use", WarningUnknownCode)
		}
		if ident.Type != nil {
			if code, ok := codeIn(ident.Type, SystemIdentifierType); ok {
				r.Type = code
			} else {
				im.warn(path+".type", WarningUnknownCode)
			}
		}
		out = append(out, r)
	}
	if im.opts.Source != "" && id != "" {
		ehr := peersupport.Identifier{System: strings.TrimSuffix(im.opts.Source, "/") + "/" + im.typ, Value: id}
		if !slices.ContainsFunc(out, ehr.Same) {
			out = append(out, ehr)
		}
	}
	// A later identifier the same as an earlier one is left out.
	var unique []peersupport.Identifier
	for _, r := range out {
		if !slices.ContainsFunc(unique, r.Same) {
			unique = append(unique, r)
		}
	}
	return unique
}

// telecom reads contact points of the systems the library models (phone,
// email, sms); others (fax, pager, url, other) are left out with a
// warning.
func (im *importer) telecom(cps []ContactPoint) []peer.ContactPoint {
	var out []peer.ContactPoint
	for i, t := range cps {
		sys, ok := contactSystemOf(t.System)
		switch {
		case !ok:
			im.warn(fmt.Sprintf("telecom[%d].system", i), WarningUnknownCode)
		case t.Value == "" || strings.TrimSpace(t.Value) != t.Value:
			im.warn(fmt.Sprintf("telecom[%d].value", i), WarningUnreadable)
		default:
			out = append(out, peer.ContactPoint{System: sys, Value: t.Value})
		}
	}
	return out
}

// languages reads the BCP 47 tags of communication languages; others are
// left out with a warning.
func (im *importer) languages(path string, cs []CodeableConcept) []string {
	var out []string
	for i := range cs {
		code, ok := codeIn(&cs[i], SystemLanguage)
		switch {
		case !ok:
			im.warn(fmt.Sprintf("%s[%d]", path, i), WarningUnknownCode)
		case !check.LanguageTag(code):
			im.warn(fmt.Sprintf("%s[%d]", path, i), WarningUnreadable)
		case !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, code) }):
			out = append(out, code)
		}
	}
	return out
}

// date reads a FHIR date, or the day of a dateTime as it is written; a
// partial date or anything else unreadable is the zero day with a
// warning.
func (im *importer) date(path, s string) peersupport.Date {
	if s == "" {
		return peersupport.Date{}
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	d, err := peersupport.ParseDate(s)
	if err != nil {
		im.warn(path, WarningUnreadable)
		return peersupport.Date{}
	}
	return d
}

// instant reads a FHIR instant or dateTime with a time, in UTC; anything
// else is an error wrapping ErrInvalid (an instant is never optional
// where it is read).
func (im *importer) instant(path, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("fhir: import %s: %s: %w", strings.ToLower(im.typ), path, ErrInvalid)
	}
	return t.UTC(), nil
}

// invalid is the error of a resource the library cannot import.
func (im *importer) invalid(id, field string) error {
	return fmt.Errorf("fhir: import %s %s: %s: %w", strings.ToLower(im.typ), id, field, ErrInvalid)
}

// key is a typed ID of the library.
type key interface {
	comparable
	IsZero() bool
	String() string
}

// ownKey returns the record's ID: the one the resource carries (see
// ownID), which must be into's when into has one, or into's. ok is false
// for an ID that disagrees with into's, or for none where into has none.
func ownKey[K key](im *importer, kind, id string, ids []Identifier, into K, parse func(string) (K, error)) (K, bool) {
	own := im.ownID(kind, id, into.String(), ids)
	if own == "" {
		return into, true
	}
	parsed, err := parse(own)
	switch {
	case err != nil && !into.IsZero():
		im.warn("id", WarningUnreadable) // into's ID stays
		return into, true
	case err != nil:
		return into, false
	case !into.IsZero() && parsed != into:
		return into, false
	}
	return parsed, true
}

// refKey returns the ID a reference points at (as "urn:uuid:<id>" or
// "<Type>/<id>"), which must be into's when into has one. A reference
// the library cannot read (an EHR's own id) keeps into's with a warning;
// ok is false for an ID that disagrees with into's, or for none where
// into has none.
func refKey[K key](im *importer, field string, r *Reference, typ string, into K, parse func(string) (K, error)) (K, bool) {
	text, _ := refID(r, typ)
	id, err := parse(text)
	switch {
	case err == nil && !into.IsZero() && id != into:
		return into, false
	case err == nil:
		return id, true
	case into.IsZero():
		return into, false
	}
	im.warn(field, WarningUnreadable)
	return into, true
}

package fhir

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"
)

// The package writes the resources of a session (Encounter,
// DocumentReference), the bulk of an export, straight to JSON rather
// than through encoding/json's reflection: BenchmarkExportBundle. The
// bytes are those encoding/json writes for the same value, HTML escaping
// and all (TestAppendJSONIsEncodingJSON, FuzzAppendJSON); other resources
// go through encoding/json.

// jsonAppender is a resource that writes its own JSON.
type jsonAppender interface {
	writeJSON(w *jw)
}

// jw appends a JSON object's members.
type jw struct {
	b     []byte
	first bool // no member written yet in the object open now
	// written, when set, are the ids of a bundle's entries: a literal
	// reference to anything else is written as a logical one, without its
	// display when withheld (what logicalRefs does to the value).
	written  map[string]bool
	withheld bool
}

func (w *jw) open()  { w.b, w.first = append(w.b, '{'), true }
func (w *jw) close() { w.b, w.first = append(w.b, '}'), false }

func (w *jw) key(k string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

// str writes a member that encoding/json would omit when empty.
func (w *jw) str(k, v string) {
	if v != "" {
		w.key(k)
		w.b = appendString(w.b, v)
	}
}

// strAlways writes a member without omitempty.
func (w *jw) strAlways(k, v string) {
	w.key(k)
	w.b = appendString(w.b, v)
}

func (w *jw) int(k string, v int) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

// list writes a slice member with omitempty.
func list[T any](w *jw, k string, xs []T, each func(x *T, w *jw)) {
	if len(xs) == 0 {
		return
	}
	listAlways(w, k, xs, each)
}

// listAlways writes a slice member without omitempty: null for nil.
func listAlways[T any](w *jw, k string, xs []T, each func(x *T, w *jw)) {
	w.key(k)
	if xs == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '[')
	for i := range xs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		each(&xs[i], w)
	}
	w.b = append(w.b, ']')
}

func writeString(s *string, w *jw) { w.b = appendString(w.b, *s) }

const hexDigits = "0123456789abcdef"

// htmlSafe holds the ASCII bytes encoding/json writes as they are with
// HTML escaping on: printable, and not ", \, <, > or &.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// appendString appends s as encoding/json writes a string: escaping ",
// \, control characters, <, > and &, U+2028 and U+2029, and writing
// invalid UTF-8 as U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	// The usual string is safe ASCII throughout: one copy.
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && htmlSafe[s[i]] {
		i++
	}
	if i == len(s) {
		dst = append(dst, s...)
		return append(dst, '"')
	}
	start := 0
	for i < len(s) {
		if b := s[i]; b < utf8.RuneSelf {
			if htmlSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func (c *Coding) write(w *jw) {
	w.open()
	w.str("system", c.System)
	w.str("code", c.Code)
	w.str("display", c.Display)
	w.close()
}

func (c *CodeableConcept) write(w *jw) {
	w.open()
	list(w, "coding", c.Coding, (*Coding).write)
	w.str("text", c.Text)
	w.close()
}

func (id *Identifier) write(w *jw) {
	w.open()
	w.str("use", id.Use)
	if id.Type != nil {
		w.key("type")
		id.Type.write(w)
	}
	w.str("system", id.System)
	w.str("value", id.Value)
	w.close()
}

func (r *Reference) write(w *jw) {
	if w.written != nil && r.Reference != "" {
		if id, ok := cutURN(r.Reference); !ok || !w.written[id] {
			// As logical(*r, w.withheld) writes it.
			id := r.Identifier
			if id == nil {
				id = &Identifier{System: SystemURI, Value: r.Reference}
			}
			w.open()
			w.key("identifier")
			id.write(w)
			if !w.withheld {
				w.str("display", r.Display)
			}
			w.close()
			return
		}
	}
	w.open()
	w.str("reference", r.Reference)
	if r.Identifier != nil {
		w.key("identifier")
		r.Identifier.write(w)
	}
	w.str("display", r.Display)
	w.close()
}

func (p *Period) write(w *jw) {
	w.open()
	w.str("start", p.Start)
	w.str("end", p.End)
	w.close()
}

func (e *Extension) write(w *jw) {
	w.open()
	w.strAlways("url", e.URL)
	w.str("valueString", e.ValueString)
	w.str("valueCode", e.ValueCode)
	if e.ValueReference != nil {
		w.key("valueReference")
		e.ValueReference.write(w)
	}
	w.close()
}

func (m *Meta) write(w *jw) {
	w.open()
	list(w, "extension", m.Extension, (*Extension).write)
	list(w, "profile", m.Profile, writeString)
	list(w, "security", m.Security, (*Coding).write)
	w.close()
}

// member writes a pointer member with omitempty.
func member[T any](w *jw, k string, v *T, write func(*T, *jw)) {
	if v != nil {
		w.key(k)
		write(v, w)
	}
}

func (e Encounter) writeJSON(w *jw) {
	w.open()
	w.strAlways("resourceType", e.Type)
	w.str("id", e.ID)
	member(w, "meta", e.Meta, (*Meta).write)
	list(w, "extension", e.Extension, (*Extension).write)
	list(w, "identifier", e.Identifier, (*Identifier).write)
	w.strAlways("status", e.Status)
	w.key("class")
	e.Class.write(w)
	list(w, "type", e.EncType, (*CodeableConcept).write)
	member(w, "serviceType", e.ServiceType, (*CodeableConcept).write)
	member(w, "subject", e.Subject, (*Reference).write)
	list(w, "participant", e.Participant, func(p *EncounterParticipant, w *jw) {
		w.open()
		list(w, "type", p.Type, (*CodeableConcept).write)
		member(w, "individual", p.Individual, (*Reference).write)
		w.close()
	})
	member(w, "period", e.Period, (*Period).write)
	member(w, "length", e.Length, func(d *Duration, w *jw) {
		w.open()
		w.int("value", d.Value)
		w.strAlways("unit", d.Unit)
		w.strAlways("system", d.System)
		w.strAlways("code", d.Code)
		w.close()
	})
	list(w, "reasonCode", e.ReasonCode, (*CodeableConcept).write)
	member(w, "partOf", e.PartOf, (*Reference).write)
	w.close()
}

func (d DocumentReference) writeJSON(w *jw) {
	w.open()
	w.strAlways("resourceType", d.Type)
	w.str("id", d.ID)
	member(w, "meta", d.Meta, (*Meta).write)
	w.strAlways("status", d.Status)
	w.str("docStatus", d.DocStatus)
	member(w, "type", d.DocType, (*CodeableConcept).write)
	list(w, "category", d.Category, (*CodeableConcept).write)
	member(w, "subject", d.Subject, (*Reference).write)
	w.str("date", d.Date)
	list(w, "author", d.Author, (*Reference).write)
	member(w, "authenticator", d.Authenticator, (*Reference).write)
	list(w, "relatesTo", d.RelatesTo, func(r *DocumentRelatesTo, w *jw) {
		w.open()
		w.strAlways("code", r.Code)
		w.key("target")
		r.Target.write(w)
		w.close()
	})
	w.str("description", d.Description)
	listAlways(w, "content", d.Content, func(c *DocumentReferenceContent, w *jw) {
		w.open()
		w.key("attachment")
		a := &c.Attachment
		w.open()
		w.str("contentType", a.ContentType)
		w.str("language", a.Language)
		if len(a.Data) > 0 {
			w.key("data")
			w.b = append(w.b, '"')
			w.b = base64.StdEncoding.AppendEncode(w.b, a.Data)
			w.b = append(w.b, '"')
		}
		w.str("title", a.Title)
		w.str("creation", a.Creation)
		w.close()
		w.close()
	})
	member(w, "context", d.Context, func(c *DocumentReferenceContext, w *jw) {
		w.open()
		list(w, "encounter", c.Encounter, (*Reference).write)
		member(w, "period", c.Period, (*Period).write)
		w.close()
	})
	w.close()
}

// cutURN returns the id of a "urn:uuid:<id>" reference.
func cutURN(ref string) (string, bool) {
	const prefix = "urn:uuid:"
	if len(ref) > len(prefix) && ref[:len(prefix)] == prefix {
		return ref[len(prefix):], true
	}
	return "", false
}

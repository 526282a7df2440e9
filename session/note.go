package session

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// NoteFormat is the structure of a progress note. Programs choose one;
// the sections of each are given by [NoteFormat.Sections]. Peer notes are
// written in plain, non-clinical language: what the peer said and chose,
// what the specialist did, what comes next.
//
//peersupport:enum
type NoteFormat uint8

// The note formats.
const (
	NoteFormatUnspecified NoteFormat = iota
	NoteFormatDAP                    // dap: data, assessment, plan
	NoteFormatGIRP                   // girp: goal, intervention, response, plan
	NoteFormatBIRP                   // birp: behavior, intervention, response, plan
	NoteFormatNarrative              // narrative: one free narrative section
)

// SectionKind names one section of a progress note.
//
//peersupport:enum
type SectionKind uint8

// The note sections.
const (
	SectionKindUnspecified  SectionKind = iota
	SectionKindData                     // data: what happened and what the peer said
	SectionKindAssessment               // assessment: the specialist's non-clinical view of where things stand
	SectionKindPlan                     // plan: next steps agreed with the peer
	SectionKindGoal                     // goal: the peer's goal the session worked on
	SectionKindIntervention             // intervention: what the specialist did
	SectionKindResponse                 // response: how the peer responded
	SectionKindBehavior                 // behavior: what the peer did and said, as observed
	SectionKindNarrative                // narrative: the whole note in one section
)

// Sections returns the sections of the format, in order; nil for an
// unknown format.
func (f NoteFormat) Sections() []SectionKind {
	switch f {
	case NoteFormatDAP:
		return []SectionKind{SectionKindData, SectionKindAssessment, SectionKindPlan}
	case NoteFormatGIRP:
		return []SectionKind{SectionKindGoal, SectionKindIntervention, SectionKindResponse, SectionKindPlan}
	case NoteFormatBIRP:
		return []SectionKind{SectionKindBehavior, SectionKindIntervention, SectionKindResponse, SectionKindPlan}
	case NoteFormatNarrative:
		return []SectionKind{SectionKindNarrative}
	}
	return nil
}

// Has reports whether the format has a section of kind k.
func (f NoteFormat) Has(k SectionKind) bool { return slices.Contains(f.Sections(), k) }

// MaxSectionText is the length limit, in characters, of one note section.
const MaxSectionText = 10000

// Section is one section of a note.
//
//peersupport:redact
type Section struct {
	Kind SectionKind `json:"kind"`
	Text string      `json:"text"`
}

// Note is a progress note. While unsigned it is a draft the specialist
// writes with [Note.Write]. Signing it ([Session.SignNote]) locks it: from
// then on the sections never change, and corrections are [Amendment] values
// that keep the original readable ([Note.Current] applies them). A
// supervisor may co-sign a signed note. The zero Note is "no note yet".
//
//peersupport:redact
type Note struct {
	Format   NoteFormat  `json:"format"`
	Sections []Section   `json:"sections,omitempty"`
	Signed   Signature   `json:"signed,omitzero"`
	CoSigned CoSignature `json:"co_signed,omitzero"`
	// LateEntry is set at signing when the note was signed later after the
	// session than the program allows (see [Session.SignNote]).
	LateEntry  bool        `json:"late_entry,omitempty"`
	Amendments []Amendment `json:"amendments,omitempty"`
	// Comments are what people added to the note after it was written,
	// the peer's own words among them, each with its author: a comment
	// neither edits nor amends the note (see [Session.Comment]).
	Comments []Comment `json:"comments,omitempty"`
}

// Signature is the specialist's signature on a note.
type Signature struct {
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	At           time.Time         `json:"at"`
}

// IsZero reports whether the note is unsigned.
func (s Signature) IsZero() bool { return s.SpecialistID.IsZero() && s.At.IsZero() }

// CoSignature is a supervisor's co-signature on a signed note.
type CoSignature struct {
	SupervisorID peer.SupervisorID `json:"supervisor_id"`
	At           time.Time         `json:"at"`
}

// IsZero reports whether the note is not co-signed.
func (s CoSignature) IsZero() bool { return s.SupervisorID.IsZero() && s.At.IsZero() }

// Author is who wrote an amendment or a comment: exactly one of the IDs
// is set. Only a comment may be the peer's.
type Author struct {
	SpecialistID peer.SpecialistID `json:"specialist_id,omitzero"`
	SupervisorID peer.SupervisorID `json:"supervisor_id,omitzero"`
	PeerID       peer.ID           `json:"peer_id,omitzero"`
}

// set counts the IDs of a that are set.
func (a Author) set() int {
	n := 0
	for _, zero := range []bool{a.SpecialistID.IsZero(), a.SupervisorID.IsZero(), a.PeerID.IsZero()} {
		if !zero {
			n++
		}
	}
	return n
}

// MaxCommentText is the longest comment, in characters.
const MaxCommentText = 4000

// Comment is what someone added to a note: the peer's view of the
// session in their own words ("I want the plan to say I chose this"), or
// a specialist's or supervisor's remark. Collaborative documentation:
// the note records who wrote what, and the peer's words are theirs.
//
//peersupport:redact
type Comment struct {
	Author Author    `json:"author"`
	At     time.Time `json:"at"`
	Text   string    `json:"text"`
}

// Amendment corrects a signed note. Its sections replace the sections of
// the same kind when the note is read with [Note.Current]; the signed text
// stays as it was.
//
//peersupport:redact
type Amendment struct {
	Author Author    `json:"author"`
	At     time.Time `json:"at"`
	// Reason says why the note is corrected ("wrong date of the referral").
	Reason   string    `json:"reason"`
	Sections []Section `json:"sections"`
}

// IsZero reports whether n is an empty note with no format.
func (n Note) IsZero() bool {
	return n.Format == NoteFormatUnspecified && len(n.Sections) == 0 && n.Signed.IsZero() &&
		n.CoSigned.IsZero() && !n.LateEntry && len(n.Amendments) == 0 && len(n.Comments) == 0
}

// IsSigned reports whether the specialist has signed the note.
func (n Note) IsSigned() bool { return !n.Signed.IsZero() }

// Write sets the text of one section of a draft note, replacing what the
// section held. It returns [ErrNoteSigned] once the note is signed, and an
// error wrapping [ErrInvalid] if the note has no format, the format has no
// such section, or the text is blank, too long or not UTF-8. On error n is
// unchanged.
func (n *Note) Write(kind SectionKind, text string) error {
	if n.IsSigned() {
		return fmt.Errorf("session: write note section %s: %w", kind, ErrNoteSigned)
	}
	var f check.Fields
	check.EnumValue(&f, "format", n.Format, true)
	if n.Format.Valid() && !n.Format.Has(kind) {
		f.Add("sections.kind", peersupport.RuleMismatch)
	}
	if rule := textRule(text, true, MaxSectionText); rule != "" {
		f.Add("sections.text", rule)
	}
	if err := f.Err(ErrInvalid, "session.Note"); err != nil {
		return err
	}
	if i := slices.IndexFunc(n.Sections, func(s Section) bool { return s.Kind == kind }); i >= 0 {
		n.Sections = slices.Clone(n.Sections)
		n.Sections[i].Text = text
		return nil
	}
	// Keep the sections in the format's order.
	order := n.Format.Sections()
	pos := slices.Index(order, kind)
	i := slices.IndexFunc(n.Sections, func(s Section) bool { return slices.Index(order, s.Kind) > pos })
	if i < 0 {
		i = len(n.Sections)
	}
	n.Sections = slices.Insert(slices.Clip(n.Sections), i, Section{Kind: kind, Text: text})
	return nil
}

// sign signs the note. It returns [ErrAlreadySigned] if it is signed, and
// a validation error if a section of the format is missing.
func (n *Note) sign(by peer.SpecialistID, at time.Time) error {
	if n.IsSigned() {
		return ErrAlreadySigned
	}
	var f check.Fields
	f.Required("signed.specialist_id", by.IsZero())
	f.Required("signed.at", at.IsZero())
	check.EnumValue(&f, "format", n.Format, true)
	for _, k := range n.Format.Sections() {
		if !slices.ContainsFunc(n.Sections, func(s Section) bool { return s.Kind == k }) {
			f.Add("sections."+k.String(), peersupport.RuleRequired)
		}
	}
	if err := f.Err(ErrInvalid, "session.Note"); err != nil {
		return err
	}
	n.Signed = Signature{SpecialistID: by, At: at.UTC()}
	return nil
}

// CoSign records a supervisor's co-signature. It returns
// [ErrNoteNotSigned] if the specialist has not signed, [ErrAlreadyCoSigned]
// if a supervisor has co-signed already, and an error wrapping [ErrInvalid]
// if by is zero or at comes before the signature. On error n is unchanged.
func (n *Note) CoSign(by peer.SupervisorID, at time.Time) error {
	switch {
	case !n.IsSigned():
		return fmt.Errorf("session: co-sign note: %w", ErrNoteNotSigned)
	case !n.CoSigned.IsZero():
		return fmt.Errorf("session: co-sign note: %w", ErrAlreadyCoSigned)
	}
	var f check.Fields
	f.Required("co_signed.supervisor_id", by.IsZero())
	if at.IsZero() {
		f.Add("co_signed.at", peersupport.RuleRequired)
	} else if at.Before(n.Signed.At) {
		f.Add("co_signed.at", peersupport.RuleOrder)
	}
	if err := f.Err(ErrInvalid, "session.Note"); err != nil {
		return err
	}
	n.CoSigned = CoSignature{SupervisorID: by, At: at.UTC()}
	return nil
}

// Amend adds a correction to a signed note. It returns [ErrNoteNotSigned]
// for a draft (edit a draft with [Note.Write]) and an error wrapping
// [ErrInvalid] if the amendment breaks a rule: exactly one author, a time
// not before the signature nor before the previous amendment, a reason, and
// at least one section, each of the note's format and listed once. On
// error n is unchanged.
func (n *Note) Amend(a Amendment) error {
	if !n.IsSigned() {
		return fmt.Errorf("session: amend note: %w", ErrNoteNotSigned)
	}
	var f check.Fields
	n.checkAmendment(&f, "amendments", a, len(n.Amendments))
	if err := f.Err(ErrInvalid, "session.Note"); err != nil {
		return err
	}
	a.At = a.At.UTC()
	a.Sections = slices.Clone(a.Sections)
	n.Amendments = append(slices.Clip(n.Amendments), a)
	return nil
}

// Current returns the sections as they read now: the signed sections with
// each amendment's sections replacing those of the same kind, in order.
// The result is a new slice; n is unchanged.
func (n Note) Current() []Section {
	out := slices.Clone(n.Sections)
	for _, a := range n.Amendments {
		for _, s := range a.Sections {
			if i := slices.IndexFunc(out, func(o Section) bool { return o.Kind == s.Kind }); i >= 0 {
				out[i].Text = s.Text
			} else {
				out = append(out, s)
			}
		}
	}
	return out
}

// Clone returns a deep copy of n.
func (n Note) Clone() Note {
	n.Sections = slices.Clone(n.Sections)
	n.Amendments = slices.Clone(n.Amendments)
	for i := range n.Amendments {
		n.Amendments[i].Sections = slices.Clone(n.Amendments[i].Sections)
	}
	n.Comments = slices.Clone(n.Comments)
	return n
}

// textRule checks free text such as a note section: valid UTF-8, not
// blank when required (an optional text may be empty), at most max
// characters. Unlike names, free text keeps its line breaks and
// indentation, so surrounding white space is no failure.
func textRule(s string, required bool, max int) string {
	switch {
	case s == "" && !required:
		return ""
	case !utf8.ValidString(s):
		return peersupport.RuleMalformed
	case strings.TrimSpace(s) == "":
		return peersupport.RuleRequired
	case utf8.RuneCountInString(s) > max:
		return peersupport.RuleTooLong
	}
	return ""
}

func (n Note) checkSections(f *check.Fields, path string, sections []Section) {
	kinds := check.DuplicatesBy[Section, SectionKind]{Items: sections, Key: func(s *Section) SectionKind { return s.Kind }}
	// Paths are made only for a failure: a valid note costs no string.
	for i, s := range sections {
		p := func(field string) string { return check.Index(path, i) + field }
		if !s.Kind.Valid() {
			check.EnumValue(f, p(".kind"), s.Kind, true)
		}
		switch {
		case s.Kind.Valid() && n.Format.Valid() && !n.Format.Has(s.Kind):
			f.Add(p(".kind"), peersupport.RuleMismatch)
		case kinds.Before(i):
			f.Add(p(".kind"), peersupport.RuleDuplicate)
		}
		if rule := textRule(s.Text, true, MaxSectionText); rule != "" {
			f.Add(p(".text"), rule)
		}
	}
}

// checkAmendment records the failures of the note's i-th amendment a (or
// of one to be its i-th), under name[i] in the scope of f.
func (n Note) checkAmendment(f *check.Fields, name string, a Amendment, i int) {
	f.Enter(name, i)
	defer f.Leave()
	if a.Author.set() != 1 || !a.Author.PeerID.IsZero() {
		f.Add("author", peersupport.RuleRequired)
	}
	after := n.Signed.At
	if i > 0 && i <= len(n.Amendments) {
		after = n.Amendments[i-1].At
	}
	switch {
	case a.At.IsZero():
		f.Add("at", peersupport.RuleRequired)
	case a.At.Before(after):
		f.Add("at", peersupport.RuleOrder)
	}
	f.Text("reason", a.Reason, true, 1000)
	if len(a.Sections) == 0 {
		f.Add("sections", peersupport.RuleRequired)
	}
	n.checkSections(f, "sections", a.Sections)
}

// checkComments records the failures of the note's comments: an author
// each (a peer only when about is that peer; zero about refuses every
// peer), in time order and not before notBefore (the session's end),
// with text.
func (n Note) checkComments(f *check.Fields, path string, about func(peer.ID) bool, notBefore time.Time) {
	for i, c := range n.Comments {
		p := func(field string) string { return check.Index(path, i) + field }
		switch {
		case c.Author.set() != 1:
			f.Add(p(".author"), peersupport.RuleRequired)
		case !c.Author.PeerID.IsZero() && !about(c.Author.PeerID):
			f.Add(p(".author.peer_id"), peersupport.RuleMismatch)
		}
		switch {
		case c.At.IsZero():
			f.Add(p(".at"), peersupport.RuleRequired)
		case i > 0 && c.At.Before(n.Comments[i-1].At), c.At.Before(notBefore):
			f.Add(p(".at"), peersupport.RuleOrder)
		}
		if rule := textRule(c.Text, true, MaxCommentText); rule != "" {
			f.Add(p(".text"), rule)
		}
	}
}

// check records the failures of a note, under the scope of f (the
// note's path: "note", "participants[0].note"). The zero note passes.
func (n Note) check(f *check.Fields) {
	if n.IsZero() {
		return
	}
	if !n.Format.Valid() {
		check.EnumValue(f, "format", n.Format, true)
	}
	n.checkSections(f, "sections", n.Sections)
	if !n.IsSigned() {
		if !n.CoSigned.IsZero() {
			f.Add("co_signed", peersupport.RuleForbidden)
		}
		if n.LateEntry {
			f.Add("late_entry", peersupport.RuleForbidden)
		}
		if len(n.Amendments) > 0 {
			f.Add("amendments", peersupport.RuleForbidden)
		}
		return
	}
	if n.Signed.SpecialistID.IsZero() {
		f.Add("signed.specialist_id", peersupport.RuleRequired)
	}
	if n.Signed.At.IsZero() {
		f.Add("signed.at", peersupport.RuleRequired)
	}
	for _, k := range n.Format.Sections() {
		if !slices.ContainsFunc(n.Sections, func(s Section) bool { return s.Kind == k }) {
			f.Add("sections."+k.String(), peersupport.RuleRequired)
		}
	}
	if !n.CoSigned.IsZero() {
		if n.CoSigned.SupervisorID.IsZero() {
			f.Add("co_signed.supervisor_id", peersupport.RuleRequired)
		}
		switch {
		case n.CoSigned.At.IsZero():
			f.Add("co_signed.at", peersupport.RuleRequired)
		case n.CoSigned.At.Before(n.Signed.At):
			f.Add("co_signed.at", peersupport.RuleOrder)
		}
	}
	for i, a := range n.Amendments {
		n.checkAmendment(f, "amendments", a, i)
	}
}

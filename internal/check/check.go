// Package check collects the field failures of a Validate method into a
// [peersupport.ValidationError], so that every package of the module
// validates text, dates, enums and lists by the same rules.
package check

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/peersupport/peersupport"
)

// MaxText is the default length limit, in characters, of a short text field
// such as a name.
const MaxText = 200

// Fields accumulates field failures. The zero value is ready to use.
//
// Paths are relative to the scope [Fields.Enter] sets, and the scope is
// joined to a path only when a failure is recorded: the check of a list's
// elements enters "participants", i and names the element's fields alone
// ("peer_id"), so that checking a valid value builds no string.
type Fields struct {
	errs  []peersupport.FieldError
	more  int // failures beyond peersupport.MaxFieldErrors
	scope [inlineScope]scopePart
	deep  []scopePart // steps past inlineScope, which no value of the library reaches
	depth int
}

// scopePart is one step of a scope: a field, or an element of a list
// when index is 0 or more.
type scopePart struct {
	name  string
	index int
}

// inlineScope is the number of scope steps Fields holds without an
// allocation: the library's values nest three deep at most (a session's
// participant, its note, an amendment), and a small Fields is cheap to
// make for every value validated.
const inlineScope = 4

// Enter makes the paths given to f relative to name, or to name[index]
// for an index of 0 or more, until the matching [Fields.Leave].
func (f *Fields) Enter(name string, index int) {
	p := scopePart{name: name, index: index}
	if f.depth < inlineScope {
		f.scope[f.depth] = p
	} else {
		f.deep = append(f.deep[:f.depth-inlineScope], p)
	}
	f.depth++
}

// Leave ends the scope of the last [Fields.Enter].
func (f *Fields) Leave() {
	if f.depth > 0 {
		f.depth--
	}
}

// Add records that the field at path (under the scope of Enter; "" for
// the scope itself) broke rule; beyond peersupport.MaxFieldErrors
// failures it only counts them.
func (f *Fields) Add(path, rule string) {
	if len(f.errs) >= peersupport.MaxFieldErrors {
		f.more++
		return
	}
	f.errs = append(f.errs, peersupport.FieldError{Path: f.full(path), Rule: rule})
}

// full returns path under the scope.
func (f *Fields) full(path string) string {
	if f.depth == 0 {
		return path
	}
	var b strings.Builder
	steps := f.scope[:min(f.depth, inlineScope)]
	if f.depth > inlineScope {
		steps = append(steps[:inlineScope:inlineScope], f.deep[:f.depth-inlineScope]...)
	}
	for _, p := range steps {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.name)
		if p.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(p.index))
			b.WriteByte(']')
		}
	}
	if path != "" {
		b.WriteByte('.')
		b.WriteString(path)
	}
	return b.String()
}

// Merge records the failures of a nested value under prefix: a nested
// failure at "given" under "name" becomes "name.given", and stays "given"
// under "" (an embedded struct, whose fields JSON puts beside its
// owner's).
func (f *Fields) Merge(prefix string, nested []peersupport.FieldError) {
	for _, e := range nested {
		f.Add(Join(prefix, e.Path), e.Rule)
	}
}

// Failures returns what has been recorded so far.
func (f *Fields) Failures() []peersupport.FieldError { return f.errs }

// Err returns nil when nothing failed, or a *peersupport.ValidationError for
// typeName that wraps sentinel.
func (f *Fields) Err(sentinel error, typeName string) error {
	if len(f.errs) == 0 {
		return nil
	}
	return &peersupport.ValidationError{Type: typeName, Fields: f.errs, More: f.more, Err: sentinel}
}

// Text checks a text field: required when required is true, no leading or
// trailing white space, valid UTF-8, at most max characters.
func (f *Fields) Text(path, s string, required bool, max int) {
	if rule := TextRule(s, required, max); rule != "" {
		f.Add(path, rule)
	}
}

// TextRule returns the rule s breaks as a text field (see [Fields.Text]),
// or "" when it breaks none. It allocates nothing, so callers can build the
// field's path only when there is a failure to report.
func TextRule(s string, required bool, max int) string {
	if s == "" {
		if required {
			return peersupport.RuleRequired
		}
		return ""
	}
	// Most text is ASCII: one pass tells it, and then it is valid UTF-8,
	// a rune per byte, and white space is one of six bytes.
	if isASCII(s) {
		switch {
		case asciiSpace(s[0]) || asciiSpace(s[len(s)-1]):
			if strings.TrimSpace(s) == "" {
				return peersupport.RuleRequired
			}
			return peersupport.RuleUntrimmed
		case len(s) > max:
			return peersupport.RuleTooLong
		}
		return ""
	}
	switch {
	case !utf8.ValidString(s):
		return peersupport.RuleMalformed
	case strings.TrimSpace(s) == "":
		return peersupport.RuleRequired
	case strings.TrimSpace(s) != s:
		return peersupport.RuleUntrimmed
	case utf8.RuneCountInString(s) > max:
		return peersupport.RuleTooLong
	}
	return ""
}

// isASCII reports whether every byte of s is below [utf8.RuneSelf]. It
// reads eight bytes at a time (the compiler loads the eight as one word),
// as text is checked on every value validated.
func isASCII(s string) bool {
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	// Whole words, then the last eight bytes as one more word (it may
	// overlap the one before), so that no byte is read alone.
	for i := 0; i+8 <= len(s); i += 8 {
		if highBits(s[i:i+8]) != 0 {
			return false
		}
	}
	return highBits(s[len(s)-8:]) == 0
}

// highBits returns the top bit of each of the eight bytes of w, which is
// eight bytes long.
func highBits(w string) uint64 {
	const high = 0x8080808080808080
	return (uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56) & high
}

// asciiSpace reports whether c is white space as unicode.IsSpace sees an
// ASCII byte: ' ', '\t', '\n', '\v', '\f' or '\r', told by one bit of a
// mask (TestASCIISpace holds it to unicode.IsSpace).
func asciiSpace(c byte) bool {
	const spaces = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r'
	return c <= ' ' && spaces>>c&1 != 0
}

// Date checks a date field: required when required is true, and a day that
// exists when set.
func (f *Fields) Date(path string, d peersupport.Date, required bool) {
	switch {
	case d.IsZero():
		if required {
			f.Add(path, peersupport.RuleRequired)
		}
	case !d.Valid():
		f.Add(path, peersupport.RuleInvalidDate)
	}
}

// Period checks that end, when set, is not before start.
func (f *Fields) Period(endPath string, start, end peersupport.Date) {
	if !start.IsZero() && !end.IsZero() && start.Valid() && end.Valid() && end.Before(start) {
		f.Add(endPath, peersupport.RuleOrder)
	}
}

// Required records a required failure at path when missing is true.
func (f *Fields) Required(path string, missing bool) {
	if missing {
		f.Add(path, peersupport.RuleRequired)
	}
}

// Enum is the method set the generated enums share.
type Enum interface {
	~uint8
	Valid() bool
}

// EnumValue checks one enum field: unspecified is a failure only when
// required; a number outside the declared values always is.
func EnumValue[E Enum](f *Fields, path string, v E, required bool) {
	switch {
	case v == 0:
		if required {
			f.Add(path, peersupport.RuleRequired)
		}
	case !v.Valid():
		f.Add(path, peersupport.RuleUnknownCode)
	}
}

// EnumList checks a list of enum values: each declared and specified, none
// twice.
func EnumList[E Enum](f *Fields, path string, vs []E, required bool) {
	if len(vs) == 0 {
		f.Required(path, required)
		return
	}
	d := Duplicates[E]{List: vs}
	for i, v := range vs {
		switch {
		case !v.Valid():
			if v == 0 {
				f.Add(Index(path, i), peersupport.RuleRequired)
			} else {
				f.Add(Index(path, i), peersupport.RuleUnknownCode)
			}
		case d.Before(i):
			f.Add(Index(path, i), peersupport.RuleDuplicate)
		}
	}
}

// smallList is the length up to which Duplicates compares items pairwise
// instead of building a map: validation of the short lists people have
// then allocates nothing, and long lists stay linear.
const smallList = 16

// Duplicates finds items of List equal to an earlier item. Call Before with
// the indexes in increasing order.
type Duplicates[T comparable] struct {
	List []T
	seen map[T]bool
}

// Before reports whether List[i] equals an item before it.
func (d *Duplicates[T]) Before(i int) bool {
	at := func(j int) T { return d.List[j] }
	return repeated(len(d.List), i, func(j, k int) bool { return at(j) == at(k) }, at, &d.seen)
}

// DuplicatesBy finds items of a list whose keys are equal, like
// [Duplicates] but reading each item's key in place, without a list of
// the keys to allocate: Key returns the key of an item.
type DuplicatesBy[E any, K comparable] struct {
	Items []E
	Key   func(*E) K
	seen  map[K]bool
}

// Before reports whether the key of Items[i] is the key of an item before
// it. Like Duplicates.Before, it is called for i in order on a long list.
func (d *DuplicatesBy[E, K]) Before(i int) bool {
	at := func(j int) K { return d.Key(&d.Items[j]) }
	return repeated(len(d.Items), i, func(j, k int) bool { return at(j) == at(k) }, at, &d.seen)
}

// FoldDuplicates finds strings of List equal to an earlier one ignoring
// case (language tags, e-mail domains), without lower-case copies of a
// short list. Call Before with the indexes in increasing order.
type FoldDuplicates struct {
	List []string
	seen map[string]bool
}

// Before reports whether List[i] equals a string before it, ignoring case.
func (d *FoldDuplicates) Before(i int) bool {
	return repeated(len(d.List), i, func(j, k int) bool { return strings.EqualFold(d.List[j], d.List[k]) },
		func(j int) string { return strings.ToLower(d.List[j]) }, &d.seen)
}

// repeated reports whether item i of a list of n is the same as an item
// before it: a short list is compared pairwise with same, in place and
// without an allocation; a long one through *seen, the keys (which must
// be equal exactly when same holds) of the items asked about so far, so
// the items must be asked about in order.
func repeated[K comparable](n, i int, same func(j, k int) bool, key func(int) K, seen *map[K]bool) bool {
	if n <= smallList {
		for j := range i {
			if same(j, i) {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[K]bool, n)
	}
	k := key(i)
	dup := (*seen)[k]
	(*seen)[k] = true
	return dup
}

// Identifiers checks a list of identifiers: both fields set and trimmed,
// the system an absolute URI (FHIR's Identifier.system is a uri, and EHRs
// refuse others), no identifier twice.
func (f *Fields) Identifiers(path string, ids []peersupport.Identifier) {
	type same struct{ system, value string }
	d := DuplicatesBy[peersupport.Identifier, same]{Items: ids,
		Key: func(id *peersupport.Identifier) same { return same{id.System, id.Value} }}
	for i, id := range ids {
		if id.Use != "" && !slices.Contains(peersupport.IdentifierUses, id.Use) {
			f.Add(Index(path, i)+".use", peersupport.RuleUnknownCode)
		}
		if id.Type != "" && !identifierType.MatchString(id.Type) {
			f.Add(Index(path, i)+".type", peersupport.RuleMalformed)
		}
		if rule := TextRule(id.System, true, 2*MaxText); rule != "" {
			f.Add(Index(path, i)+".system", rule)
		} else if !IsURI(id.System) {
			f.Add(Index(path, i)+".system", peersupport.RuleMalformed)
		}
		if rule := TextRule(id.Value, true, MaxText); rule != "" {
			f.Add(Index(path, i)+".value", rule)
		} else if id.System == peersupport.SystemNPI && !peersupport.ValidNPI(id.Value) {
			f.Add(Index(path, i)+".value", peersupport.RuleMalformed)
		}
		if d.Before(i) {
			f.Add(Index(path, i), peersupport.RuleDuplicate)
		}
	}
}

// identifierType is the form of a code of HL7 v2 table 0203 (MR, MB,
// NPI, SS, DL, …).
var identifierType = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,19}$`)

// BareIdentifier checks an identifier that names a party rather than a
// record (a consent's recipient): no Use or Type, so that identifiers
// compare with == wherever a party is matched.
func (f *Fields) BareIdentifier(path string, id peersupport.Identifier) {
	if id.Use != "" {
		f.Add(Join(path, "use"), peersupport.RuleForbidden)
	}
	if id.Type != "" {
		f.Add(Join(path, "type"), peersupport.RuleForbidden)
	}
}

// Join returns path.name, or name alone when path is empty.
func Join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Index returns path[i].
func Index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// IsURI reports whether s is an absolute URI as FHIR's uri type wants
// one: a scheme (RFC 3986 § 3.1: a letter, then letters, digits, "+", "-"
// or "."), a colon, and something after it, with no white space.
func IsURI(s string) bool {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || scheme == "" || rest == "" || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	for i, r := range scheme {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// LanguageTag reports whether tag has the form of a BCP 47 language tag
// (RFC 5646) as the library accepts one: subtags of 1 to 8 letters or
// digits joined by hyphens, at most 35 characters long, the first two or
// three letters.
func LanguageTag(tag string) bool {
	if tag == "" || len(tag) > 35 {
		return false
	}
	rest := tag
	for i := 0; ; i++ {
		sub, after, more := strings.Cut(rest, "-")
		rest = after
		if len(sub) < 1 || len(sub) > 8 {
			return false
		}
		for _, r := range sub {
			letter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
		if i == 0 && (len(sub) < 2 || len(sub) > 3) {
			return false
		}
		if !more {
			return true
		}
	}
}

// The rule helpers below return the rule a value breaks, or "", so that a
// caller builds a field's path only when it fails: a valid value costs no
// string.

// DateRule returns the rule d breaks: required and zero, or not a day.
func DateRule(d peersupport.Date, required bool) string {
	switch {
	case d.IsZero():
		if required {
			return peersupport.RuleRequired
		}
	case !d.Valid():
		return peersupport.RuleInvalidDate
	}
	return ""
}

// EnumRule returns the rule v breaks: required and unspecified, or not a
// declared value.
func EnumRule[E Enum](v E, required bool) string {
	switch {
	case v == 0:
		if required {
			return peersupport.RuleRequired
		}
	case !v.Valid():
		return peersupport.RuleUnknownCode
	}
	return ""
}

// Ordered reports whether end, when set, is not before start (the
// [Fields.Period] rule).
func Ordered(start, end peersupport.Date) bool {
	return start.IsZero() || end.IsZero() || !start.Valid() || !end.Valid() || !end.Before(start)
}

// Modifiers checks billing modifiers at path: each two capital letters
// or digits (the form of HCPCS and CPT modifiers), none twice among the
// before lists and mods (before are the modifiers that go first on the
// same line). Short lists, which every real line has, are compared in
// place, without an allocation.
func Modifiers(f *Fields, path string, mods []string, before ...[]string) {
	// The lists, before ones first, are one list to find repeats in.
	n := len(mods)
	for _, b := range before {
		n += len(b)
	}
	at := func(j int) string {
		for _, b := range before {
			if j < len(b) {
				return b[j]
			}
			j -= len(b)
		}
		return mods[j]
	}
	var seen map[string]bool
	dup := func(j int) bool { return repeated(n, j, func(a, b int) bool { return at(a) == at(b) }, at, &seen) }
	first := n - len(mods)
	if n > smallList {
		for j := range first { // a long list's set holds the modifiers before mods
			dup(j)
		}
	}
	for i, m := range mods {
		ok := len(m) == 2
		for j := 0; j < len(m); j++ {
			c := m[j]
			ok = ok && (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
		}
		switch {
		case !ok:
			f.Add(Index(path, i), peersupport.RuleMalformed)
		case dup(first + i):
			f.Add(Index(path, i), peersupport.RuleDuplicate)
		}
	}
}

// CSVCell returns s as a CSV cell a spreadsheet will not run as a formula:
// a cell that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe (OWASP's advice on CSV injection).
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

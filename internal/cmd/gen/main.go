// Command gen writes the methods of the typed IDs and closed enums of one
// package, so that every package of the module spells them the same way.
//
// Run it through go generate in a package directory. It reads the package's
// non-test Go files and looks for type declarations whose doc comment holds a
// directive line:
//
//	//peersupport:id
//	type SpecialistID struct{ uuid uuid.UUID }
//
//	//peersupport:enum
//	type Focus uint8
//
// For an ID type it writes New<T>, Parse<T>, String, IsZero, UUID,
// MarshalText, AppendText and UnmarshalText. For an enum it expects the first
// constant of the type to be <T>Unspecified and takes each other constant's
// wire code from the constant's line comment, its first word (up to a
// colon or a space):
//
//	FocusCoOccurring // co_occurring: both at once
//
// so that renaming a constant never changes what goes on the wire; a
// constant without a code is an error. It writes Parse<T>, <T>Values,
// String (its doc lists the codes), Valid, MarshalText, AppendText,
// UnmarshalText and a compile-time guard that fails the build when a
// constant's value moves. The package must declare ErrInvalid, which every
// decoding error wraps.
//
// For a type whose doc comment holds //peersupport:redact (a value that
// holds protected health information) it writes String, GoString and
// LogValue that print the type's name and its ID field, if it has one,
// and nothing else, so that %v, %+v, %#v, %s and slog agree.
//
// The output goes to zz_generated.go in the same directory.
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

const outputName = "zz_generated.go"

type enum struct {
	name   string
	values []value
}

// redacted is a type whose printing is generated.
type redacted struct {
	name   string
	id     string // the ID field's expression of text: "", "x.ID" or "x.ID.String()"
	format bool   // no field is named Format, so the method can be
}

type value struct {
	name string
	code string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	dir, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	src, err := generate(dir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, outputName), src, 0o644); err != nil {
		log.Fatal(err)
	}
}

func generate(dir string) ([]byte, error) {
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var pkgName string
	var ids []string
	var enums []*enum
	var redacts []redacted
	byName := map[string]*enum{}
	var files []*ast.File
	for _, path := range matches {
		base := filepath.Base(path)
		if strings.HasSuffix(base, "_test.go") || base == outputName {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		pkgName = f.Name.Name
		files = append(files, f)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				switch directive(doc) {
				case "id":
					ids = append(ids, ts.Name.Name)
				case "enum":
					e := &enum{name: ts.Name.Name}
					enums = append(enums, e)
					byName[e.name] = e
				case "redact":
					redacts = append(redacts, redacted{name: ts.Name.Name, id: idField(ts), format: !hasField(ts, "Format")})
				}
			}
		}
	}
	// Second pass: the constants of each enum, in declaration order.
	for _, f := range files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			var current string
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if vs.Type != nil {
					current = ""
					if id, ok := vs.Type.(*ast.Ident); ok {
						current = id.Name
					}
				} else if len(vs.Values) > 0 {
					current = ""
				}
				e := byName[current]
				if e == nil {
					continue
				}
				for _, n := range vs.Names {
					suffix, ok := strings.CutPrefix(n.Name, e.name)
					if !ok || suffix == "" {
						return nil, fmt.Errorf("constant %s of enum %s must start with the type name", n.Name, e.name)
					}
					code := ""
					if len(e.values) > 0 { // the first, Unspecified, has no code
						code = lineCode(vs.Comment)
						if !codeForm.MatchString(code) {
							return nil, fmt.Errorf("constant %s of enum %s: no wire code; write it as its line comment, // code or // code: description", n.Name, e.name)
						}
					}
					e.values = append(e.values, value{name: n.Name, code: code})
				}
			}
		}
	}
	for _, e := range enums {
		if len(e.values) < 2 || e.values[0].name != e.name+"Unspecified" {
			return nil, fmt.Errorf("enum %s must start with %sUnspecified and have at least one value", e.name, e.name)
		}
		seen := map[string]bool{}
		for _, v := range e.values[1:] {
			if seen[v.code] {
				return nil, fmt.Errorf("enum %s: duplicate code %q", e.name, v.code)
			}
			seen[v.code] = true
		}
	}
	slices.Sort(ids)
	slices.SortFunc(enums, func(a, b *enum) int { return strings.Compare(a.name, b.name) })
	slices.SortFunc(redacts, func(a, b redacted) int { return strings.Compare(a.name, b.name) })

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/cmd/gen; DO NOT EDIT.\n\npackage %s\n\n", pkgName)
	b.WriteString("import (\n")
	if len(enums) > 0 || len(ids) > 0 {
		b.WriteString("\"fmt\"\n")
	}
	if len(enums) > 0 {
		b.WriteString("\"strconv\"\n")
	}
	if len(ids) > 0 {
		b.WriteString("\"bytes\"\n\n\"github.com/google/uuid\"\n")
	}
	if len(redacts) > 0 {
		b.WriteString("\"log/slog\"\n")
		if slices.ContainsFunc(redacts, func(r redacted) bool { return r.format }) {
			b.WriteString("\"io\"\n")
			if len(enums) == 0 && len(ids) == 0 {
				b.WriteString("\"fmt\"\n")
			}
		}
	}
	b.WriteString(")\n")
	for _, id := range ids {
		writeID(&b, pkgName, id)
	}
	for _, e := range enums {
		writeEnum(&b, e)
	}
	for _, r := range redacts {
		writeRedacted(&b, pkgName, r)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting output: %w\n%s", err, b.Bytes())
	}
	return out, nil
}

func directive(doc *ast.CommentGroup) string {
	if doc == nil {
		return ""
	}
	for _, c := range doc.List {
		if d, ok := strings.CutPrefix(c.Text, "//peersupport:"); ok {
			return strings.TrimSpace(d)
		}
	}
	return ""
}

// codeForm is the form of a wire code.
var codeForm = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// lineCode returns the wire code a constant's line comment begins with.
func lineCode(c *ast.CommentGroup) string {
	if c == nil || len(c.List) == 0 {
		return ""
	}
	text := strings.TrimSpace(strings.TrimPrefix(c.List[0].Text, "//"))
	if i := strings.IndexAny(text, ": \t"); i >= 0 {
		text = text[:i]
	}
	return text
}

// hasField reports whether a struct type declares a field of the name.
func hasField(ts *ast.TypeSpec, name string) bool {
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return false
	}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == name {
				return true
			}
		}
	}
	return false
}

// idField returns how a redacted type's ID field reads as text, "" when
// it has none.
func idField(ts *ast.TypeSpec) string {
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return ""
	}
	r := recv(ts.Name.Name)
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name != "ID" {
				continue
			}
			if id, ok := f.Type.(*ast.Ident); ok && id.Name == "string" {
				return r + ".ID"
			}
			return r + ".ID.String()"
		}
	}
	return ""
}

func writeRedacted(b *bytes.Buffer, pkg string, r redacted) {
	t := r.name
	v := recv(t)
	if v == "f" {
		v = "x" // f is Format's fmt.State
	}
	if r.format {
		// A type with a field named Format cannot have the method; its
		// fields print as redacted sub-values do.
		fmt.Fprintf(b, `
// Format implements [fmt.Formatter]: every verb prints [%[1]s.String], so
// that %%d or %%x print no field either.
func (%[2]s %[1]s) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, %[2]s.String())
	}
}
`, t, v)
	}
	if r.id == "" {
		fmt.Fprintf(b, `
// String returns "%[1]s.%[2]s{…}": the value holds protected health
// information, which it never prints.
func (%[3]s %[2]s) String() string { return "%[1]s.%[2]s{…}" }

// GoString is like [%[2]s.String], so that %%#v does not print the fields.
func (%[3]s %[2]s) GoString() string { return %[3]s.String() }

// LogValue implements [slog.LogValuer]: the type's name only.
func (%[3]s %[2]s) LogValue() slog.Value { return slog.StringValue(%[3]s.String()) }
`, pkg, t, v)
		return
	}
	fmt.Fprintf(b, `
// String returns "%[1]s.%[2]s(ID)": the value holds protected health
// information, which it never prints.
func (%[3]s %[2]s) String() string { return "%[1]s.%[2]s(" + %[4]s + ")" }

// GoString is like [%[2]s.String], so that %%#v does not print the fields.
func (%[3]s %[2]s) GoString() string { return %[3]s.String() }

// LogValue implements [slog.LogValuer]: the type's name and ID only.
func (%[3]s %[2]s) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", "%[1]s.%[2]s"), slog.String("id", %[4]s))
}
`, pkg, t, v, r.id)
}

// snake turns a Go identifier suffix such as CoOccurring into co_occurring.
func snake(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 {
			prev := runes[i-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// noun names an ID type in error messages: ID in package peer is "peer id",
// SpecialistID is "specialist id".
func noun(pkg, typ string) string {
	base := strings.TrimSuffix(typ, "ID")
	if base == "" {
		return pkg + " id"
	}
	return strings.ReplaceAll(snake(base), "_", " ") + " id"
}

func recv(typ string) string {
	return strings.ToLower(typ[:1])
}

func writeID(b *bytes.Buffer, pkg, t string) {
	n := noun(pkg, t)
	r := recv(t)
	fmt.Fprintf(b, `
// New%[1]s returns a new random %[1]s. It is a UUID of version 7, so IDs
// made later sort after IDs made earlier.
func New%[1]s() %[1]s { return %[1]s{uuid: uuid.Must(uuid.NewV7())} }

// Parse%[1]s parses the canonical text form of a %[1]s
// (8-4-4-4-12 hexadecimal digits). Malformed or empty text returns an error
// wrapping [ErrInvalid]; the error does not repeat the text.
func Parse%[1]s(s string) (%[1]s, error) {
	if len(s) != 36 {
		return %[1]s{}, fmt.Errorf("%%w: malformed %[2]s", ErrInvalid)
	}
	u, err := uuid.Parse(s)
	if err != nil || u == uuid.Nil {
		return %[1]s{}, fmt.Errorf("%%w: malformed %[2]s", ErrInvalid)
	}
	return %[1]s{uuid: u}, nil
}

// %[1]sFromUUID returns the %[1]s that wraps u, for hosts that keep UUIDs
// in their own columns. The nil UUID gives the zero %[1]s.
func %[1]sFromUUID(u uuid.UUID) %[1]s { return %[1]s{uuid: u} }

// UUID returns the UUID that %[3]s wraps.
func (%[3]s %[1]s) UUID() uuid.UUID { return %[3]s.uuid }

// Compare returns -1, 0 or +1 as %[3]s sorts before, with or after other;
// the order is that of [%[1]s.String].
func (%[3]s %[1]s) Compare(other %[1]s) int { return bytes.Compare(%[3]s.uuid[:], other.uuid[:]) }

// IsZero reports whether %[3]s is the zero %[1]s, which means "no ID".
func (%[3]s %[1]s) IsZero() bool { return %[3]s.uuid == uuid.Nil }

// String returns the canonical text form of %[3]s, or "" for the zero %[1]s.
func (%[3]s %[1]s) String() string {
	if %[3]s.IsZero() {
		return ""
	}
	return %[3]s.uuid.String()
}

// AppendText appends the text form of %[3]s to dst; see [%[1]s.String].
func (%[3]s %[1]s) AppendText(dst []byte) ([]byte, error) {
	return append(dst, %[3]s.String()...), nil
}

// MarshalText implements [encoding.TextMarshaler]; the zero %[1]s is empty text.
func (%[3]s %[1]s) MarshalText() ([]byte, error) { return %[3]s.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]. Empty text gives the
// zero %[1]s; malformed text returns an error wrapping [ErrInvalid].
func (%[3]s *%[1]s) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*%[3]s = %[1]s{}
		return nil
	}
	parsed, err := Parse%[1]s(string(text))
	if err != nil {
		return err
	}
	*%[3]s = parsed
	return nil
}
`, t, n, r)
}

func writeEnum(b *bytes.Buffer, e *enum) {
	t := e.name
	r := recv(t)
	table := strings.ToLower(t[:1]) + t[1:] + "Codes"
	label := strings.ReplaceAll(snake(t), "_", " ")
	// The guard: the build fails when a constant's value moves, as
	// stringer's does, so the table below stays indexed by value.
	b.WriteString("\nfunc _() {\n\tvar x [1]struct{}\n")
	for i, v := range e.values {
		fmt.Fprintf(b, "\t_ = x[%s-%d]\n", v.name, i)
	}
	b.WriteString("}\n")
	fmt.Fprintf(b, "\nvar %s = [...]string{\n", table)
	quoted := make([]string, 0, len(e.values))
	for _, v := range e.values {
		fmt.Fprintf(b, "%s: %q,\n", v.name, v.code)
		if v.code != "" {
			quoted = append(quoted, strconv.Quote(v.code))
		}
	}
	b.WriteString("}\n")

	fmt.Fprintf(b, `
// %[1]sValues returns every valid %[1]s in declaration order; it leaves out
// %[1]sUnspecified. The caller may modify the slice.
func %[1]sValues() []%[1]s {
	vs := make([]%[1]s, 0, len(%[2]s)-1)
	for i := 1; i < len(%[2]s); i++ {
		vs = append(vs, %[1]s(i))
	}
	return vs
}

// Parse%[1]s returns the %[1]s whose wire code is s. Unknown codes,
// including the empty string, return an error wrapping [ErrInvalid].
func Parse%[1]s(s string) (%[1]s, error) {
	for i := 1; i < len(%[2]s); i++ {
		if %[2]s[i] == s {
			return %[1]s(i), nil
		}
	}
	return %[1]sUnspecified, fmt.Errorf("%%w: unknown %[4]s code", ErrInvalid)
}

// Valid reports whether %[3]s is one of the declared values other than
// %[1]sUnspecified.
func (%[3]s %[1]s) Valid() bool { return %[3]s > 0 && int(%[3]s) < len(%[2]s) }

// String returns the wire code of %[3]s, "" for %[1]sUnspecified, or
// "%[1]s(N)" for a number outside the enumeration. The codes, in the
// order of the values:
%[5]s
func (%[3]s %[1]s) String() string {
	if int(%[3]s) < len(%[2]s) {
		return %[2]s[%[3]s]
	}
	return "%[1]s(" + strconv.Itoa(int(%[3]s)) + ")"
}

// AppendText appends the wire code of %[3]s to dst. %[1]sUnspecified is empty
// text; a number outside the enumeration returns an error wrapping [ErrInvalid].
func (%[3]s %[1]s) AppendText(dst []byte) ([]byte, error) {
	if int(%[3]s) >= len(%[2]s) {
		return dst, fmt.Errorf("%%w: %[4]s %%d out of range", ErrInvalid, uint64(%[3]s))
	}
	return append(dst, %[2]s[%[3]s]...), nil
}

// MarshalText implements [encoding.TextMarshaler]; see [%[1]s.AppendText].
func (%[3]s %[1]s) MarshalText() ([]byte, error) { return %[3]s.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]. Empty text gives
// %[1]sUnspecified; an unknown code returns an error wrapping [ErrInvalid]
// and leaves %[3]s unchanged.
func (%[3]s *%[1]s) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*%[3]s = %[1]sUnspecified
		return nil
	}
	parsed, err := Parse%[1]s(string(text))
	if err != nil {
		return err
	}
	*%[3]s = parsed
	return nil
}
`, t, table, r, label, wrap(quoted))
}

// wrap writes a list as comment lines of at most 76 columns, ending in a
// period.
func wrap(items []string) string {
	var lines []string
	line := "//"
	for i, it := range items {
		word := " " + it
		if i < len(items)-1 {
			word += ","
		} else {
			word += "."
		}
		if len(line)+len(word) > 76 && line != "//" {
			lines = append(lines, line)
			line = "//"
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

package check

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
)

var errTest = errors.New("test: invalid")

type color uint8

func (c color) Valid() bool { return c > 0 && c < 3 }

func TestFields(t *testing.T) {
	var f Fields
	require.NoError(t, f.Err(errTest, "x.T"))

	f.Text("a", "", true, 5)
	f.Text("b", "", false, 5)
	f.Text("c", " x", true, 5)
	f.Text("d", "toolong", true, 5)
	f.Text("e", "\xff", true, 5)
	f.Text("f", "   ", true, 5)
	f.Text("g", "fine", true, 5)
	f.Date("h", peersupport.Date{}, true)
	f.Date("i", peersupport.Date{Year: 2025, Month: time.February, Day: 30}, false)
	f.Period("j", peersupport.Date{Year: 2025, Month: 3, Day: 2}, peersupport.Date{Year: 2025, Month: 3, Day: 1})
	f.Period("k", peersupport.Date{Year: 2025, Month: 3, Day: 1}, peersupport.Date{Year: 2025, Month: 3, Day: 1})
	EnumValue(&f, "l", color(0), true)
	EnumValue(&f, "m", color(9), false)
	EnumValue(&f, "n", color(0), false)
	EnumList(&f, "o", []color{1, 1, 0, 7}, true)
	EnumList(&f, "p", []color(nil), true)
	f.Identifiers("q", []peersupport.Identifier{{System: "urn:s", Value: "v"}, {System: "urn:s", Value: "v"}, {}})
	f.Merge("r", []peersupport.FieldError{{Path: "given", Rule: peersupport.RuleRequired}})

	err := f.Err(errTest, "x.T")
	require.ErrorIs(t, err, errTest)
	var verr *peersupport.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []peersupport.FieldError{
		{Path: "a", Rule: "required"},
		{Path: "c", Rule: "untrimmed"},
		{Path: "d", Rule: "too_long"},
		{Path: "e", Rule: "malformed"},
		{Path: "f", Rule: "required"},
		{Path: "h", Rule: "required"},
		{Path: "i", Rule: "invalid_date"},
		{Path: "j", Rule: "order"},
		{Path: "l", Rule: "required"},
		{Path: "m", Rule: "unknown_code"},
		{Path: "o[1]", Rule: "duplicate"},
		{Path: "o[2]", Rule: "required"},
		{Path: "o[3]", Rule: "unknown_code"},
		{Path: "p", Rule: "required"},
		{Path: "q[1]", Rule: "duplicate"},
		{Path: "q[2].system", Rule: "required"},
		{Path: "q[2].value", Rule: "required"},
		{Path: "r.given", Rule: "required"},
	}, verr.Fields)
	assert.Equal(t, f.Failures(), verr.Fields)
}

func TestDuplicates(t *testing.T) {
	for _, n := range []int{3, smallList, smallList + 1, 100} {
		list := make([]int, n)
		for i := range list {
			list[i] = i % (n - 1) // the last item repeats the first
		}
		d := Duplicates[int]{List: list}
		for i := range list {
			assert.Equal(t, i == n-1, d.Before(i), "n=%d i=%d", n, i)
		}
	}
}

func TestDuplicatesBy(t *testing.T) {
	type item struct{ key int }
	for _, n := range []int{3, smallList, smallList + 1, 100} {
		items := make([]item, n)
		for i := range items {
			items[i].key = i % (n - 1) // the last item repeats the first
		}
		d := DuplicatesBy[item, int]{Items: items, Key: func(it *item) int { return it.key }}
		for i := range items {
			assert.Equal(t, i == n-1, d.Before(i), "n=%d i=%d", n, i)
		}
	}
	small := []item{{1}, {2}, {3}}
	d := DuplicatesBy[item, int]{Items: small, Key: func(it *item) int { return it.key }}
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = d.Before(2) }), "a short list is compared in place")
}

// TestFieldsScope: paths are relative to the scope Enter sets, joined
// only when a failure is recorded: a field, an element, the element
// itself (""), nested scopes, and scopes deeper than Fields names.
func TestFieldsScope(t *testing.T) {
	var f Fields
	f.Add("top", "required")
	f.Enter("participants", 2)
	f.Add("peer_id", "duplicate")
	f.Add("", "duplicate")
	f.Enter("note", -1)
	f.Enter("comments", 0)
	f.Add("at", "order")
	f.Leave()
	f.Add("format", "required")
	f.Leave()
	f.Leave()
	f.Leave() // one Leave too many is ignored
	f.Add("after", "required")
	for range inlineScope + 3 { // past what Fields holds inline
		f.Enter("a", 1)
	}
	f.Add("deep", "required")
	for range inlineScope + 3 {
		f.Leave()
	}
	f.Enter("b", -1) // a shallower scope after a deep one
	f.Add("c", "required")
	f.Leave()
	paths := make([]string, 0, len(f.Failures()))
	for _, e := range f.Failures() {
		paths = append(paths, e.Path)
	}
	assert.Equal(t, []string{"top", "participants[2].peer_id", "participants[2]", "participants[2].note.comments[0].at",
		"participants[2].note.format", "after", strings.Repeat("a[1].", inlineScope+3) + "deep", "b.c"}, paths)

	var g Fields
	assert.Zero(t, testing.AllocsPerRun(10, func() {
		g.Enter("items", 7)
		g.Text("name", "fine", true, MaxText)
		g.Required("id", false)
		EnumValue(&g, "color", color(1), true)
		g.Leave()
	}), "no path is built for what passes")
	assert.Empty(t, g.Failures())
}

func TestIsURI(t *testing.T) {
	for s, want := range map[string]bool{
		"http://hl7.org/fhir/sid/us-npi": true, "urn:oid:2.16.840.1.113883.4.1": true, "urn:example:mrn": true,
		"mrn": false, "": false, ":x": false, "urn:": false, "1urn:x": false, "ur n:x": false, "urn:a b": false, "x+y-z.w:v": true,
	} {
		assert.Equal(t, want, IsURI(s), s)
	}
}

func TestIdentifierUseAndType(t *testing.T) {
	var f Fields
	f.Identifiers("ids", []peersupport.Identifier{
		{System: "urn:s", Value: "1", Use: "official", Type: "MR"},
		{System: "urn:s", Value: "2", Use: "primary"},
		{System: "urn:s", Value: "3", Type: "M R"},
		{System: "urn:s", Value: "1", Use: "old"}, // the same identifier, whatever its use
	})
	f.BareIdentifier("party", peersupport.Identifier{System: "urn:s", Value: "1", Use: "usual", Type: "NPI"})
	err := f.Err(errTest, "test")
	require.Error(t, err)
	var ve *peersupport.ValidationError
	require.ErrorAs(t, err, &ve)
	var got []string
	for _, fe := range ve.Fields {
		got = append(got, fe.Path+" "+fe.Rule)
	}
	assert.Equal(t, []string{"ids[1].use unknown_code", "ids[2].type malformed", "ids[3] duplicate", "party.use forbidden", "party.type forbidden"}, got)
}

// TestTextRuleFastPath: the ASCII path agrees with the general one, for
// text shorter and longer than the eight bytes isASCII reads at a time.
func TestTextRuleFastPath(t *testing.T) {
	for _, s := range []string{"a", " a", "a ", "\ta", "a\n", " ", "\t \n", "abc", "a b", "a\x00b", "ab\u00a0", "\u00a0ab", "é", " é", "é ", "\xff",
		"abcdefgh", "abcdefg ", "abcdefghé", "abcdefgh\u00a0", "\u00a0bcdefghij", "abcdefghijklmnop ", "abcdefghijklmnopq"} {
		for _, max := range []int{1, 2, 3, 10} {
			for _, required := range []bool{true, false} {
				want := slowTextRule(s, required, max)
				assert.Equal(t, want, TextRule(s, required, max), "%q max %d required %v", s, max, required)
			}
		}
	}
}

// TestIsASCII: isASCII agrees with a byte-by-byte loop for every length
// up to three words and every position of a byte of 0x80 or above.
func TestIsASCII(t *testing.T) {
	byteByByte := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	for n := range 25 {
		plain := strings.Repeat("\x7f", n) // the highest ASCII byte
		assert.True(t, isASCII(plain), "length %d", n)
		for i := range n {
			for _, high := range []byte{0x80, 0xc3, 0xff} {
				b := []byte(plain)
				b[i] = high
				s := string(b)
				assert.Equal(t, byteByByte(s), isASCII(s), "length %d, byte %#x at %d", n, high, i)
				assert.False(t, isASCII(s), "length %d, byte %#x at %d", n, high, i)
			}
		}
	}
}

// TestASCIISpace: asciiSpace agrees with unicode.IsSpace on every byte
// below utf8.RuneSelf, and is false for every byte above.
func TestASCIISpace(t *testing.T) {
	for c := range 256 {
		want := c < utf8.RuneSelf && unicode.IsSpace(rune(c))
		assert.Equal(t, want, asciiSpace(byte(c)), "byte %#x", c)
	}
}

// slowTextRule is TextRule without its ASCII path.
func slowTextRule(s string, required bool, max int) string {
	switch {
	case s == "":
		if required {
			return peersupport.RuleRequired
		}
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

// splitLanguageTag is LanguageTag as first written, with strings.Split:
// the reference the allocation-free version must agree with.
func splitLanguageTag(tag string) bool {
	if tag == "" || len(tag) > 35 {
		return false
	}
	for i, sub := range strings.Split(tag, "-") {
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
	}
	return true
}

func TestLanguageTag(t *testing.T) {
	for tag, want := range map[string]bool{
		"en": true, "es-MX": true, "zh-Hant-TW": true, "sgn-ase": true, "de-CH-1901": true, "x-abc": false,
		"": false, "e": false, "english": false, "en-": false, "-en": false, "en--US": false, "en-US-": false,
		"en-toolongsub": false, "1a": false, "es-!!": false, "en-ü": false, strings.Repeat("ab-", 12) + "ab": false,
	} {
		assert.Equal(t, want, LanguageTag(tag), tag)
		assert.Equal(t, splitLanguageTag(tag), LanguageTag(tag), "as with Split: %q", tag)
	}
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = LanguageTag("zh-Hant-TW") }))
}

// TestModifiers: malformed and repeated modifiers, repeats counted across
// the lists that go first, in a short list (compared in place, without
// an allocation) and a long one (through a set).
func TestModifiers(t *testing.T) {
	paths := func(f *Fields) []string {
		var out []string
		for _, e := range f.Failures() {
			out = append(out, e.Path+":"+e.Rule)
		}
		return out
	}
	var f Fields
	Modifiers(&f, "m", []string{"HF", "hf", "H", "HQ", "95", "HF"}, []string{"HQ"}, []string{"95"})
	assert.Equal(t, []string{"m[1]:malformed", "m[2]:malformed", "m[3]:duplicate", "m[4]:duplicate", "m[5]:duplicate"}, paths(&f))

	long := make([]string, 0, smallList+2)
	for i := range smallList + 1 {
		long = append(long, fmt.Sprintf("%c%c", 'A'+i/10, '0'+i%10))
	}
	long = append(long, "A3") // the fourth again
	var g Fields
	Modifiers(&g, "m", long, []string{"B0"})
	assert.Equal(t, []string{"m[10]:duplicate", fmt.Sprintf("m[%d]:duplicate", smallList+1)}, paths(&g))

	assert.Zero(t, testing.AllocsPerRun(10, func() {
		var h Fields
		Modifiers(&h, "m", []string{"95", "GT"}, []string{"HF"}, []string{"HQ"})
	}))
}

// TestFoldDuplicates: a string repeated in another case is a duplicate,
// in a short list (compared in place, without an allocation) and a long
// one (through lower-case keys).
func TestFoldDuplicates(t *testing.T) {
	for _, n := range []int{3, smallList, smallList + 1, 40} {
		list := make([]string, n)
		for i := range list {
			list[i] = fmt.Sprintf("x%c%c", 'a'+i/26, 'a'+i%26)
		}
		list[n-1] = "XAA" // the first, in capitals
		d := FoldDuplicates{List: list}
		for i := range list {
			assert.Equal(t, i == n-1, d.Before(i), "n=%d i=%d", n, i)
		}
	}
	d := FoldDuplicates{List: []string{"en", "es-MX", "ES-mx"}}
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = d.Before(2) }))
	assert.True(t, d.Before(2))
}

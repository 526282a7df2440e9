package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"Active": "active", "CoOccurring": "co_occurring", "SMS": "sms", "BARC10": "barc10",
		"PartTime": "part_time", "HTTPServer": "http_server", "Self": "self",
	} {
		assert.Equal(t, want, snake(in), in)
	}
	assert.Equal(t, "peer id", noun("peer", "ID"))
	assert.Equal(t, "specialist id", noun("peer", "SpecialistID"))
}

func writePkg(t *testing.T, src string) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.go"), []byte(src), 0o644))
	return dir
}

func TestGenerate(t *testing.T) {
	dir := writePkg(t, `package x

import "github.com/google/uuid"

// Color is a color.
//
//peersupport:enum
type Color uint8

const (
	ColorUnspecified Color = iota
	ColorDarkRed // crimson: not the constant's name
	ColorBlue    // blue
)

//peersupport:id
type ThingID struct{ uuid uuid.UUID }

// Secret holds what must not print.
//
//peersupport:redact
type Secret struct {
	ID   ThingID
	Text string
}

// Note has no ID.
//
//peersupport:redact
type Note struct{ Text string }
`)
	out, err := generate(dir)
	require.NoError(t, err)
	src := string(out)
	for _, want := range []string{
		"package x", `ColorDarkRed:     "crimson"`, "func ParseColor(s string) (Color, error)", "func ColorValues() []Color",
		"func (c *Color) UnmarshalText(text []byte) error", "func NewThingID() ThingID", "func ParseThingID(s string) (ThingID, error)",
		"malformed thing id", "_ = x[ColorBlue-2]", `// "crimson", "blue".`,
		`func (s Secret) String() string { return "x.Secret(" + s.ID.String() + ")" }`, `func (n Note) String() string { return "x.Note{…}" }`,
		"func (s Secret) LogValue() slog.Value",
	} {
		assert.Contains(t, src, want)
	}
}

func TestGenerateRejectsBadEnums(t *testing.T) {
	for name, src := range map[string]string{
		"no unspecified": "package x\n//peersupport:enum\ntype C uint8\nconst (\n\tCRed C = iota\n\tCBlue\n)\n",
		"bad prefix":     "package x\n//peersupport:enum\ntype C uint8\nconst (\n\tCUnspecified C = iota\n\tRed\n)\n",
		"duplicate code": "package x\n//peersupport:enum\ntype C uint8\nconst (\n\tCUnspecified C = iota\n\tCRedOne // red\n\tCRedTwo // red\n)\n",
		"no code":        "package x\n//peersupport:enum\ntype C uint8\nconst (\n\tCUnspecified C = iota\n\tCRed // red\n\tCBlue\n)\n",
		"bad code":       "package x\n//peersupport:enum\ntype C uint8\nconst (\n\tCUnspecified C = iota\n\tCRed // Red colour\n)\n",
		"syntax error":   "package x\nfunc {",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := generate(writePkg(t, src))
			assert.Error(t, err)
		})
	}
}

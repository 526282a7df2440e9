package storage

import (
	"fmt"
	"regexp"
)

// Field is one field of an index: a name (a column name, for a SQL
// driver) and a type.
type Field struct {
	Name string
	Type Type
}

// IndexSchema describes one index of a kind to a driver. Records are
// ordered in an index by their entry, field by field, then by key.
type IndexSchema struct {
	Name   string
	Fields []Field
	// Unique: no two records may have the same entry in the index.
	Unique bool
	// Multi: a record may have several entries in the index (a session
	// under each of its participants); otherwise at most one.
	Multi bool
}

// Schema describes one kind of record to a driver: its name, its indexes
// and how to turn its values into bytes and back for drivers that store
// bytes. A driver that keeps Go values (package memstore) never calls
// Encode or Decode.
type Schema struct {
	Kind    string
	Indexes []IndexSchema
	// Encode returns the bytes of a value (a pointer to the record).
	Encode func(v any) ([]byte, error)
	// Decode returns the value (a pointer to a new record) of bytes
	// Encode made.
	Decode func(data []byte) (any, error)
}

// name is the form of kind, index and field names: lowercase snake case,
// with dots to qualify a kind by its package ("session.booking").
var name = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)

// Validate reports the first thing wrong with s, as an error wrapping
// [ErrInvalid]: names not in lowercase snake case, an index or a field
// named twice, an index without fields, a field of no type, or no codec.
func (s Schema) Validate() error {
	bad := func(what string, args ...any) error {
		return fmt.Errorf("storage: schema of %q: %s: %w", s.Kind, fmt.Sprintf(what, args...), ErrInvalid)
	}
	if !name.MatchString(s.Kind) {
		return bad("kind name")
	}
	if s.Encode == nil || s.Decode == nil {
		return bad("codec")
	}
	seen := map[string]bool{}
	for _, ix := range s.Indexes {
		if !name.MatchString(ix.Name) || seen[ix.Name] {
			return bad("index %q: name", ix.Name)
		}
		seen[ix.Name] = true
		if len(ix.Fields) == 0 {
			return bad("index %q: no fields", ix.Name)
		}
		fields := map[string]bool{}
		for _, f := range ix.Fields {
			if !name.MatchString(f.Name) || fields[f.Name] || f.Type < TypeString || f.Type > TypeDate {
				return bad("index %q: field %q", ix.Name, f.Name)
			}
			fields[f.Name] = true
		}
	}
	return nil
}

// Index returns the position of the index with the name in s.Indexes, or
// -1.
func (s Schema) Index(name string) int {
	for i, ix := range s.Indexes {
		if ix.Name == name {
			return i
		}
	}
	return -1
}

package sqlstore

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/peersupport/peersupport/storage"
)

// maxIdentifier is the longest table or column name sqlstore makes: the
// limit of PostgreSQL (63 bytes), which would otherwise cut longer names
// silently, kept on every dialect so that a schema works on all of them.
const maxIdentifier = 63

// kindTables is what the driver knows of a prepared kind: its schema and
// the SQL it runs on the kind's tables.
type kindTables struct {
	schema  storage.Schema
	table   string   // the quoted name of the kind's table
	indexes []*index // in the schema's order
}

// index is one index table.
type index struct {
	schema storage.IndexSchema
	table  string   // quoted
	fields []field  // in order
	cols   []string // the quoted columns of the fields, in order
}

// field is one index field and its columns: one, or two for a time
// (seconds, nanoseconds).
type field struct {
	typ  storage.Type
	cols []string // quoted
}

// quote returns name as a quoted SQL identifier. Names come from schemas,
// which [storage.Schema.Validate] limits to lowercase letters, digits,
// underscores and dots; sqlstore adds "#".
func quote(name string) string { return `"` + name + `"` }

// tablesOf returns the tables of a schema, or an error wrapping
// storage.ErrInvalid for one whose names do not fit.
func tablesOf(s storage.Schema) (*kindTables, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	long := func(name string) error {
		if len(name) > maxIdentifier {
			return fmt.Errorf("sqlstore: kind %s: name %q longer than %d bytes: %w", s.Kind, name, maxIdentifier, storage.ErrInvalid)
		}
		return nil
	}
	if err := long(s.Kind); err != nil {
		return nil, err
	}
	k := &kindTables{schema: s, table: quote(s.Kind)}
	for _, ix := range s.Indexes {
		name := s.Kind + "#" + ix.Name
		if err := long(name + "#unique"); err != nil {
			return nil, err
		}
		x := &index{schema: ix, table: quote(name)}
		for _, f := range ix.Fields {
			fd := field{typ: f.Type, cols: []string{quote(f.Name)}}
			if f.Type == storage.TypeTime {
				if err := long(f.Name + "#ns"); err != nil {
					return nil, err
				}
				fd.cols = append(fd.cols, quote(f.Name+"#ns"))
			}
			x.fields = append(x.fields, fd)
			x.cols = append(x.cols, fd.cols...)
		}
		k.indexes = append(k.indexes, x)
	}
	return k, nil
}

// declaration is the form of a kind's indexes recorded in sqlstore_kind.
func declaration(s storage.Schema) string {
	type fieldDecl struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	type indexDecl struct {
		Name   string      `json:"name"`
		Fields []fieldDecl `json:"fields"`
		Unique bool        `json:"unique,omitempty"`
		Multi  bool        `json:"multi,omitempty"`
	}
	out := []indexDecl{}
	for _, ix := range s.Indexes {
		d := indexDecl{Name: ix.Name, Unique: ix.Unique, Multi: ix.Multi}
		for _, f := range ix.Fields {
			d.Fields = append(d.Fields, fieldDecl{Name: f.Name, Type: f.Type.String()})
		}
		out = append(out, d)
	}
	b, err := json.Marshal(out)
	if err != nil { // a slice of strings and booleans always encodes
		return ""
	}
	return string(b)
}

// ddl returns the statements that make a kind's tables, each safe to run
// again.
func (k *kindTables) ddl(d *dialect) []string {
	out := []string{fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (_key %s PRIMARY KEY, _version %s NOT NULL, _doc %s NOT NULL)`,
		k.table, d.text, d.integer, d.doc)}
	for _, x := range k.indexes {
		var cols []string
		for _, f := range x.fields {
			typ := d.integer
			if f.typ == storage.TypeString {
				typ = d.text
			}
			for _, c := range f.cols {
				cols = append(cols, c+" "+typ+" NOT NULL")
			}
		}
		all := strings.Join(x.cols, ", ")
		out = append(out,
			fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (%s, _key %s NOT NULL REFERENCES %s (_key), PRIMARY KEY (%s, _key))%s`,
				x.table, strings.Join(cols, ", "), d.text, k.table, all, d.clustered),
			fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_key)`, quote(k.schema.Kind+"#"+x.schema.Name+"#key"), x.table))
		if x.schema.Unique {
			out = append(out, fmt.Sprintf(`CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s)`,
				quote(k.schema.Kind+"#"+x.schema.Name+"#unique"), x.table, all))
		}
	}
	return out
}

// args returns the column values of an entry, checking its types against
// the index's fields.
func (x *index) args(entry []storage.Value) ([]any, error) {
	if len(entry) != len(x.fields) {
		return nil, fmt.Errorf("index %s: entry of %d fields, not %d: %w", x.schema.Name, len(entry), len(x.fields), storage.ErrInvalid)
	}
	out := make([]any, 0, len(x.cols))
	for i, v := range entry {
		a, err := x.fields[i].args(v)
		if err != nil {
			return nil, fmt.Errorf("index %s: field %s: %w", x.schema.Name, x.schema.Fields[i].Name, err)
		}
		out = append(out, a...)
	}
	return out, nil
}

// args returns the column values of one field's value.
func (f field) args(v storage.Value) ([]any, error) {
	if v.Type() != f.typ {
		return nil, fmt.Errorf("a %s, not a %s: %w", v.Type(), f.typ, storage.ErrInvalid)
	}
	switch f.typ {
	case storage.TypeString:
		return []any{v.Str()}, nil
	case storage.TypeTime:
		t := v.Time()
		return []any{t.Unix(), int64(t.Nanosecond())}, nil
	case storage.TypeDate:
		return []any{dayNumber(v)}, nil
	}
	return []any{v.Int64()}, nil
}

// scanner returns destinations for the columns of an entry and a function
// that makes the entry of what was scanned into them.
func (x *index) scanner() ([]any, func() []storage.Value) {
	dest := make([]any, 0, len(x.cols))
	type slot struct {
		s    string
		n, m int64
	}
	slots := make([]slot, len(x.fields))
	for i, f := range x.fields {
		switch f.typ {
		case storage.TypeString:
			dest = append(dest, &slots[i].s)
		case storage.TypeTime:
			dest = append(dest, &slots[i].n, &slots[i].m)
		default:
			dest = append(dest, &slots[i].n)
		}
	}
	return dest, func() []storage.Value {
		out := make([]storage.Value, len(x.fields))
		for i, f := range x.fields {
			s := slots[i]
			switch f.typ {
			case storage.TypeString:
				out[i] = storage.String(s.s)
			case storage.TypeTime:
				out[i] = storage.Time(unix(s.n, s.m))
			case storage.TypeDate:
				out[i] = dayValue(s.n)
			default:
				out[i] = storage.Int(s.n)
			}
		}
		return out
	}
}

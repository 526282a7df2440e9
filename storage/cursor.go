package storage

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// cursorJSON is the wire form of a page cursor: the index it belongs to,
// the entry and the key of the last record of the page.
type cursorJSON struct {
	Index string      `json:"i,omitempty"`
	Entry []valueJSON `json:"e,omitempty"`
	Key   string      `json:"k"`
}

type valueJSON struct {
	T  Type   `json:"t"`
	S  string `json:"s,omitempty"`
	N  int64  `json:"n,omitempty"`
	NS int32  `json:"ns,omitempty"`
}

// encodeCursor returns the opaque text of a cursor in an index.
func encodeCursor(index string, c Cursor) string {
	cj := cursorJSON{Index: index, Key: c.Key}
	for _, v := range c.Entry {
		cj.Entry = append(cj.Entry, valueJSON{T: v.t, S: v.s, N: v.n, NS: v.ns})
	}
	data, _ := json.Marshal(cj) // a struct of strings and numbers always marshals
	return base64.RawURLEncoding.EncodeToString(data)
}

// maxCursor bounds the length of a cursor's text.
const maxCursor = 4096

// decodeCursor reads a cursor of the index from its text; an error wraps
// ErrInvalid and does not repeat the text.
func decodeCursor(s, index string) (Cursor, error) {
	bad := fmt.Errorf("malformed cursor: %w", ErrInvalid)
	if len(s) > maxCursor {
		return Cursor{}, bad
	}
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, bad
	}
	var cj cursorJSON
	if err := json.Unmarshal(data, &cj); err != nil || cj.Key == "" {
		return Cursor{}, bad
	}
	if cj.Index != index {
		return Cursor{}, fmt.Errorf("cursor of another listing: %w", ErrInvalid)
	}
	c := Cursor{Key: cj.Key}
	for _, v := range cj.Entry {
		if v.T < TypeString || v.T > TypeDate || v.NS < 0 || v.NS >= 1e9 {
			return Cursor{}, bad
		}
		c.Entry = append(c.Entry, Value{t: v.T, s: v.S, n: v.N, ns: v.NS})
	}
	return c, nil
}

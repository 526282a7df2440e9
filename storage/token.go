package storage

import (
	"context"
	"errors"
	"fmt"
)

// token is a serialization point: a record with a name and a version that
// commits which must not both succeed bump together.
type token struct {
	Name    tokenName `json:"name"`
	Version int64     `json:"version"`
}

// tokenName is the key of a token.
type tokenName string

func (n tokenName) String() string { return string(n) }
func (n tokenName) IsZero() bool   { return n == "" }

// tokens are the tokens of every DB: kind "storage.token", no indexes.
var tokens = NewCollection(Aggregate[token, tokenName]{
	Kind:    "storage.token",
	Key:     func(t *token) tokenName { return t.Name },
	Version: func(t *token) *int64 { return &t.Version },
	Validate: func(t *token) error {
		if t.Name == "" || len(t.Name) > 400 {
			return fmt.Errorf("storage: token name: %w", ErrInvalid)
		}
		return nil
	},
	Clone: func(t token) token { return t },
})

// Token reads the serialization token of the given name and returns the
// write that moves it on. Commits that carry the write of one token are
// serialized: when another commit moved the token since it was read, the
// commit fails with ErrConflict, and a [Retry] reads anew. Domain
// operations use tokens where a rule spans records that no single record
// holds: a specialist's caseload (capacity), a specialist's day of
// sessions (no double booking). A token is a tiny record of kind
// "storage.token", so every driver keeps it.
//
// It returns an error wrapping ErrInvalid for an empty or overlong name,
// ctx's error, or the driver's.
func (db *DB) Token(ctx context.Context, name string) (Write, error) {
	t, err := tokens.Get(ctx, db, tokenName(name))
	switch {
	case errors.Is(err, ErrNotFound):
		t = token{Name: tokenName(name)}
	case err != nil:
		return Write{}, err
	}
	w := tokens.write(&t, t.Version)
	// Two commits that both create the token collide on its key: that is
	// a conflict too.
	w.existsIsConflict = true
	return w, nil
}

package storage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
)

// note is a small aggregate of the tests.
type note struct {
	ID      noteID    `json:"id"`
	Version int64     `json:"version"`
	Owner   string    `json:"owner"`
	At      time.Time `json:"at"`
	Tags    []string  `json:"tags,omitempty"`
	Frozen  bool      `json:"frozen,omitempty"`
}

type noteID string

func (id noteID) String() string { return string(id) }
func (id noteID) IsZero() bool   { return id == "" }

var errFrozen = errors.New("frozen")

var notes = storage.NewCollection(storage.Aggregate[note, noteID]{
	Kind:    "test.note",
	Key:     func(n *note) noteID { return n.ID },
	Version: func(n *note) *int64 { return &n.Version },
	Validate: func(n *note) error {
		if n.Owner == "" {
			return fmt.Errorf("owner: %w", storage.ErrInvalid)
		}
		return nil
	},
	Clone: func(n note) note { n.Tags = append([]string(nil), n.Tags...); return n },
	Change: func(stored, next *note) error {
		if stored.Frozen {
			return errFrozen
		}
		return nil
	},
	Normalize: func(n *note) { n.At = n.At.UTC() },
	Indexes: []storage.Index[note]{{
		Name:   "owner_at",
		Fields: []storage.Field{{Name: "owner", Type: storage.TypeString}, {Name: "at", Type: storage.TypeTime}},
		Entries: func(n *note) [][]storage.Value {
			return storage.Entry(storage.String(n.Owner), storage.Time(n.At))
		},
	}},
})

type byOwner string

func (o byOwner) Query() storage.Query {
	return storage.Query{Index: "owner_at", Prefix: []storage.Value{storage.String(string(o))}, Exact: true}
}
func (o byOwner) Matches(*note) bool { return true }

var t0 = time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)

func TestCollection(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	require.NoError(t, notes.Err())

	n := note{ID: "n1", Owner: "ana", At: t0.In(time.FixedZone("X", 3600)), Tags: []string{"a"}}
	created, err := notes.Create(ctx, db, n)
	require.NoError(t, err)
	assert.Equal(t, int64(1), created.Version)
	assert.Equal(t, time.UTC, created.At.Location(), "normalized")
	n.Tags[0] = "changed by the caller"
	created.Tags[0] = "changed too"
	got, err := notes.Get(ctx, db, "n1")
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, got.Tags, "the stored record shares no memory with callers")

	_, err = notes.Create(ctx, db, note{ID: "n2"})
	assert.ErrorIs(t, err, storage.ErrInvalid)
	_, err = notes.Create(ctx, db, note{Owner: "ana"})
	assert.ErrorIs(t, err, storage.ErrInvalid, "no id")
	_, err = notes.Get(ctx, db, "")
	assert.ErrorIs(t, err, storage.ErrInvalid)
	_, err = notes.Get(ctx, db, "missing")
	assert.ErrorIs(t, err, storage.ErrNotFound)

	revised, err := notes.Revise(ctx, db, "n1", func(n *note) error { n.Tags = append(n.Tags, "b"); return nil })
	require.NoError(t, err)
	assert.Equal(t, int64(2), revised.Version)
	_, err = notes.Revise(ctx, db, "n1", func(n *note) error { n.ID = "other"; return nil })
	assert.ErrorIs(t, err, storage.ErrInvalid, "a change may not change the id")

	frozen, err := notes.Revise(ctx, db, "n1", func(n *note) error { n.Frozen = true; return nil })
	require.NoError(t, err)
	frozen.Owner = "someone else"
	_, err = notes.Update(ctx, db, frozen)
	assert.ErrorIs(t, err, errFrozen, "the change rule holds on every write")
	stale := revised
	_, err = notes.Update(ctx, db, stale)
	assert.ErrorIs(t, err, storage.ErrConflict)
}

func TestCommitAndToken(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	a, b := note{ID: "a", Owner: "o", At: t0}, note{ID: "b", Owner: "o", At: t0.Add(time.Minute)}
	require.NoError(t, db.Commit(ctx, notes.Insert(&a), notes.Insert(&b)))
	assert.Equal(t, int64(1), a.Version, "a committed write sets the caller's version")
	assert.ErrorIs(t, db.Commit(ctx), storage.ErrInvalid, "no writes")
	assert.ErrorIs(t, db.Commit(ctx, storage.Write{}), storage.ErrInvalid, "the zero Write")
	bad := note{ID: "c"}
	assert.ErrorIs(t, db.Commit(ctx, notes.Insert(&a), notes.Insert(&bad)), storage.ErrInvalid)

	tok, err := db.Token(ctx, "t")
	require.NoError(t, err)
	tok2, err := db.Token(ctx, "t")
	require.NoError(t, err)
	a.Owner = "p"
	require.NoError(t, db.Commit(ctx, tok, notes.Put(&a)))
	b.Owner = "p"
	err = db.Commit(ctx, tok2, notes.Put(&b))
	assert.ErrorIs(t, err, storage.ErrConflict, "a token moved since it was read")
	got, err := notes.Get(ctx, db, "b")
	require.NoError(t, err)
	assert.Equal(t, "o", got.Owner, "and nothing of that commit is stored")
	_, err = db.Token(ctx, "")
	assert.ErrorIs(t, err, storage.ErrInvalid)

	var nilDB *storage.DB
	_, err = notes.Get(ctx, nilDB, "a")
	assert.ErrorIs(t, err, storage.ErrInvalid)
	assert.ErrorIs(t, storage.New(nil).Commit(ctx, notes.Insert(&a)), storage.ErrInvalid)
}

func TestPage(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	for i := range 5 {
		_, err := notes.Create(ctx, db, note{ID: noteID(fmt.Sprint("n", i)), Owner: "o", At: t0.Add(time.Duration(i) * time.Minute)})
		require.NoError(t, err)
	}
	var got []noteID
	cursor := ""
	for {
		p, err := notes.Page(ctx, db, byOwner("o"), cursor, 2)
		require.NoError(t, err)
		for _, n := range p.Items {
			got = append(got, n.ID)
		}
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	assert.Equal(t, []noteID{"n0", "n1", "n2", "n3", "n4"}, got)
	_, err := notes.Page(ctx, db, byOwner("o"), "", 0)
	assert.ErrorIs(t, err, storage.ErrInvalid)
	_, err = notes.Page(ctx, db, byOwner("o"), "", storage.MaxPage+1)
	assert.ErrorIs(t, err, storage.ErrInvalid)
	_, err = notes.Page(ctx, db, byOwner("o"), "!!", 2)
	assert.ErrorIs(t, err, storage.ErrInvalid)
}

func TestDeclarations(t *testing.T) {
	bad := storage.NewCollection(storage.Aggregate[note, noteID]{Kind: "Bad Kind"})
	assert.ErrorIs(t, bad.Err(), storage.ErrInvalid)
	_, err := bad.Get(t.Context(), memstore.NewDB(), "x")
	assert.ErrorIs(t, err, storage.ErrInvalid, "a bad declaration fails every operation")
	twice := storage.NewCollection(storage.Aggregate[note, noteID]{Kind: "test.note", Key: func(n *note) noteID { return n.ID },
		Version: func(n *note) *int64 { return &n.Version }, Validate: func(*note) error { return nil }, Clone: func(n note) note { return n }})
	db := memstore.NewDB()
	_, err = notes.Create(t.Context(), db, note{ID: "a", Owner: "o"})
	require.NoError(t, err)
	_, err = twice.Get(t.Context(), db, "a")
	assert.ErrorIs(t, err, storage.ErrInvalid, "two declarations of one kind in a DB")
}

func TestValues(t *testing.T) {
	days := []peersupport.Date{{Year: 1, Month: 1, Day: 1}, {Year: 2026, Month: 2, Day: 28}, {Year: 9999, Month: 12, Day: 31}}
	for i, d := range days {
		assert.Equal(t, d, storage.Date(d).Date(), "round trip")
		if i > 0 {
			assert.Negative(t, storage.Compare(storage.Date(days[i-1]), storage.Date(d)))
		}
	}
	at := time.Date(2026, 3, 1, 10, 0, 0, 5, time.FixedZone("X", 7200))
	assert.True(t, storage.Time(at).Time().Equal(at))
	assert.Negative(t, storage.Compare(storage.Time(at), storage.Time(at.Add(1))))
	assert.Negative(t, storage.Compare(storage.Int(-5), storage.Int(3)))
	assert.Negative(t, storage.Compare(storage.String("a"), storage.String("b")))
	assert.Negative(t, storage.CompareEntries([]storage.Value{storage.Int(1)}, []storage.Value{storage.Int(1), storage.Int(0)}), "a prefix sorts first")
	assert.True(t, storage.Value{}.IsZero())
	assert.Equal(t, "none", storage.Value{}.String())
}

func TestRetry(t *testing.T) {
	n := 0
	err := storage.Retry(t.Context(), func() error { n++; return storage.ErrConflict })
	assert.ErrorIs(t, err, storage.ErrConflict)
	assert.Equal(t, 64, n, "bounded")
	n = 0
	err = storage.Retry(t.Context(), func() error { n++; return errFrozen })
	assert.ErrorIs(t, err, errFrozen)
	assert.Equal(t, 1, n, "other errors end it")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err = storage.Retry(ctx, func() error { return storage.ErrConflict })
	assert.ErrorIs(t, err, context.Canceled)
}

// Keys and index strings are text every SQL database stores: NUL and
// invalid UTF-8 are refused before any driver sees them.
func TestKeysAndStringsAreText(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	for name, n := range map[string]note{
		"NUL in a key":                     {ID: "a\x00b", Owner: "o", At: t0},
		"invalid UTF-8 in a key":           {ID: "a\xffb", Owner: "o", At: t0},
		"NUL in an index string":           {ID: "n1", Owner: "o\x00", At: t0},
		"invalid UTF-8 in an index string": {ID: "n2", Owner: "\xc3", At: t0},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := notes.Create(ctx, db, n)
			assert.ErrorIs(t, err, storage.ErrInvalid)
			assert.NotContains(t, err.Error(), "\x00", "the error does not repeat the bytes")
		})
	}
	_, err := notes.Get(ctx, db, "a\x00b")
	assert.ErrorIs(t, err, storage.ErrInvalid)
	_, err = notes.Create(ctx, db, note{ID: "ok", Owner: "Zoë \x01", At: t0})
	assert.NoError(t, err, "other control characters and any UTF-8 are text")
}

package storetest

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/storage"
)

// item is the record of the driver suite's own kind: one field of every
// index type, a multi-valued field and a unique one.
type item struct {
	ID      itemID           `json:"id"`
	Version int64            `json:"version"`
	Group   string           `json:"group"`
	At      time.Time        `json:"at"`
	Day     peersupport.Date `json:"day"`
	N       int64            `json:"n"`
	Tags    []string         `json:"tags,omitempty"`
	// Code, when set, is unique among items.
	Code string `json:"code,omitempty"`
	Note string `json:"note,omitempty"`
}

// itemID is the key of an item.
type itemID string

func (id itemID) String() string { return string(id) }
func (id itemID) IsZero() bool   { return id == "" }

func (it item) clone() item {
	it.Tags = slices.Clone(it.Tags)
	return it
}

// The indexes of items, in the schema's order.
const (
	byGroupAt = "group_at" // (group, at)
	byN       = "n"        // (n)
	byDay     = "day"      // (day)
	byTag     = "tag"      // (tag, n), once per tag
	byCode    = "code"     // (code), unique, only items with a code
)

var items = storage.NewCollection(storage.Aggregate[item, itemID]{
	Kind:    "storetest.item",
	Key:     func(it *item) itemID { return it.ID },
	Version: func(it *item) *int64 { return &it.Version },
	Validate: func(it *item) error {
		if it.Group == "" {
			return fmt.Errorf("storetest: item %s: group: %w", it.ID, storage.ErrInvalid)
		}
		return nil
	},
	Clone:     item.clone,
	Normalize: func(it *item) { it.At = it.At.UTC() },
	Indexes: []storage.Index[item]{
		{Name: byGroupAt, Fields: []storage.Field{{Name: "group", Type: storage.TypeString}, {Name: "at", Type: storage.TypeTime}},
			Entries: func(it *item) [][]storage.Value { return storage.Entry(storage.String(it.Group), storage.Time(it.At)) }},
		{Name: byN, Fields: []storage.Field{{Name: "n", Type: storage.TypeInt}},
			Entries: func(it *item) [][]storage.Value { return storage.Entry(storage.Int(it.N)) }},
		{Name: byDay, Fields: []storage.Field{{Name: "day", Type: storage.TypeDate}},
			Entries: func(it *item) [][]storage.Value { return storage.Entry(storage.Date(it.Day)) }},
		{Name: byTag, Multi: true, Fields: []storage.Field{{Name: "tag", Type: storage.TypeString}, {Name: "n", Type: storage.TypeInt}},
			Entries: func(it *item) [][]storage.Value {
				var out [][]storage.Value
				for _, t := range it.Tags {
					out = append(out, []storage.Value{storage.String(t), storage.Int(it.N)})
				}
				return out
			}},
		{Name: byCode, Unique: true, Err: errCodeTaken, Fields: []storage.Field{{Name: "code", Type: storage.TypeString}},
			Entries: func(it *item) [][]storage.Value {
				if it.Code == "" {
					return nil
				}
				return storage.Entry(storage.String(it.Code))
			}},
	},
})

// errCodeTaken is what the unique index of items declares.
var errCodeTaken = fmt.Errorf("storetest: code taken")

// t0 is the suite's first instant.
var t0 = time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)

// newItem returns item i of a group: at t0 plus i minutes, day and n
// from i.
func newItem(group string, i int) item {
	return item{
		ID: itemID(fmt.Sprintf("%s-%04d", group, i)), Group: group, At: t0.Add(time.Duration(i) * time.Minute),
		Day: peersupport.Date{Year: 2026, Month: time.January, Day: 1}.AddDays(i), N: int64(i),
		Note: "note " + strconv.Itoa(i),
	}
}

// byIndex is a filter of items on one index range.
type byIndex struct {
	q    storage.Query
	keep func(*item) bool
}

func (f byIndex) Query() storage.Query { return f.q }
func (f byIndex) Matches(it *item) bool {
	return f.keep == nil || f.keep(it)
}

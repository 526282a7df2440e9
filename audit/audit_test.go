package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

var (
	t0    = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	staff = audit.Access{Actor: peersupport.Identifier{System: "urn:example:user", Value: "ada"}, Role: "specialist",
		Purpose: "treatment", Decision: "assigned_specialist"}
)

func newPeer(i int) peer.Peer {
	return peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Rosalind"}, Focus: peer.FocusSubstanceUse, Status: peer.StatusActive,
		EnrolledOn: peersupport.Date{Year: 2026, Month: time.January, Day: 1 + i%28}}
}

// entries lists the entries of db about other records than the log's
// own (reading the log is recorded too: see TestTheLogIsAudited).
func entries(t *testing.T, db *storage.DB, f audit.EntryFilter) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for e, err := range audit.Entries.List(audit.With(t.Context(), staff), db, f) {
		require.NoError(t, err)
		if e.Kind != audit.Entries.Kind() {
			out = append(out, e)
		}
	}
	return out
}

// TestTheLogIsAudited: reading the log needs an access and is recorded,
// and an entry written into the log other than through a Log is itself
// on the record, under the access that wrote it.
func TestTheLogIsAudited(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	ctx := audit.With(t.Context(), staff)
	p, err := peer.Peers.Create(ctx, db, newPeer(0))
	require.NoError(t, err)
	for _, err := range audit.Entries.List(t.Context(), db, audit.EntryFilter{Subject: p.ID.String()}) {
		assert.ErrorIs(t, err, audit.ErrNoAccess, "the log is not read without an access")
	}
	forged := audit.Entry{ID: audit.NewEntryID(), At: t0.Add(-time.Hour), Access: audit.Access{
		Actor: peersupport.Identifier{System: "urn:example:user", Value: "someone-else"}, Role: "specialist",
		Purpose: "treatment", Decision: "assigned_specialist"}, Action: storage.ActionRead, Kind: "peer",
		Keys: []string{p.ID.String()}, Subjects: []string{p.ID.String()}}
	_, err = audit.Entries.Create(ctx, db, forged)
	require.NoError(t, err)
	var logReads, logWrites int
	for range 2 { // the second listing sees the first one's record
		logReads, logWrites = 0, 0
		for e, err := range audit.Entries.List(ctx, db, audit.EntryFilter{Subject: p.ID.String()}) {
			require.NoError(t, err)
			if e.Kind != audit.Entries.Kind() {
				continue
			}
			assert.Equal(t, staff, e.Access, "under the access that acted")
			switch e.Action {
			case storage.ActionRead:
				logReads++
			case storage.ActionCreate:
				logWrites++
			}
		}
	}
	assert.Equal(t, 1, logWrites, "the entry written into the log by hand is on the record")
	assert.GreaterOrEqual(t, logReads, 1, "and reading the log is too")
}

func TestEveryReadAndWriteOfAPeersRecordIsRecorded(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	ctx := audit.With(t.Context(), staff)
	p, err := peer.Peers.Create(ctx, db, newPeer(0))
	require.NoError(t, err)
	_, err = peer.Peers.Get(ctx, db, p.ID)
	require.NoError(t, err)
	p.Pronouns = "she/her"
	_, err = peer.Peers.Update(ctx, db, p)
	require.NoError(t, err)

	got := entries(t, db, audit.EntryFilter{Subject: p.ID.String()})
	require.Len(t, got, 3, "one entry per operation")
	for i, action := range []storage.Action{storage.ActionCreate, storage.ActionRead, storage.ActionUpdate} {
		e := got[i]
		assert.Equal(t, action, e.Action)
		assert.Equal(t, "peer", e.Kind)
		assert.Equal(t, []string{p.ID.String()}, e.Keys)
		assert.Equal(t, []string{p.ID.String()}, e.Subjects)
		assert.Equal(t, staff, e.Access)
		assert.Equal(t, t0, e.At)
	}
	assert.Len(t, entries(t, db, audit.EntryFilter{Actor: staff.Actor}), 3, "listable per person")

	// A specialist's record is not a peer's: not recorded.
	sp := peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Ada"}, Titles: []peer.Title{peer.TitleCertifiedPeerSpecialist},
		Employment: peer.EmploymentFullTime, Status: peer.SpecialistStatusActive}
	_, err = peer.Specialists.Create(ctx, db, sp)
	require.NoError(t, err)
	assert.Len(t, entries(t, db, audit.EntryFilter{}), 3)
}

func TestListingsAreRecordedInBatches(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	ctx := audit.With(t.Context(), staff)
	n := storage.AuditBatch + 10
	for i := range n {
		_, err := peer.Peers.Create(ctx, db, newPeer(i))
		require.NoError(t, err)
	}
	read := 0
	for _, err := range peer.Peers.List(ctx, db, peer.PeerFilter{}) {
		require.NoError(t, err)
		read++
	}
	require.Equal(t, n, read)
	var keys int
	for _, e := range entries(t, db, audit.EntryFilter{}) {
		if e.Action == storage.ActionRead {
			keys += len(e.Keys)
			assert.LessOrEqual(t, len(e.Keys), storage.AuditBatch)
		}
	}
	assert.Equal(t, n, keys, "every record listed is recorded as read")

	page, err := peer.Peers.Page(ctx, db, peer.PeerFilter{}, "", 5)
	require.NoError(t, err)
	last := entries(t, db, audit.EntryFilter{})
	assert.Len(t, last[len(last)-1].Keys, len(page.Items))
}

func TestNoAccessNoRecords(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(nil))
	ctx := audit.With(t.Context(), staff)
	p, err := peer.Peers.Create(ctx, db, newPeer(0))
	require.NoError(t, err)

	_, err = peer.Peers.Get(t.Context(), db, p.ID)
	assert.ErrorIs(t, err, audit.ErrNoAccess, "who reads must be known")
	_, err = peer.Peers.Create(t.Context(), db, newPeer(1))
	assert.ErrorIs(t, err, audit.ErrNoAccess)
	for _, err := range peer.Peers.List(t.Context(), db, peer.PeerFilter{}) {
		assert.ErrorIs(t, err, audit.ErrNoAccess)
	}
	bad := staff
	bad.Decision = ""
	_, err = peer.Peers.Get(audit.With(t.Context(), bad), db, p.ID)
	assert.ErrorIs(t, err, audit.ErrInvalid, "an access without its decision is refused")
	assert.Len(t, entries(t, db, audit.EntryFilter{}), 1, "only the first create was recorded, and only it stored")
}

// failingAudit is a driver whose commits of audit entries fail, as a
// full disk would.
type failingAudit struct{ storage.Driver }

var errDisk = errors.New("disk full")

func (f failingAudit) Commit(ctx context.Context, ops []storage.Op) error {
	for _, op := range ops {
		if op.Kind == audit.Entries.Kind() {
			return &storage.OpError{Op: 0, Kind: op.Kind, Key: op.Key, Err: errDisk}
		}
	}
	return f.Driver.Commit(ctx, ops)
}

func TestAFailingAuditFailsTheOperation(t *testing.T) {
	mem := memstore.New()
	plain := storage.New(mem)
	p, err := peer.Peers.Create(t.Context(), plain, newPeer(0))
	require.NoError(t, err)

	db := storage.NewAudited(failingAudit{mem}, audit.NewLog(nil))
	ctx := audit.With(t.Context(), staff)
	_, err = peer.Peers.Get(ctx, db, p.ID)
	require.ErrorIs(t, err, errDisk, "a read that cannot be recorded returns nothing")
	changed := p
	changed.Pronouns = "they/them"
	_, err = peer.Peers.Update(ctx, db, changed)
	require.ErrorIs(t, err, errDisk)
	_, err = peer.Peers.Create(ctx, db, newPeer(1))
	require.ErrorIs(t, err, errDisk)

	stored, err := peer.Peers.Get(t.Context(), plain, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p, stored, "nothing changed")
	n := 0
	for _, err := range peer.Peers.List(t.Context(), plain, peer.PeerFilter{}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n, "nothing created")
}

func TestEntriesAreAppendOnly(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(nil))
	ctx := audit.With(t.Context(), staff)
	_, err := peer.Peers.Create(ctx, db, newPeer(0))
	require.NoError(t, err)
	e := entries(t, db, audit.EntryFilter{})[0]
	e.Actor.Value = "someone-else"
	_, err = audit.Entries.Update(ctx, db, e)
	assert.ErrorIs(t, err, audit.ErrAppendOnly)
}

func TestWriteCSV(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	odd := staff
	odd.Actor.Value = "=cmd()"
	ctx := audit.With(t.Context(), odd)
	p, err := peer.Peers.Create(ctx, db, newPeer(0))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, audit.WriteCSV(&b, audit.Entries.List(ctx, db, audit.EntryFilter{Subject: p.ID.String()})))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, audit.CSVHeader, rows[0])
	assert.Equal(t, "'=cmd()", rows[1][3])
	assert.Equal(t, "create", rows[1][7])
	assert.Equal(t, p.ID.String(), rows[1][10])
	assert.NotContains(t, b.String(), "Rosalind", "an entry names IDs, never content")
	assert.ErrorIs(t, audit.WriteCSV(nil, nil), audit.ErrInvalid)
	assert.True(t, strings.HasPrefix(audit.Entry{}.String(), "audit.Entry("))
}

// TestAnUpdateIsOnTheRecordOfItsFormerSubjects: a record that stops being
// about a peer shows in that peer's audit; a large commit is recorded in
// parts (from a review of the operations work).
func TestAnUpdateIsOnTheRecordOfItsFormerSubjects(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	ctx := audit.With(t.Context(), staff)
	start := time.Date(2026, time.March, 3, 15, 0, 0, 0, time.UTC)
	first, second := peer.NewID(), peer.NewID()
	s0, err := session.Sessions.Create(ctx, db, session.Session{ID: session.NewID(), Kind: session.KindOneOnOne,
		SpecialistID: peer.NewSpecialistID(), Participants: []session.Participant{{PeerID: first}}, Mode: session.ModeInPerson,
		Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}})
	require.NoError(t, err)
	s0.Participants = []session.Participant{{PeerID: second}}
	_, err = session.Sessions.Update(ctx, db, s0)
	require.NoError(t, err)
	got := entries(t, db, audit.EntryFilter{Subject: first.String()})
	require.Len(t, got, 2, "the first peer's audit shows the session's creation and the change that took it away")
	assert.Equal(t, storage.ActionUpdate, got[1].Action)
	assert.ElementsMatch(t, []string{first.String(), second.String()}, got[1].Subjects)

	var writes []storage.Write
	for i := range 2*storage.AuditBatch + 5 {
		p := newPeer(i)
		writes = append(writes, peer.Peers.Insert(&p))
	}
	require.NoError(t, db.Commit(ctx, writes...), "a large commit is recorded, in parts")
	n := 0
	for _, e := range entries(t, db, audit.EntryFilter{}) {
		if e.Kind == "peer" && e.Action == storage.ActionCreate {
			n += len(e.Keys)
			assert.LessOrEqual(t, len(e.Keys), storage.AuditBatch)
		}
	}
	assert.Equal(t, 2*storage.AuditBatch+5, n)
}

// TestConcurrentChangesAreEachRecorded: 16 writers revise one peer at
// once; every change that was stored has its entry, and no entry names a
// change that was not stored.
func TestConcurrentChangesAreEachRecorded(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	ctx := audit.With(t.Context(), staff)
	p, err := peer.Peers.Create(ctx, db, newPeer(0))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			_, err := peer.Peers.Revise(ctx, db, p.ID, func(x *peer.Peer) error {
				x.Pronouns = "p" + strconv.Itoa(i)
				return nil
			})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	stored, err := peer.Peers.Get(ctx, db, p.ID)
	require.NoError(t, err)
	updates := 0
	for _, e := range entries(t, db, audit.EntryFilter{Subject: p.ID.String()}) {
		if e.Action == storage.ActionUpdate {
			updates++
		}
	}
	assert.Equal(t, int(stored.Version)-1, updates, "one entry per stored change, none for a change that conflicted")
}

// TestRefusalsAreOnTheRecord: a refused request (storage.DB.Refused) is
// an entry of its own, under the access that was refused, naming what
// was asked for and whose it is; it needs an access like any action, and
// on a store that is not audited it does nothing.
func TestRefusalsAreOnTheRecord(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	assert.True(t, db.Audited())
	refused := staff
	refused.Decision = "refused:no_relationship"
	ctx := audit.With(t.Context(), refused)
	subject := peer.NewID().String()
	require.NoError(t, db.Refused(ctx, "peer", []string{subject}, []string{subject, subject}))

	var got []audit.Entry
	for e, err := range audit.Entries.List(audit.With(t.Context(), staff), db, audit.EntryFilter{Subject: subject}) {
		require.NoError(t, err)
		got = append(got, e)
	}
	require.Len(t, got, 1)
	assert.Equal(t, storage.ActionRefuse, got[0].Action)
	assert.Equal(t, "refused:no_relationship", got[0].Decision)
	assert.Equal(t, []string{subject}, got[0].Keys)
	assert.Equal(t, []string{subject}, got[0].Subjects, "each subject once")
	assert.NoError(t, got[0].Validate())

	assert.ErrorIs(t, db.Refused(t.Context(), "peer", []string{subject}, nil), audit.ErrNoAccess)
	assert.ErrorIs(t, db.Refused(ctx, "", []string{subject}, nil), storage.ErrInvalid)
	assert.ErrorIs(t, db.Refused(ctx, "peer", nil, nil), storage.ErrInvalid)
	var none *storage.DB
	assert.ErrorIs(t, none.Refused(ctx, "peer", []string{subject}, nil), storage.ErrInvalid)
	assert.False(t, none.Audited())
	plain := memstore.NewDB()
	assert.False(t, plain.Audited())
	assert.NoError(t, plain.Refused(ctx, "peer", []string{subject}, nil), "nothing to record on a store that is not audited")
}

// TestARecordedReadIsOnTheRecord: storage.DB.Record records a read made
// outside the collections' methods (a page read as the host's check, of
// which part was handed on), about the subjects given; only reads and
// refusals are recorded that way.
func TestARecordedReadIsOnTheRecord(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return t0 }))
	ctx := audit.With(t.Context(), staff)
	subject := peer.NewID().String()
	require.NoError(t, db.Record(ctx, storage.ActionRead, "session", []string{"s1", "s2"}, []string{subject}))
	var got []audit.Entry
	for e, err := range audit.Entries.List(ctx, db, audit.EntryFilter{Subject: subject}) {
		require.NoError(t, err)
		got = append(got, e)
	}
	require.Len(t, got, 1)
	assert.Equal(t, storage.ActionRead, got[0].Action)
	assert.Equal(t, []string{"s1", "s2"}, got[0].Keys)
	for _, a := range []storage.Action{storage.ActionCreate, storage.ActionUpdate, "delete"} {
		assert.ErrorIs(t, db.Record(ctx, a, "session", []string{"s1"}, nil), storage.ErrInvalid, "a write is recorded with its commit")
	}
	assert.ErrorIs(t, db.Record(ctx, storage.ActionRead, "session", []string{strings.Repeat("x", 200)}, nil), audit.ErrInvalid,
		"a key is an ID or a short code, never a caller's text")
}

package sqlstore_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
)

// The durability test: a writer process commits pairs of peers and
// revisions of them, printing each commit once it is acknowledged, and is
// killed (SIGKILL) at a random moment; then the database must hold every
// acknowledged write, both peers of every pair or neither, index entries
// that agree with the records, and (SQLite) pass its integrity check.
// Rounds repeat on the same database until the time bound.

const (
	killEnv       = "SQLSTORE_KILL_WRITER" // "sqlite PATH" or "postgres URL SCHEMA"
	killBudget    = 20 * time.Second       // per dialect
	pairSystem    = "urn:peersupport:sqlstore:pair"
	revisionField = "urn:peersupport:sqlstore:revision"
)

func openKillTarget(ctx context.Context, target string) (*sqlstore.Driver, error) {
	f := strings.Fields(target)
	if f[0] == "sqlite" {
		return sqlstore.OpenSQLite(ctx, f[1], nil)
	}
	return sqlstore.OpenPostgres(ctx, f[1], &sqlstore.PostgresOptions{Schema: f[2]})
}

// TestKillWriter is the writer process; it runs only as the child of
// TestKillDurability.
func TestKillWriter(t *testing.T) {
	target := os.Getenv(killEnv)
	if target == "" {
		t.Skip("the writer of TestKillDurability")
	}
	ctx := context.Background()
	d, err := openKillTarget(ctx, target)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	db := storage.New(d)
	out := bufio.NewWriter(os.Stdout)
	ack := func(format string, args ...any) {
		fmt.Fprintf(out, format+"\n", args...)
		out.Flush()
	}
	var last []peer.ID
	for i := 0; ; i++ {
		if i%3 == 2 && len(last) > 0 {
			id := last[rand.IntN(len(last))]
			p, err := peer.Peers.Revise(ctx, db, id, func(p *peer.Peer) error {
				p.Identifiers = append(p.Identifiers, peersupport.Identifier{System: revisionField, Value: strconv.Itoa(i)})
				return nil
			})
			if err != nil {
				ack("error %v", err)
				os.Exit(1)
			}
			ack("u %s %d", id, p.Version)
			continue
		}
		tag := fmt.Sprintf("%d-%d", os.Getpid(), i)
		a, b := killPeer(tag), killPeer(tag)
		if err := db.Commit(ctx, peer.Peers.Insert(&a), peer.Peers.Insert(&b)); err != nil {
			ack("error %v", err)
			os.Exit(1)
		}
		last = append(last, a.ID, b.ID)
		ack("c %s %s", a.ID, b.ID)
	}
}

func killPeer(tag string) peer.Peer {
	return peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Pair " + tag}, Status: peer.StatusActive,
		EnrolledOn:  peersupport.Date{Year: 2026, Month: time.January, Day: 5},
		Identifiers: []peersupport.Identifier{{System: pairSystem, Value: tag}}}
}

func TestKillDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("kills writer processes for 20 s per dialect")
	}
	t.Run("sqlite", func(t *testing.T) {
		runKills(t, "sqlite "+filepath.Join(t.TempDir(), "kill.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		url, schema := sqlstore.TestSchema(t)
		runKills(t, "postgres "+url+" "+schema)
	})
}

func runKills(t *testing.T, target string) {
	ctx := t.Context()
	acked := map[peer.ID]int64{} // every acknowledged peer, at its least version
	rounds, commits := 0, 0
	for start := time.Now(); time.Since(start) < killBudget || rounds < 3; rounds++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillWriter$")
		cmd.Env = append(os.Environ(), killEnv+"="+target)
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		killed := make(chan struct{})
		timer := time.AfterFunc(time.Duration(200+rand.IntN(1300))*time.Millisecond, func() {
			close(killed) // before the signal, which Wait may see first
			_ = cmd.Process.Signal(syscall.SIGKILL)
		})
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			switch f[0] {
			case "c":
				for _, s := range f[1:] {
					id, err := peer.ParseID(s)
					require.NoError(t, err)
					acked[id] = max(acked[id], 1)
				}
				commits++
			case "u":
				id, err := peer.ParseID(f[1])
				require.NoError(t, err)
				v, err := strconv.ParseInt(f[2], 10, 64)
				require.NoError(t, err)
				acked[id] = max(acked[id], v)
				commits++
			case "error":
				t.Fatalf("the writer failed: %s", sc.Text())
			}
		}
		err = cmd.Wait()
		timer.Stop()
		select {
		case <-killed:
		default:
			t.Fatalf("the writer ended before it was killed: %v", err)
		}
		checkAfterKill(t, ctx, target, acked)
	}
	t.Logf("%d rounds, %d acknowledged commits, %d peers", rounds, commits, len(acked))
	assert.Positive(t, commits, "the writer committed before it was killed")
}

func checkAfterKill(t *testing.T, ctx context.Context, target string, acked map[peer.ID]int64) {
	t.Helper()
	d, err := openKillTarget(ctx, target)
	require.NoError(t, err, "the database opens after the kill")
	defer d.Close()
	db := storage.New(d)
	for id, v := range acked {
		p, err := peer.Peers.Get(ctx, db, id)
		require.NoError(t, err, "an acknowledged peer is stored")
		require.GreaterOrEqual(t, p.Version, v, "at least at its acknowledged version")
		revisions := 0
		for _, ident := range p.Identifiers {
			if ident.System == revisionField {
				revisions++
			}
		}
		require.Equal(t, int(p.Version-1), revisions, "its version counts its revisions")
	}
	pairs := map[string]int{}
	all := 0
	for p, err := range peer.Peers.List(ctx, db, storage.All[peer.Peer]{}) {
		require.NoError(t, err)
		pairs[p.Identifiers[0].Value]++
		all++
	}
	for tag, n := range pairs {
		require.Equal(t, 2, n, "pair %s: both peers of a commit or neither", tag)
	}
	indexed := 0
	for _, err := range peer.Peers.List(ctx, db, peer.PeerFilter{Status: peer.StatusActive}) {
		require.NoError(t, err)
		indexed++
	}
	require.Equal(t, all, indexed, "every record in its index, and no entry without a record")
	if strings.HasPrefix(target, "sqlite ") {
		require.NoError(t, sqlstore.IntegrityCheck(ctx, d))
	}
}

// Command program is a small web app for a peer support program, built on
// the library and its HTTP API (package httpapi), on the SQLite store of
// the sqlstore module:
//
//	go run ./examples/program                   # a new SQLite database in a temporary directory
//	go run ./examples/program -sqlite demo.db   # a new SQLite database file of your choosing
//	go run ./examples/program -addr 127.0.0.1:8080
//
// then open the address it prints. Sign in as the program's coordinator to
// see the caseload board (peers waiting for a specialist, with the match
// reasons), enrol and assign; as a specialist to schedule, record and sign
// sessions with their support types and activities, and amend a signed
// note; as the peer to see and change their own wellness plan and their
// consents; and see the month's caseload and outcome report with charts
// drawn on the server. The pages are HTML rendered on the server, with no
// JavaScript; every page is a client of the API at /api/, so each goes
// through the access decisions and the access audit.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (port 0: any free port)")
	path := flag.String("sqlite", "", "path of a new SQLite database (default: a new file in a temporary directory)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *addr, *path, func(url string) { fmt.Println("Open", url, "(Ctrl-C stops)") }); err != nil {
		log.Fatal(err)
	}
}

// run serves the app on addr until ctx ends, telling ready the address.
func run(ctx context.Context, addr, path string, ready func(url string)) error {
	if path == "" {
		dir, err := os.MkdirTemp("", "peersupport-program-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "program.db")
	} else if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: the demo makes a new database each time, name a new file", path)
	}
	h, closeDB, err := open(ctx, path, time.Now)
	if err != nil {
		return err
	}
	defer closeDB()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	ready("http://" + ln.Addr().String() + "/")
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// open makes the app on a new SQLite database at path, seeded with a
// small program, on an audited store.
func open(ctx context.Context, path string, now func() time.Time) (http.Handler, func(), error) {
	d, err := sqlstore.OpenSQLite(ctx, path, nil)
	if err != nil {
		return nil, nil, err
	}
	db := storage.NewAudited(d, audit.NewLog(now))
	people, err := seed(ctx, db, now())
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	a, err := newApp(db, people, now, slog.Default())
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	return a.routes(), func() { d.Close() }, nil
}

// Command sqlstore tells the library's story (package examples/story, the
// same as examples/quickstart) on a SQL database through the sqlstore
// module: a new SQLite file by default.
//
//	go run .                   # a new SQLite database in a temporary directory
//	go run . -sqlite story.db  # a new SQLite database file of your choosing
//	go run . -postgres URL     # a new schema of the PostgreSQL database at URL
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/peersupport/peersupport/examples/story"
	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
)

func main() {
	path := flag.String("sqlite", "", "path of the SQLite database to create (default: a new file in a temporary directory)")
	url := flag.String("postgres", "", "URL of a PostgreSQL database to tell the story in, in a new schema (instead of SQLite)")
	flag.Parse()
	ctx := context.Background()
	var err error
	if *url != "" {
		err = runPostgres(ctx, *url, os.Stdout)
	} else {
		err = run(ctx, *path, os.Stdout)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// runPostgres tells the story in a new schema of the PostgreSQL database
// at url, named after the time, which it leaves for the reader to look at.
func runPostgres(ctx context.Context, url string, w io.Writer) error {
	schema := "peersupport_story_" + time.Now().UTC().Format("20060102_150405_000000")
	d, err := sqlstore.OpenPostgres(ctx, url, &sqlstore.PostgresOptions{Schema: schema})
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Fprintln(w, "PostgreSQL schema:", schema)
	return story.Run(ctx, storage.New(d), w)
}

// run tells the story on a new SQLite database at path, or in a
// temporary directory when path is "".
func run(ctx context.Context, path string, w io.Writer) error {
	if path == "" {
		dir, err := os.MkdirTemp("", "peersupport-story-")
		if err != nil {
			return err
		}
		path = filepath.Join(dir, "story.db")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists; the story needs a new database", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	d, err := sqlstore.OpenSQLite(ctx, path, nil)
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Fprintln(w, "SQLite database:", path)
	return story.Run(ctx, storage.New(d), w)
}

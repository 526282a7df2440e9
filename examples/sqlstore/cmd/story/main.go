// Command story tells the library's story (package examples/story, the
// same as examples/quickstart) on an SQLite database.
//
//	go run ./cmd/story                 # a new database in a temporary file
//	go run ./cmd/story -db story.db    # a new database file of your choosing
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/peersupport/peersupport/examples/sqlstore"
	"github.com/peersupport/peersupport/examples/story"
)

func main() {
	path := flag.String("db", "", "path of the SQLite database to create (default: a new file in the temporary directory)")
	flag.Parse()
	if err := run(context.Background(), *path); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, path string) error {
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
	store, err := sqlstore.Open(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Println("SQLite database:", path)
	return story.Run(ctx, store, os.Stdout)
}

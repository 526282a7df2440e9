package audit

import (
	"encoding/csv"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/peersupport/peersupport/internal/check"
)

// CSVHeader is the header row [WriteCSV] writes.
var CSVHeader = []string{"entry_id", "at", "actor_system", "actor", "role", "purpose", "decision", "action", "kind", "keys", "subjects"}

// WriteCSV writes the entries as CSV (RFC 4180), a header row first:
// keys and subjects joined by ":". A cell a spreadsheet would run as a
// formula gets a leading apostrophe. It stops at the first error of the
// listing or the writer and returns it; a nil writer is an error wrapping
// [ErrInvalid].
func WriteCSV(w io.Writer, entries iter.Seq2[Entry, error]) error {
	if w == nil || entries == nil {
		return errorf("csv: a nil writer or listing: %w", ErrInvalid)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for e, err := range entries {
		if err != nil {
			return err
		}
		row := []string{e.ID.String(), e.At.UTC().Format(time.RFC3339Nano), e.Actor.System, e.Actor.Value, e.Role, e.Purpose,
			e.Decision, string(e.Action), e.Kind, strings.Join(e.Keys, ":"), strings.Join(e.Subjects, ":")}
		for i, cell := range row {
			row[i] = check.CSVCell(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

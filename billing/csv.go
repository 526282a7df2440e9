package billing

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peersupport/peersupport/internal/check"
)

// CSVHeader is the header row [WriteCSV] writes, in column order.
var CSVHeader = []string{
	"line_id", "rules_id", "payer_system", "payer", "member_id", "session_id", "peer_id", "service_date",
	"code_system", "code", "modifiers", "units", "minutes", "place_of_service", "rendering_npi",
	"supervising_npi", "diagnosis_codes", "diagnosis_pointers", "authorization_id", "authorization_number", "order_id", "billed_at",
}

// WriteCSV writes the lines as CSV (RFC 4180), a header row first
// ([CSVHeader]): one row per line, modifiers and diagnosis codes joined by
// ":" in order, and the diagnosis pointers ("1:2") that go with them. A
// cell that a spreadsheet would run as a formula (starting with =, +, -,
// @, a tab or a carriage return) is written with a leading apostrophe. It
// returns an error wrapping [ErrInvalid] for a nil writer or a line that
// is not valid (nothing is written then), or the writer's error.
func WriteCSV(w io.Writer, lines []Line) error {
	if w == nil {
		return fmt.Errorf("billing: csv: a nil writer: %w", ErrInvalid)
	}
	for i, l := range lines {
		if err := l.Validate(); err != nil {
			return fmt.Errorf("billing: csv: line %d: %w", i, err)
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, l := range lines {
		codes := make([]string, len(l.Diagnoses))
		pointers := make([]string, len(l.Diagnoses))
		for i, d := range l.Diagnoses {
			codes[i], pointers[i] = d.Code, strconv.Itoa(i+1)
		}
		row := []string{
			l.ID.String(), l.RulesID, l.Payer.System, l.Payer.Value, l.MemberID, l.SessionID.String(), l.PeerID.String(),
			l.ServiceDate.String(), l.Service.System, l.Service.Code, strings.Join(l.Modifiers, ":"), strconv.Itoa(l.Units),
			strconv.Itoa(l.Minutes), l.PlaceOfService, l.RenderingNPI, l.SupervisingNPI, strings.Join(codes, ":"),
			strings.Join(pointers, ":"), idText(l.AuthorizationID), l.AuthorizationNumber, idText(l.OrderID), l.BilledAt.UTC().Format("2006-01-02T15:04:05Z"),
		}
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

func idText(id AuthorizationID) string {
	if id.IsZero() {
		return ""
	}
	return id.String()
}

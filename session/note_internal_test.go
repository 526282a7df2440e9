package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// TestNoteBegunHasFormat: a note with anything in it is valid only with a
// format, so that a valid note is begun exactly when its format is set,
// which eachLine relies on to find a participant's unsigned note.
func TestNoteBegunHasFormat(t *testing.T) {
	at := time.Date(2026, time.December, 4, 10, 0, 0, 0, time.UTC)
	specialist := peer.NewSpecialistID()
	for name, n := range map[string]Note{
		"sections":   {Sections: []Section{{Kind: SectionKindNarrative, Text: "Met."}}},
		"signed":     {Signed: Signature{SpecialistID: specialist, At: at}},
		"co-signed":  {CoSigned: CoSignature{SupervisorID: peer.NewSupervisorID(), At: at}},
		"late entry": {LateEntry: true},
		"amendments": {Amendments: []Amendment{{At: at, Reason: "typo"}}},
		"comments":   {Comments: []Comment{{Author: Author{SpecialistID: specialist}, At: at, Text: "Call back."}}},
	} {
		t.Run(name, func(t *testing.T) {
			assert.False(t, n.IsZero())
			var f check.Fields
			n.check(&f)
			err := f.Err(ErrInvalid, "session.Note")
			var verr *peersupport.ValidationError
			if assert.ErrorAs(t, err, &verr) {
				assert.Contains(t, verr.Fields, peersupport.FieldError{Path: "format", Rule: peersupport.RuleRequired})
			}
		})
	}
	var f check.Fields
	Note{}.check(&f)
	assert.NoError(t, f.Err(ErrInvalid, "session.Note"), "the zero note is valid, and has no format")
}

package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/storage"
)

// TestValidateAllocatesNothing: an audited store writes an entry for
// every batch of records read, and validates it on the way in; a valid
// entry (and its access) is validated without an allocation.
func TestValidateAllocatesNothing(t *testing.T) {
	e := audit.Entry{ID: audit.NewEntryID(), At: time.Date(2026, time.December, 3, 12, 0, 0, 0, time.UTC), Access: staff,
		Action: storage.ActionRead, Kind: "session", Keys: []string{"01a23e4f-06f4-714f-b1d2-87605c68de9c", "new"},
		Subjects: []string{"01a23e4f-06f4-714f-b1d2-87605c68de9d"}}
	for name, validate := range map[string]func() error{"entry": e.Validate, "access": staff.Validate} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}

// TestEntryPaths: an entry's access is embedded, and JSON puts its fields
// beside the entry's own, so its failures are named as JSON names them
// ("actor.system", not ".actor.system").
func TestEntryPaths(t *testing.T) {
	e := audit.Entry{ID: audit.NewEntryID(), At: time.Date(2026, time.December, 3, 12, 0, 0, 0, time.UTC), Action: storage.ActionRead,
		Kind: "session", Keys: []string{"k", ""}}
	e.Access = staff
	e.Role = ""
	var ve *peersupport.ValidationError
	require.ErrorAs(t, e.Validate(), &ve)
	var paths []string
	for _, f := range ve.Fields {
		paths = append(paths, f.String())
	}
	assert.Equal(t, []string{"role: required", "keys[1]: required"}, paths)

	e.Access = audit.Access{}
	require.ErrorAs(t, e.Validate(), &ve)
	assert.Equal(t, "actor.system", ve.Fields[0].Path)
}

package hardening_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/internal/hardening/api"
)

var update = flag.Bool("update", false, "rewrite the golden files from the code")

// TestWireCodesArePinned: on the code as it was, wire codes came from Go
// identifiers, so renaming a constant silently changed JSON, FHIR codes
// and stored documents, and 55 hand-written "Wire codes:" lists were
// checked by nothing. Codes are now written beside each constant (the
// generator fails when one is missing), and every code of every enum of
// the library is pinned here: a change of the wire fails this test until
// testdata/wirecodes/<package>.golden is rewritten on purpose (go test -run
// TestWireCodesArePinned ./internal/hardening -update).
func TestWireCodesArePinned(t *testing.T) {
	byPkg := map[string]*strings.Builder{}
	enums := 0
	for _, f := range api.Funcs {
		ft := f.Value.Type()
		if !strings.HasSuffix(f.Name, "Values") || ft.NumIn() != 0 || ft.NumOut() != 1 || ft.Out(0).Kind() != reflect.Slice {
			continue
		}
		elem := ft.Out(0).Elem()
		if elem.Kind() != reflect.Uint8 || !elem.Implements(reflect.TypeFor[fmt.Stringer]()) {
			continue
		}
		enums++
		values := f.Value.Call(nil)[0]
		name := strings.TrimSuffix(f.Name, "Values")
		pkg, _, _ := strings.Cut(name, ".")
		b := byPkg[pkg]
		if b == nil {
			b = &strings.Builder{}
			byPkg[pkg] = b
		}
		for i := range values.Len() {
			v := values.Index(i)
			fmt.Fprintf(b, "%s\t%d\t%s\n", name, v.Uint(), v.Interface().(fmt.Stringer).String())
		}
	}
	require.Greater(t, enums, 50, "every enum of the library")
	dir := filepath.Join("testdata", "wirecodes")
	if *update {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for pkg, b := range byPkg {
			require.NoError(t, os.WriteFile(filepath.Join(dir, pkg+".golden"), []byte(b.String()), 0o644))
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.golden"))
	require.NoError(t, err)
	assert.Len(t, files, len(byPkg), "a golden file per package with enums (write them with -update)")
	for pkg, b := range byPkg {
		path := filepath.Join(dir, pkg+".golden")
		want, err := os.ReadFile(path)
		require.NoError(t, err, "the golden file of %s (write it with -update)", pkg)
		assert.Equal(t, string(want), b.String(), "a wire code of %s changed: if on purpose, rewrite %s with -update", pkg, path)
	}
}

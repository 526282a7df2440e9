package hardening_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/internal/hardening/api"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/storage"
)

var (
	ctxType   = reflect.TypeFor[context.Context]()
	errType   = reflect.TypeFor[error]()
	dbType    = reflect.TypeFor[*storage.DB]()
	callLimit = 10 * time.Second
)

// outcome is what one call did.
type outcome struct {
	panicked any
	err      error // the first error among the results, or yielded
	hung     bool
}

// probe calls fn with the zero value of every argument (a background
// context for a context), ranges over an iterator it returns, and
// recovers a panic.
func probe(fn reflect.Value) outcome {
	done := make(chan outcome, 1)
	go func() {
		var out outcome
		defer func() {
			if p := recover(); p != nil {
				out.panicked = p
			}
			done <- out
		}()
		ft := fn.Type()
		args := make([]reflect.Value, ft.NumIn())
		for i := range args {
			if ft.In(i) == ctxType {
				args[i] = reflect.ValueOf(context.Background())
			} else {
				args[i] = reflect.Zero(ft.In(i))
			}
		}
		var results []reflect.Value
		if ft.IsVariadic() {
			results = fn.CallSlice(args)
		} else {
			results = fn.Call(args)
		}
		for _, r := range results {
			switch {
			case r.Type() == errType && !r.IsNil() && out.err == nil:
				out.err = r.Interface().(error)
			case r.Kind() == reflect.Func && !r.IsNil() && isIterator(r.Type()):
				if err := drain(r); err != nil && out.err == nil {
					out.err = err
				}
			}
		}
	}()
	select {
	case out := <-done:
		return out
	case <-time.After(callLimit):
		return outcome{hung: true}
	}
}

// isIterator reports an iter.Seq or iter.Seq2 type.
func isIterator(t reflect.Type) bool {
	if t.NumIn() != 1 || t.NumOut() != 0 {
		return false
	}
	y := t.In(0)
	return y.Kind() == reflect.Func && y.NumOut() == 1 && y.Out(0).Kind() == reflect.Bool && y.NumIn() >= 1 && y.NumIn() <= 2
}

// drain ranges over an iterator, at most 1000 steps, and returns the first
// error it yields.
func drain(seq reflect.Value) error {
	var first error
	n := 0
	yield := reflect.MakeFunc(seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		for _, a := range args {
			if a.Type() == errType && !a.IsNil() && first == nil {
				first = a.Interface().(error)
			}
		}
		n++
		return []reflect.Value{reflect.ValueOf(n < 1000)}
	})
	seq.Call([]reflect.Value{yield})
	return first
}

// takesDB reports whether a function has a *storage.DB parameter.
func takesDB(t reflect.Type) bool {
	for i := range t.NumIn() {
		if t.In(i) == dbType {
			return true
		}
	}
	return false
}

// TestNilAndZeroArgumentsDoNotPanic: on the code as it was, 16 of 50
// calls with nil or zero arguments panicked (nil stores in peer.Assign,
// session.Record, plan.Activate, certification.ReviseRecord, …;
// Assessment.Score(nil), Consent.InForce(t, nil), BundleWriter.Add of a
// nil resource). Every exported function, every exported method of the
// zero value of every exported type (and of a pointer to it), and every
// method of every exported package variable (the collections among them)
// is called with the zero value of each argument: none may panic or hang,
// and one given a nil *storage.DB returns an error wrapping ErrInvalid.
// The list of what to call is generated from the source (package
// internal/hardening/api), so new API is covered without editing this.
func TestNilAndZeroArgumentsDoNotPanic(t *testing.T) {
	calls, errs, invalid := 0, 0, 0
	check := func(name string, fn reflect.Value) {
		calls++
		out := probe(fn)
		switch {
		case out.hung:
			t.Errorf("%s with zero arguments did not return within %v", name, callLimit)
		case out.panicked != nil:
			t.Errorf("%s with zero arguments panicked: %v", name, out.panicked)
		}
		if out.err != nil {
			errs++
			if errors.Is(out.err, peersupport.ErrInvalid) {
				invalid++
			}
		}
		if takesDB(fn.Type()) && out.panicked == nil && !out.hung && !errors.Is(out.err, peersupport.ErrInvalid) {
			t.Errorf("%s with a nil *storage.DB: %v, not an error wrapping ErrInvalid", name, out.err)
		}
	}
	methods := func(name string, v reflect.Value) {
		for i := range v.NumMethod() {
			m := v.Type().Method(i)
			if !m.IsExported() {
				continue
			}
			check(name+"."+m.Name, v.Method(i))
		}
	}
	for _, f := range api.Funcs {
		check(f.Name, f.Value)
	}
	for _, ty := range api.Types {
		if ty.Type.Kind() == reflect.Interface {
			continue
		}
		methods(ty.Name, reflect.Zero(ty.Type))
		methods("(*"+ty.Name+")", reflect.New(ty.Type))
	}
	for _, v := range api.Vars {
		methods(v.Name, v.Value)
	}
	t.Logf("%d functions, %d types, %d variables: %d calls, %d returned an error, %d of them wrapping ErrInvalid",
		len(api.Funcs), len(api.Types), len(api.Vars), calls, errs, invalid)
	assert.Greater(t, calls, 1000)
}

// The calls the adversarial run named, with valid receivers and one nil
// argument each.
func TestNamedNilArguments(t *testing.T) {
	var buf bytes.Buffer
	w, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, nil)
	require.NoError(t, err)
	assert.ErrorIs(t, w.Add((*fhir.Patient)(nil)), fhir.ErrInvalid, "a nil *Patient in a bundle")
	assert.ErrorIs(t, w.Add(nil), fhir.ErrInvalid, "a nil Resource")
	require.NoError(t, w.Close())

	a := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: peer.NewID(), Instrument: plan.BARC10Code, TakenOn: peersupport.Date{Year: 2026, Month: 3, Day: 2}}
	_, err = a.Score(nil)
	assert.ErrorIs(t, err, plan.ErrInvalid, "Assessment.Score(nil)")

	c := consent.Consent{Signed: t0, Expires: peersupport.Date{Year: 2027, Month: 1, Day: 1}}
	assert.NotPanics(t, func() { c.InForce(t0, nil) }, "Consent.InForce(t, nil)")
	assert.Equal(t, time.UTC, peersupport.Date{Year: 2026, Month: 3, Day: 2}.In(nil).Location(), "Date.In(nil) is UTC")
}

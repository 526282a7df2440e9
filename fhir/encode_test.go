package fhir_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/fhir"
)

// appended returns the JSON a Bundle writes for r: its entry's resource.
func appended(t *testing.T, r fhir.Resource) string {
	t.Helper()
	data, err := fhir.MarshalResource(r)
	require.NoError(t, err)
	return string(data)
}

// TestAppendJSONIsEncodingJSON: the resources the package writes
// straight to JSON come out byte for byte as encoding/json writes them.
func TestAppendJSONIsEncodingJSON(t *testing.T) {
	var rs []fhir.Resource
	for _, encs := range [][]fhir.Encounter{must(fhir.ExportSession(fixtureSession())), must(fhir.ExportSession(fixtureGroup())), must(fhir.ExportSession(noShow()))} {
		for _, e := range encs {
			rs = append(rs, e)
		}
	}
	group := fixtureGroup()
	group.Note = fixtureSession().Note
	for _, docs := range [][]fhir.DocumentReference{must(fhir.ExportNote(fixtureSession())), must(fhir.ExportNote(group))} {
		for _, d := range docs {
			rs = append(rs, d)
		}
	}
	// Every element set, with text that needs escaping, and the empty
	// values encoding/json writes (null content, an empty class).
	odd := "a\"b\\c<d>&e\u2028f\u2029g\x00h\x1fi\tj\nk\rl\bm\fn\xffo é 😀"
	c := fhir.CodeableConcept{Coding: []fhir.Coding{{System: odd, Code: odd, Display: odd}}, Text: odd}
	ref := &fhir.Reference{Reference: odd, Identifier: &fhir.Identifier{Use: odd, Type: &c, System: odd, Value: odd}, Display: odd}
	rs = append(rs,
		fhir.Encounter{Type: "Encounter", ID: "x", Meta: &fhir.Meta{Extension: []fhir.Extension{{URL: odd, ValueString: odd, ValueCode: odd, ValueReference: ref}}, Profile: []string{odd}, Security: c.Coding},
			Extension: []fhir.Extension{{URL: odd}}, Identifier: []fhir.Identifier{*ref.Identifier}, Status: odd, Class: c.Coding[0],
			EncType: []fhir.CodeableConcept{c, {}}, ServiceType: &c, Subject: ref, Participant: []fhir.EncounterParticipant{{Type: []fhir.CodeableConcept{c}, Individual: ref}, {}},
			Period: &fhir.Period{Start: odd, End: odd}, Length: &fhir.Duration{Value: -7, Unit: odd, System: odd, Code: odd}, ReasonCode: []fhir.CodeableConcept{c}, PartOf: ref},
		fhir.Encounter{Type: "Encounter"},
		fhir.DocumentReference{Type: "DocumentReference"},
		fhir.DocumentReference{Type: "DocumentReference", ID: "y", Meta: &fhir.Meta{}, Status: odd, DocStatus: odd, DocType: &c, Category: []fhir.CodeableConcept{c},
			Subject: ref, Date: odd, Author: []fhir.Reference{*ref}, Authenticator: ref, RelatesTo: []fhir.DocumentRelatesTo{{Code: odd, Target: *ref}, {}},
			Description: odd, Content: []fhir.DocumentReferenceContent{{Attachment: fhir.Attachment{ContentType: odd, Language: odd, Data: []byte(odd), Title: odd, Creation: odd}}, {}},
			Context: &fhir.DocumentReferenceContext{Encounter: []fhir.Reference{*ref}, Period: &fhir.Period{}}},
		fhir.DocumentReference{Type: "DocumentReference", Content: []fhir.DocumentReferenceContent{}},
	)
	for i, r := range rs {
		want, err := json.Marshal(r)
		require.NoError(t, err)
		require.Equal(t, string(want), appended(t, r), "resource %d (%s)", i, r.ResourceType())
	}
}

// FuzzAppendJSON fills an Encounter's and a DocumentReference's text with
// arbitrary bytes: the JSON is encoding/json's.
func FuzzAppendJSON(f *testing.F) {
	f.Add("plain", "<b>&amp;</b>", []byte("note"))
	f.Add("\u2028\x7f\xc3", "\"\\", []byte{0, 255})
	f.Fuzz(func(t *testing.T, a, b string, data []byte) {
		c := fhir.CodeableConcept{Coding: []fhir.Coding{{System: a, Code: b}}, Text: a + b}
		for _, r := range []fhir.Resource{
			fhir.Encounter{Type: "Encounter", ID: a, Status: b, Class: fhir.Coding{Display: a}, EncType: []fhir.CodeableConcept{c},
				Subject: &fhir.Reference{Reference: b, Display: a}, Period: &fhir.Period{Start: a}},
			fhir.DocumentReference{Type: "DocumentReference", Status: a, Description: b, Category: []fhir.CodeableConcept{c},
				Content: []fhir.DocumentReferenceContent{{Attachment: fhir.Attachment{Data: data, Title: a}}}},
		} {
			want, err := json.Marshal(r)
			if err != nil {
				t.Skip()
			}
			if got := appended(t, r); got != string(want) {
				t.Fatalf("%s: got %s, want %s", r.ResourceType(), got, want)
			}
		}
	})
}

// TestDerivedIsVersion5: derived ids are RFC 9562 version 5 UUIDs, as
// google/uuid's NewSHA1 makes them.
func TestDerivedIsVersion5(t *testing.T) {
	for _, name := range []string{"", "DocumentReference", "Amendment/1", strings.Repeat("long name ", 20)} {
		base := uuid.New()
		require.Equal(t, uuid.NewSHA1(base, []byte(name)).String(), fhir.Derived(base, name), name)
	}
}

// TestExportedResourcesShareNothing: the parts every session's resources
// have the same are the package's own only inside a bundle; what the
// Export functions return is the caller's to change.
func TestExportedResourcesShareNothing(t *testing.T) {
	s := fixtureSession()
	encs := must(fhir.ExportSession(s))
	docs := must(fhir.ExportNote(s))
	before, err := json.Marshal([]any{encs, docs})
	require.NoError(t, err)
	encs[0].Meta.Profile[0] = "changed"
	encs[0].EncType[0].Coding[0].Code = "changed"
	encs[0].ServiceType.Coding[0].Code = "changed"
	encs[0].Participant[0].Type[0].Coding[0].Code = "changed"
	docs[0].Meta.Profile[0] = "changed"
	docs[0].DocType.Coding[0].Code = "changed"
	docs[0].Category[0].Coding[0].Code = "changed"
	after, err := json.Marshal([]any{must(fhir.ExportSession(s)), must(fhir.ExportNote(s))})
	require.NoError(t, err)
	require.JSONEq(t, string(before), string(after))
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, nil)
	require.NoError(t, err)
	require.NoError(t, fhir.WriteSession(b, s))
	require.NoError(t, b.Close())
	require.NotContains(t, buf.String(), "changed")
}

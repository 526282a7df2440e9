package fhir_test

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

const benchSessions = 10_000

// benchSessionsList returns 10,000 completed one-on-one sessions with
// signed notes, each with a different peer.
func benchSessionsList() []session.Session {
	out := make([]session.Session, benchSessions)
	for i := range out {
		s := fixtureSession()
		s.ID = session.NewID()
		s.Participants = []session.Participant{{PeerID: peer.NewID()}}
		shift := time.Duration(i) * 2 * time.Hour
		s.Scheduled.Start, s.Scheduled.End = s.Scheduled.Start.Add(shift), s.Scheduled.End.Add(shift)
		s.Actual.Start, s.Actual.End = s.Actual.Start.Add(shift), s.Actual.End.Add(shift)
		s.Note.Signed.At = s.Note.Signed.At.Add(shift)
		s.Note.CoSigned.At = s.Note.CoSigned.At.Add(shift)
		s.Note.Amendments[0].At = s.Note.Amendments[0].At.Add(shift)
		out[i] = s
	}
	return out
}

// countingDiscard counts the bytes written to it.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkExportBundle exports 10,000 sessions (an Encounter and the
// signed note with its amendment each) into a streaming Bundle with
// WriteSession, which validates each session once, against
// encoding/json marshalling the same resources already built (the
// baseline, json). Bytes per op are the bundle's, so MB/s compare.
func BenchmarkExportBundle(b *testing.B) {
	sessions := benchSessionsList()
	var built []fhir.Resource
	for _, s := range sessions {
		encs, err := fhir.ExportSession(s)
		if err != nil {
			b.Fatal(err)
		}
		docs, err := fhir.ExportNote(s)
		if err != nil {
			b.Fatal(err)
		}
		built = append(built, encs[0], docs[0], docs[1])
	}
	var size countingDiscard
	w, _ := fhir.NewBundleWriter(context.Background(), &size, fhir.Collection, nil)
	for _, r := range built {
		_ = w.Add(r)
	}
	_ = w.Close()

	var jsonNs float64
	b.Run("json", func(b *testing.B) {
		b.SetBytes(size.n)
		for b.Loop() {
			for _, r := range built {
				data, err := json.Marshal(r)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Discard.Write(data)
			}
		}
		jsonNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("export", func(b *testing.B) {
		b.SetBytes(size.n)
		for b.Loop() {
			w, err := fhir.NewBundleWriter(context.Background(), io.Discard, fhir.Collection, nil)
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range sessions {
				if err := fhir.WriteSession(w, s); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		}
		if jsonNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/jsonNs, "x-json")
		}
	})
}

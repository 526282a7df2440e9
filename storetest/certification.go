package storetest

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

// RunCertificationStores runs the suites of both stores of package
// certification against one implementation, as subtests Records and
// Credentials.
func RunCertificationStores(t *testing.T, newStore func(t *testing.T) certification.Store) {
	t.Run("Records", func(t *testing.T) {
		RunRecordStore(t, func(t *testing.T) certification.RecordStore { return newStore(t) })
	})
	t.Run("Credentials", func(t *testing.T) {
		RunCredentialStore(t, func(t *testing.T) certification.CredentialStore { return newStore(t) })
	})
}

func certificationErrors[K comparable, V any](a *aggregate[K, V]) {
	a.errNotFound, a.errExists, a.errConflict, a.errInvalid = certification.ErrNotFound, certification.ErrAlreadyExists, certification.ErrConflict, certification.ErrInvalid
}

func fixtureRecord(i int) certification.Record {
	return certification.Record{
		SpecialistID: peer.NewSpecialistID(),
		Education:    certification.EducationHighSchool,
		Trainings: []certification.Training{{
			Provider: "Provider " + strconv.Itoa(i), Title: "Ethics and boundaries", Completed: day0,
			Hours: certification.Hours(8), Domains: []certification.DomainHours{{Domain: certification.DomainEthics, Hours: certification.Hours(6)}},
		}},
		Experience:   []certification.Experience{{Organisation: "Recovery centre", From: day0, Until: day0.AddDays(90), Hours: certification.Hours(120)}},
		Exams:        []certification.Exam{{Code: certification.CodeICRCPeerRecovery, Taken: day0, Passed: true}},
		Attestations: []certification.Attestation{{Kind: certification.AttestationKindCodeOfEthics, Signed: day0}},
	}
}

// RunRecordStore runs the conformance suite for
// [certification.RecordStore].
func RunRecordStore(t *testing.T, newStore func(t *testing.T) certification.RecordStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[peer.SpecialistID, certification.Record] {
		s := newStore(t)
		a := aggregate[peer.SpecialistID, certification.Record]{
			fixture: fixtureRecord,
			invalid: func(r certification.Record) certification.Record {
				r = r.Clone()
				r.Trainings[0].Hours = -1
				return r
			},
			key:     func(r certification.Record) peer.SpecialistID { return r.SpecialistID },
			withKey: func(r certification.Record, id peer.SpecialistID) certification.Record { r.SpecialistID = id; return r },
			clone:   certification.Record.Clone,
			version: func(r certification.Record) int64 { return r.Version },
			setVer:  func(r *certification.Record, v int64) { r.Version = v },
			change: func(r *certification.Record, i int) {
				r.Supervision = append(r.Supervision, certification.Supervision{On: day0, Hours: certification.Minutes(60), Ref: changeSystem + ":" + strconv.Itoa(i)})
			},
			changes: func(r certification.Record) int { return len(r.Supervision) },
			poke: func(r *certification.Record) {
				r.Trainings[0].Title = "poked"
				r.Trainings[0].Domains[0].Hours = 99
				r.Experience[0].Hours = 99
				r.Exams[0].Passed = false
				r.Attestations[0].Credential = "poked"
			},
			order:  func(a, b certification.Record) int { return a.SpecialistID.Compare(b.SpecialistID) },
			create: s.CreateRecord, get: s.GetRecord, update: s.UpdateRecord,
			list: func(ctx context.Context) iter.Seq2[certification.Record, error] {
				return s.ListRecords(ctx, certification.RecordFilter{})
			},
		}
		certificationErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		var rs []certification.Record
		for i := range 4 {
			r, err := s.CreateRecord(ctx, fixtureRecord(i))
			require.NoError(t, err)
			rs = append(rs, r)
		}
		id := func(r certification.Record) peer.SpecialistID { return r.SpecialistID }
		list := func(f certification.RecordFilter) []peer.SpecialistID { return keys(t, s.ListRecords(ctx, f), id) }
		sorted := func(ids []peer.SpecialistID) []peer.SpecialistID {
			return slices.SortedFunc(slices.Values(ids), peer.SpecialistID.Compare)
		}
		all := pick(rs, id, 0, 1, 2, 3)
		assert.Equal(t, sorted(all), list(certification.RecordFilter{}), "all")
		some := pick(rs, id, 3, 1)
		assert.Equal(t, sorted(some), list(certification.RecordFilter{SpecialistIDs: append(some, peer.NewSpecialistID())}),
			"specialists, in ID order, unknown IDs skipped")
	})
}

func fixtureCredential(i int) certification.Credential {
	return certification.Credential{
		ID:           certification.NewCredentialID(),
		SpecialistID: peer.NewSpecialistID(),
		Code:         certification.CodeICRCPeerRecovery,
		Number:       "PR-" + strconv.Itoa(1000+i),
		Issued:       day0,
		Expires:      day0.AddDate(2, 0, i%5),
		Renewals:     []certification.Renewed{{On: day0, PreviousExpiry: day0.AddDays(-1), Expires: day0.AddDate(2, 0, i%5)}},
	}
}

// RunCredentialStore runs the conformance suite for
// [certification.CredentialStore].
func RunCredentialStore(t *testing.T, newStore func(t *testing.T) certification.CredentialStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[certification.CredentialID, certification.Credential] {
		s := newStore(t)
		a := aggregate[certification.CredentialID, certification.Credential]{
			fixture: fixtureCredential,
			invalid: func(c certification.Credential) certification.Credential {
				c = c.Clone()
				c.Number = ""
				return c
			},
			key: func(c certification.Credential) certification.CredentialID { return c.ID },
			withKey: func(c certification.Credential, id certification.CredentialID) certification.Credential {
				c.ID = id
				return c
			},
			clone:   certification.Credential.Clone,
			version: func(c certification.Credential) int64 { return c.Version },
			setVer:  func(c *certification.Credential, v int64) { c.Version = v },
			change: func(c *certification.Credential, i int) {
				next := c.Expires.AddDate(1, 0, 0)
				c.Renewals = append(c.Renewals, certification.Renewed{On: c.Expires, PreviousExpiry: c.Expires, Expires: next})
				c.Expires = next
			},
			changes: func(c certification.Credential) int { return len(c.Renewals) - 1 },
			poke:    func(c *certification.Credential) { c.Renewals[0].On = day0.AddDays(3) },
			order: func(a, b certification.Credential) int {
				return cmp.Or(a.Expires.Compare(b.Expires), a.ID.Compare(b.ID))
			},
			create: s.CreateCredential, get: s.GetCredential, update: s.UpdateCredential,
			list: func(ctx context.Context) iter.Seq2[certification.Credential, error] {
				return s.ListCredentials(ctx, certification.CredentialFilter{})
			},
		}
		certificationErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		sp := peer.NewSpecialistID()
		base := day0.AddDate(2, 0, 0)
		var cs []certification.Credential
		for i := range 5 {
			c := fixtureCredential(i) // expires on base + i days
			if i%2 == 0 {
				c.SpecialistID = sp
			}
			switch i {
			case 1:
				c.Code = certification.CodePennsylvaniaCPS
			case 3:
				c.Revoked = day0.AddDays(30)
			case 4:
				c.Expires, c.Renewals = peersupport.Date{}, nil // does not expire
			}
			_, err := s.CreateCredential(ctx, c)
			require.NoError(t, err)
			cs = append(cs, c)
		}
		id := func(c certification.Credential) certification.CredentialID { return c.ID }
		list := func(f certification.CredentialFilter) []certification.CredentialID {
			return keys(t, s.ListCredentials(ctx, f), id)
		}
		ids := func(is ...int) []certification.CredentialID { return pick(cs, id, is...) }
		assert.Equal(t, ids(4, 0, 1, 2, 3), list(certification.CredentialFilter{}), "all, no expiry first")
		assert.Equal(t, ids(4, 0, 2), list(certification.CredentialFilter{SpecialistID: sp}), "specialist")
		assert.Equal(t, ids(1), list(certification.CredentialFilter{Code: certification.CodePennsylvaniaCPS}), "code")
		assert.Equal(t, ids(1, 2), list(certification.CredentialFilter{ExpiresFrom: base.AddDays(1), ExpiresUntil: base.AddDays(3)}),
			"ExpiresFrom inclusive, ExpiresUntil exclusive, no expiry left out")
		assert.Equal(t, ids(2, 3), list(certification.CredentialFilter{ExpiresFrom: base.AddDays(2)}), "open end")
		assert.Equal(t, ids(4, 0, 1, 2), list(certification.CredentialFilter{ExcludeRevoked: true}), "not revoked")
		assert.Equal(t, ids(0, 2), list(certification.CredentialFilter{SpecialistID: sp, ExpiresFrom: base, ExcludeRevoked: true}), "all fields must match")
	})
}

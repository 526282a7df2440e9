// Package certification tracks peer specialists' credentials: what each
// credential requires, held as data per jurisdiction; what a specialist
// has done toward it; how far they are from it; and the credentials they
// hold, with expiry and renewal.
//
// # Definitions
//
// Certification differs from state to state, and some states have none.
// A [Definition] holds one credential's requirements as data with the
// source of its numbers: education ([Education]), signed attestations
// ([AttestationKind]: lived experience, code of ethics, residency),
// training hours in total and by [Domain], experience and supervised hours
// (each optionally within a window of years), an exam (optionally valid
// for a number of years), and renewal: a period in months and
// continuing-education hours, in total and by domain. Hours are [Credit]
// values: whole minutes, never floats.
//
// [DefaultCatalog] ships the definitions we could source — IC&RC's Peer
// Recovery ([ICRCPeerRecovery]), NAADAC's NCPRSS ([NAADACNCPRSS]) and
// Pennsylvania's Certified Peer Specialist ([PennsylvaniaCPS]) — each
// documenting its source, the day it was checked, and what it leaves out.
// A host loads or overrides definitions from JSON with [Catalog.Load] or
// [DecodeDefinitions]; a malformed definition is an error wrapping
// [ErrInvalid] that names the position and field.
//
// # Records and evaluation
//
// A specialist's [Record] lists trainings, experience, supervision, exams
// and attestations, each with its day. [Evaluate] (or an [Evaluator] made
// once for many records) reports [Progress] toward a first award as of a
// day: one [Item] per requirement, met or not, with the exact shortfall
// ("12h more training in ethics"). [EvaluateRenewal] reports
// continuing-education progress in the current renewal cycle of a held
// credential.
//
// Supervision recorded elsewhere feeds a record through a
// [SupervisionSource]; package session's SupervisionLog adapts its
// supervision meetings, and [WithSupervision] merges them without
// counting a meeting twice.
//
// # Held credentials
//
// A [Credential] is one a specialist holds: number, issue and expiry
// days, renewals, revocation. [Credential.Status] gives its [Status] on a
// day — pending, active, expiring soon, expired (within the grace period),
// lapsed, revoked — under a [StatusPolicy]; [Credential.StatusAt] takes
// the day of an instant in the board's time zone. [Credential.Renew] and
// [RenewCredential] renew within the renewal window; [Expiring] lists
// everyone whose credential expires within N days.
//
// # Storage
//
// [Records] (keyed by specialist) and [Credentials] are the package's
// collections (package storage): on any [storage.DB], Create stores
// Version 1 (ErrAlreadyExists for a taken key), Update writes only over
// the same Version and stores Version+1 (otherwise ErrConflict or
// ErrNotFound, nothing changed), values are copied in and out, and
// listings are index ranges with keyset pages: credentials by specialist,
// by code and by expiry day ([CredentialFilter]). [ReviseRecord] and
// [RenewCredential] retry a change on version conflicts so concurrent
// writers lose nothing. The DB's driver is the host's choice (package
// memstore, the sqlstore module, or its own, proved by package
// storetest).
//
// # Errors
//
// Operations return errors wrapping the sentinels of errors.go, testable
// with [errors.Is]: [ErrInvalid] (also a *[peersupport.ValidationError]
// for values), [ErrUnknownCredential], [ErrRevoked], [ErrRenewalClosed],
// and the store sentinels.
//
// # Privacy
//
// Records and credentials are personal information about specialists:
// they print and log IDs only, and errors name IDs, codes and fields.
package certification

//go:generate go run ../internal/cmd/gen

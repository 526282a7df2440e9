// Package peersupport is the root of a library that gives software for peer
// support programs its domain logic: the people, their caseloads and
// supervision, support sessions and their notes and billing, self-directed
// wellness plans and goals, certification, and the ethics and privacy
// rules of the work.
//
// A peer specialist is a person with lived experience of recovery from a
// mental health condition or substance use who is trained, and in many US
// states certified, to support others in recovery. The person supported is
// the peer. The library models that work so that teams building EHR
// integrations and their own apps do not have to.
//
// # The packages
//
//   - peer: peers, specialists, supervisors; caseload assignments within
//     capacity; supervision links; matching a peer with specialists.
//   - session: one-on-one and group support sessions and the four types of
//     support they give; progress notes that are signed, co-signed and
//     amended; supervision meetings and supervised hours; billing units.
//   - billing: payers' rules as sourced data, orders and prior
//     authorizations, the review of a session against them (every hold
//     with a reason code), note completeness, claim lines stored without
//     ever passing a cap, as CSV.
//   - plan: the peer's own recovery planning: self-directed wellness plans
//     (WRAP sections, crisis plan) that only the peer decides on, recovery
//     goals with steps and progress, recovery-capital assessments (BARC-10).
//   - certification: credential requirements as data by jurisdiction (a
//     sourced catalog: IC&RC Peer Recovery, NAADAC NCPRSS, Pennsylvania
//     CPS), specialists' training, experience and supervised hours,
//     progress with exact shortfalls, held credentials with expiry and
//     renewal.
//   - boundary: ethics rules as a policy of checks with sourced findings
//     (self-disclosure, dual relationships, gifts, outside contact, scope
//     of practice, supervision and credentials, specialist wellbeing).
//   - consent: 42 CFR Part 2 (as amended in 2024) and HIPAA: consents with
//     the § 2.31 elements, sealed disclosure decisions with minimum
//     necessary, named exceptions, the § 2.32 statements and the consent's
//     scope; access decisions; the accounting of disclosures.
//   - fhir: exchange with EHRs as HL7 FHIR R4 JSON: Patient, Practitioner
//     and PractitionerRole, CareTeam, Encounter, DocumentReference,
//     CarePlan and Goal, QuestionnaireResponse and Observation, Consent,
//     ChargeItem and Claim, streamed in Bundles that export only what a recorded
//     disclosure decision releases;
//     Patient and Goal import.
//   - report: caseload, outcome (BARC-10 change, goals, days to first
//     session), workforce (supervision, expiring credentials, wellbeing)
//     and billing (billed, ready, held by reason) reports, streamed from the stores, as Go values, CSV and
//     JSON.
//   - audit: who read and changed a peer's records, when, why and under
//     which decision (45 CFR § 164.312(b)), recorded by the store itself.
//   - storage: the storage contract: the Driver a host implements once,
//     the collections the domain packages declare, typed operations,
//     filters as index ranges, keyset pages, atomic commits.
//   - memstore: the in-memory driver, safe for concurrent use.
//   - storetest: the suites that prove a driver, with one call each.
//
// The SQL driver (PostgreSQL and SQLite) is the nested module sqlstore.
//
// Imports only point down: domain packages import this package for shared
// values, never the other way round, and no package opens a file, a
// network connection or a database of its own.
//
// # Conventions
//
// Every function and method of the library returns an error wrapping
// [ErrInvalid] for a nil argument it needs (a nil *storage.DB, reader,
// writer, instrument, listing or function), never a panic; a nil options
// pointer means the defaults. Instants and days are within the years 1 to
// 9999. A [ValidationError] names every failing field (at most
// [MaxFieldErrors], then a count of the rest) by path and rule, never by
// value. Operations that depend on the time take it as an argument or
// from an injectable clock.
//
// # Shared values
//
// This package holds the few values every domain package uses: [Date], a
// civil day for birth dates, enrolment and end dates; [Identifier], a
// person's identifier in another system (FHIR style, system plus value);
// and [ValidationError], which lists every field of a value that failed
// validation by path and rule, without the field's value.
//
// # Storage
//
// Each domain package declares its aggregates (kind, key, version,
// validation, indexes and unique constraints) as collections of package
// storage, which implements the typed operations once: versions,
// copies, error mapping, filters as index ranges, keyset pages, atomic
// commits across records and one retry helper. A host keeps every record
// in its own database by writing one storage.Driver of four methods,
// proved by the suites of package storetest; package memstore is the
// in-memory driver and the sqlstore module (its own go.mod) the SQL one.
// The errors below ([ErrNotFound], [ErrAlreadyExists], [ErrConflict],
// [ErrInvalid]) are the whole vocabulary of storage; each package's names
// for them are the same values.
//
// # Privacy
//
// Types that hold protected health information, their sub-values (a name,
// a note, a plan's content) and the fhir resources print and log their ID
// only, through String, GoString and LogValue, so that %v, %+v, %#v, %s
// and slog agree; errors name IDs, fields and rules, never names, dates
// of birth or note text. slog cannot redact a record inside a slice, a map
// or a struct that slog.JSONHandler marshals whole: log IDs, or each
// record as an attribute of its own.
package peersupport

//go:generate go run ./internal/cmd/gen

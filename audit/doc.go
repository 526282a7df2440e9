// Package audit is the record of who read and changed a peer's records,
// when, for what purpose, and under which access decision: the audit
// controls of the HIPAA Security Rule, 45 CFR § 164.312(b) ("Implement
// hardware, software, and/or procedural mechanisms that record and
// examine activity in information systems that contain or use electronic
// protected health information"), checked on 2026-12-03.
//
// A host opens its store with [Log] as the auditor
// (storage.NewAudited(driver, audit.NewLog(nil))) and puts who acts into
// every context it passes the library ([With]): from then on every read
// and write of a record about a peer — the kinds whose declaration names
// the peers they are about (peer, session, plan, consent, billing) —
// writes an [Entry]. A write and its entry are committed together; a
// read is recorded before the records are handed on. An operation whose
// entry cannot be written fails and changes nothing: an audit that
// swallowed its failures would be no audit. A context without an
// [Access] fails every operation on those kinds with [ErrNoAccess].
//
// Entries are append-only (the store refuses to change one), listable per
// peer and per actor in time order ([EntryFilter]) and exported as CSV
// ([WriteCSV]). The log is itself about the peers its entries name: reading
// it needs an access and is recorded, and an entry written into it other
// than through a Log is recorded under the access that wrote it (the log
// lives in the store it audits, so a host that needs it tamper-evident
// keeps a copy elsewhere as well). An entry names IDs, codes and the actor's identifier,
// never a record's content.
package audit

//go:generate go run ../internal/cmd/gen

// Package session records the work of peer support: one-on-one and group
// support sessions ([Session], [Group]), the four types of support they
// give, progress notes that are signed, co-signed and amended
// ([Note]), supervision meetings of specialists ([Meeting]), and the
// billing units a payer counts ([BillingRule], [Bill]).
//
// # Concepts
//
// A [Session] is a specialist with one peer (KindOneOnOne) or with a group
// of peers (KindGroup). It is scheduled, then completed, cancelled (with a
// reason, and perhaps a backup specialist who covers it: [Session.Cover])
// or a no-show; rescheduling keeps the earlier times. A completed session
// records which of the four support types it gave — emotional,
// informational, instrumental, affiliational ([SupportType]) — through
// activities from a [Vocabulary] hosts can extend, and what it addressed:
// goals of the peer's wellness plan (plan.GoalID), [Referral] values to
// community resources, and any [Disclosure] of the specialist's own story
// with its purpose. Group sessions record each peer's [Attendance] and
// minutes; a standing [Group] keeps its members and weekly [Recurrence].
//
// The [Note] of a session is written in a format the program chooses
// (DAP, GIRP, BIRP or narrative). Signing it locks it; a supervisor may
// co-sign; corrections are amendments that leave the signed text
// readable. A note signed long after the session is flagged as a late
// entry.
//
// # Rules and sources
//
//   - The four support types are SAMHSA's: What Are Peer Recovery Support
//     Services?, HHS Publication No. (SMA) 09-4454, 2009.
//   - Status changes go from scheduled to completed, cancelled or no-show
//     and no further ([TransitionError]).
//   - A signed note is never edited ([ErrNoteSigned]); it is signed once
//     ([ErrAlreadySigned]), amended only once signed ([ErrNoteNotSigned]).
//   - Attendance is recorded only for participants ([ErrNotParticipant]);
//     minutes are never negative nor longer than the session.
//   - A specialist is not booked into two overlapping sessions
//     ([ErrDoubleBooked]).
//   - Billing: HCPCS H0038 is "self-help/peer services, per 15 minutes";
//     group sessions commonly add modifier HQ; payers count units by
//     different rounding rules, so [BillingRule] is data ([H0038], which
//     counts whole units). A payer's whole rules (caps, authorizations,
//     consent to bill, note elements) are package billing's.
//   - Supervision: peer support is supervised (CMS SMDL #07-011, 2007);
//     [Supervised] sums a specialist's supervised minutes over a period and
//     [LastSupervision] finds their last meeting.
//
// # Storage
//
// [Sessions], [Groups] and [Meetings] are the package's collections
// (package storage), on any [storage.DB] whose driver the host chooses
// (package memstore, the sqlstore module, or its own, proved by package
// storetest). Create stores Version 1 and returns ErrAlreadyExists for a
// taken ID; Update writes only when the stored Version equals the given
// one, stores Version+1, and otherwise returns ErrConflict (stale) or
// ErrNotFound and changes nothing; values are copied in and out; listings
// are index ranges in the documented order ([SessionFilter]: a
// specialist's, a peer's, a group's or a status's sessions by start, a
// window of time bounded below by [MaxLength]; [StartedBetween]: the
// sessions that started in a period, one exact range), with keyset pages.
//
// Record and change sessions through [Record] and [Revise] rather than
// the collection directly: they validate, check activities against the
// vocabulary, run host checks (package boundary plugs in here through
// [Check]), prevent double booking (the specialist's booking tokens
// commit with the session), keep signed notes unchanged, and retry on
// version conflicts so that concurrent writers lose nothing.
//
// # Time
//
// Instants (scheduled and actual times, signatures) are [time.Time] values
// stored in UTC; days are [peersupport.Date]. Nothing reads the clock:
// every operation that depends on time takes it as an argument.
//
// # Privacy
//
// Session, Group and Meeting print and log their IDs only. Errors name
// IDs, field paths and rules, never note text, places or disclosures.
package session

//go:generate go run ../internal/cmd/gen

// Package peer models the people of a peer support program and how they are
// connected: the [Peer] who receives support, the [Specialist] who gives it,
// the [Supervisor] who supervises the specialist, the [Assignment]
// values that put peers on specialists' caseloads, the [Supervision]
// links that connect specialists to supervisors, and [Match], which ranks
// specialists for a peer and explains why.
//
// # Concepts
//
// A peer specialist is a person with lived experience of recovery from a
// mental health condition or substance use, trained (and in many US states
// certified) to support others in recovery. The person supported is the
// peer: in EHR terms the client or patient. Their recovery is self-directed,
// so the types record what they say about themselves (their recovery focus,
// stage and pathways, their preferences for a specialist) and [Match] scores
// those preferences instead of deciding for them.
//
// Every aggregate is a plain struct with JSON tags in snake_case (a wire
// format that will not change after v1), a typed ID made by a New function
// (UUIDv7, so IDs sort in the order they were made), a Version for
// optimistic concurrency, and a Validate method that reports every failing
// field at once. Enumerations such as [Status] and [Focus] are closed: their
// text forms are stable lower-case codes, and unknown codes are rejected.
// Days are [peersupport.Date] values, never instants.
//
// # Rules and sources
//
//   - A peer is assigned to a specialist from a day until an end day with a
//     reason ([Assign], [EndAssignment], [EndCaseload]); ended assignments
//     stay as history.
//   - A specialist's open assignments never exceed their
//     CaseloadCapacity, even when many callers assign at once ([Assign]).
//   - Only active peers and active specialists can be assigned.
//   - A peer may have open assignments with several specialists (a peer
//     specialist and a recovery coach, say), but not two with the same one.
//   - Peer specialists are supervised (CMS State Medicaid Director Letter
//     SMDL #07-011, 2007); [Unsupervised] finds active specialists with no
//     supervision link in force.
//
// # Storage
//
// The aggregates are declared for package storage: [Peers],
// [Specialists], [Supervisors], [Assignments] and [Supervisions] are
// collections that keep them on any storage.Driver (package memstore in
// memory, package sqlstore on PostgreSQL or SQLite, a host's own), with
// versions, copies and errors handled once in storage. Every listing is an
// index range: peers, specialists and supervisors by status; assignments
// by specialist, peer or start (open ones alone too); supervision links by
// supervisor, specialist or start. [Unassigned] lists the peers waiting
// for a specialist and [CaseloadPeers] those on a caseload.
//
// Rules across records hold under any number of writers: [Assign] commits
// the assignment with the specialist's caseload token and checks of the
// peer and the specialist, and a unique index keeps one open assignment
// per peer and specialist.
//
// Nothing deletes people or assignments: discharge a peer, end an
// assignment, and the history stays.
//
// # Errors
//
// Operations return errors wrapping the package's sentinels ([ErrNotFound],
// [ErrConflict], [ErrInvalid], [ErrCaseloadFull], ...); test them with
// [errors.Is]. Validation errors are *[peersupport.ValidationError] values
// listing each failing field path and rule.
//
// # Concurrency
//
// Values are plain data: copy them freely, and do not share one between
// goroutines while changing it. [Assign], [EndAssignment] and
// [EndCaseload] are safe to call concurrently on the same caseload: they
// retry on conflicts.
//
// # Privacy
//
// Peer, Specialist and Supervisor hold personal details (names, birth dates,
// contact). Their String, GoString and LogValue methods print the ID only,
// and no error of this package contains a name, a date of birth or any other
// field value. Their JSON encoding is complete, since it is the wire format:
// never log it.
package peer

//go:generate go run ../internal/cmd/gen

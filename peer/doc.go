// Package peer models the people of a peer support program and how they are
// connected: the [Peer] who receives support, the [Specialist] who gives it,
// the [Supervisor] who supervises the specialist, the [Caseload] of
// [Assignment] values that connects peers to specialists, the [Supervision]
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
//     reason ([Caseload.Assign], [Caseload.End]); ended assignments stay in
//     the caseload as history.
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
// The package declares one small interface per aggregate: [PeerStore],
// [SpecialistStore], [SupervisorStore], [CaseloadStore], [SupervisionStore],
// and [Store] for all of them. A host implements them on its own database;
// package memstore implements them in memory, and package storetest checks
// any implementation with one call per interface. Every implementation keeps
// these rules:
//
//   - Create validates the value (an invalid one returns the error of its
//     Validate method, wrapping [ErrInvalid]), stores it with Version 1 and
//     returns the stored value. A record with the same ID returns
//     [ErrAlreadyExists].
//   - Get returns [ErrNotFound] for an unknown ID.
//   - Update validates the value and succeeds only when the stored Version
//     equals the value's Version; it stores the value with Version+1 and
//     returns it. A stale Version returns [ErrConflict], an unknown ID
//     [ErrNotFound]; either way nothing changes.
//   - Values go in and out by copy: changing a value or its slices after
//     Create or Update, or after Get or List returned it, never changes what
//     is stored.
//   - List yields the matching records in the order its doc comment gives.
//     On failure it yields the zero value with the error once and stops.
//     Breaking out of the loop early releases whatever the listing holds. A
//     canceled context is yielded as ctx.Err(). The sequence may be ranged
//     over again, which runs the query again. Range with both variables,
//     for v, err := range ..., so that no error is dropped.
//   - Every method returns ctx.Err() for a canceled context, and is safe
//     for concurrent use.
//
// No store deletes people or assignments: discharge a peer, end an
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
// goroutines while changing it. [Assign] and [EndAssignment] are safe to call
// concurrently on the same caseload: they retry on version conflicts.
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

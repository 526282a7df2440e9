// Package plan will hold the peer's self-directed wellness plans, recovery
// goals and recovery-capital assessments.
//
// So far it declares the identifiers other packages refer to: a support
// session records which goals of the peer's plan it addressed by [GoalID]
// (package session), so the plan's identifiers exist before its types.
//
// # Identifiers
//
// [ID] names a plan and [GoalID] one goal in it. Both wrap a UUID, are made
// by [NewID] and [NewGoalID] (UUIDv7, so they sort in the order they were
// made), print as the canonical UUID text and parse back with [ParseID] and
// [ParseGoalID]. The zero value means "no ID".
package plan

//go:generate go run ../internal/cmd/gen

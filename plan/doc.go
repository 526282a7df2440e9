// Package plan holds the peer's own recovery planning: their self-directed
// wellness [Plan], their recovery [Goal] values, and recovery-capital
// [Assessment] values.
//
// # Wellness plans
//
// A [Plan] belongs to the peer and is written by them, in the sections of
// the Wellness Recovery Action Plan (WRAP, Mary Ellen Copeland): wellness
// toolbox, daily maintenance, triggers, early warning signs and signs that
// things are breaking down with their action plans, a [CrisisPlan] and a
// post-crisis plan, plus an [Inventory] of strengths, supports, resources
// and skills ([Content]).
//
// Freedom of choice is built into the API. Only the peer, or the host
// acting with their recorded agreement ([Actor.Decides]), edits the plan,
// accepts a suggestion, activates or archives it; anyone else gets
// [ErrNotPeersChoice]. A specialist assists with [Plan.Suggest]: a
// [Suggestion] is a distinct thing from an edit and changes nothing until
// the peer accepts it ([Plan.Accept]); a suggestion made before the peer's
// own later edit is [ErrSuggestionOutdated] rather than silently undoing
// it. Every change is a [Revision] with author, time, summary and the whole
// content, so earlier revisions stay readable. A peer has one active plan:
// stores refuse a second ([ErrActivePlanExists]) and [Activate] archives
// the previous one. [Revise] applies a change with retries on version
// conflicts, so concurrent writers lose nothing.
//
// # Goals
//
// A [Goal] is the peer's, in their words, tied to a [LifeArea] — SAMHSA's
// four dimensions of recovery: health, home, purpose, community (SAMHSA's
// Working Definition of Recovery, 2012) — with what they want, how they
// will know (Measure), a target date, action steps with an [Owner] and due
// day, barriers and a backup plan. Progress entries ([Goal.Record]) start
// a goal; [Goal.SetStatus] allows not started → in progress → achieved,
// and either → discontinued; [Goal.Revise] closes a goal and returns its
// replacement. Other changes are a *[GoalTransitionError]. [Overdue] and
// [Quiet] answer the caseload screen's questions: which steps are past
// due, which goals have gone without progress.
//
// # Assessments
//
// An [Assessment] is a questionnaire the peer answered on a day: their
// [Answer] values to the items of an [Instrument]. The package ships
// [BARC10], the Brief Assessment of Recovery Capital (Vilsaint et al.,
// Drug and Alcohol Dependence 177, 2017): ten statements rated from 1
// (strongly disagree) to 6 (strongly agree), totals 10 to 60. An instrument
// is data behind an interface: a host adds another by filling in a
// [SumInstrument] (items, scale, optional cutoff, source) or by
// implementing [Instrument]. [Assessment.Score] checks the answers (each
// item once, on the scale; unanswered items are an [IncompleteError]) and
// [Compare] reports the change between two assessments, in total and by
// item.
//
// # Identifiers
//
// [ID] names a plan, [GoalID] one goal in it and [AssessmentID] an
// assessment. All wrap a UUID, are made by their New function (UUIDv7, so
// they sort in the order they were made), print as the canonical UUID text
// and parse back with their Parse function. The zero value means "no ID".
// A support session records which goals it addressed by GoalID (package
// session).
//
// # Storage
//
// [Plans], [Goals] and [Assessments] are the package's collections
// (package storage): on any [storage.DB], Create stores Version 1
// (ErrAlreadyExists for a taken ID), Update writes only over the same
// Version and stores Version+1 (otherwise ErrConflict or ErrNotFound,
// nothing changed), values are copied in and out, and listings are index
// ranges with keyset pages ([PlanFilter], [GoalFilter],
// [AssessmentFilter]). A unique index keeps one active plan per peer,
// whoever writes; [Activate] archives the old plan and activates the new
// one in one commit, and [Revise] retries on version conflicts. The DB's
// driver is the host's choice (package memstore, the sqlstore module, or
// its own, proved by package storetest).
//
// # Privacy
//
// Plans, goals and answers are the peer's own words about their recovery:
// Plan, Goal and Assessment print and log their IDs only, and errors name
// IDs, fields and rules.
package plan

//go:generate go run ../internal/cmd/gen

// Package plan holds what belongs to the peer's own recovery planning:
// recovery goals and recovery-capital assessments (the wellness plan
// itself is being built on the same pattern).
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
// # Privacy
//
// Answers are the peer's own view of their recovery: an Assessment prints
// and logs its ID only, and errors name IDs, fields and rules.
package plan

//go:generate go run ../internal/cmd/gen

// Package plan holds what belongs to the peer's own recovery planning. So
// far that is recovery-capital assessments and the identifiers other
// packages refer to; wellness plans and recovery goals are being built on
// the same pattern.
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

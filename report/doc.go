// Package report computes the figures peer support programs are asked
// for by funders and supervisors, streaming from the stores so that memory
// grows with the number of peers and specialists, never with the number of
// sessions.
//
// # Reports
//
//   - [Caseload]: per specialist and for the program over a period: peers
//     served, new and discharged, completed sessions and minutes by
//     support type and by mode, one-on-one and group, no-shows and the
//     no-show rate, billable units.
//   - [Outcomes]: recovery capital (BARC-10) change between each peer's
//     first and latest assessment, with its mean, median and quartiles
//     across the program (golang.org/x/exp/stats, Hyndman and Fan type 7
//     quantiles); goals achieved, in progress and overdue; days from
//     intake to first session.
//   - [Workforce]: supervised hours per specialist, specialists overdue
//     for supervision, credentials expiring within 30, 60 and 90 days,
//     and wellbeing findings of package boundary.
//
// Each report is a Go value with JSON tags, and writes itself as CSV
// (WriteCSV).
//
// # Counting rules
//
// A session counts in a period when it started in it ([From, Until)). A
// completed session's minutes count once toward each support type it gave,
// so the minutes by support type may add up to more than the total. The
// no-show rate is no-shows over completed sessions plus no-shows;
// cancelled sessions are neither. A peer is served in a period when they
// attended a completed session in it.
//
// # Privacy
//
// Reports hold IDs and counts only: no names, notes or answers.
package report

//go:generate go run ../internal/cmd/gen

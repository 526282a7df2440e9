package httpapi

import (
	"net/http"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/report"
)

func reportRoutes() []route {
	return []route{
		{Method: http.MethodGet, Path: "/reports/caseload", ID: "caseloadReport", Tag: "reports",
			Summary: "The caseload report of a period: peers served, sessions and minutes by support type and mode, billable units",
			Out:     typeOf[report.CaseloadReport](), Status: http.StatusOK, run: caseloadReport,
			Query: []param{{"from", "date", "first day (default: the first of this month)"}, {"until", "date", "the day after the last (default: a month after from)"}}},
		{Method: http.MethodGet, Path: "/reports/outcomes", ID: "outcomesReport", Tag: "reports",
			Summary: "The outcome report on a day: BARC-10 change, goals, days to first session",
			Out:     typeOf[report.OutcomesReport](), Status: http.StatusOK, run: outcomesReport,
			Query: []param{{"on", "date", "the day (default: today)"}}},
	}
}

// caseloadReport is for staff whose duties cover attendance: it reads
// every peer's sessions.
func caseloadReport(q *request) (response, error) {
	ctx, err := q.duty("report.caseload", "*", consent.InfoKindAttendance)
	if err != nil {
		return response{}, err
	}
	today := q.today()
	from, err := q.dateParam("from", peersupport.Date{Year: today.Year, Month: today.Month, Day: 1})
	if err != nil {
		return response{}, err
	}
	until, err := q.dateParam("until", from.AddDate(0, 1, 0))
	if err != nil {
		return response{}, err
	}
	r, err := report.Caseload(ctx, q.api.db, report.Period{From: from.In(q.api.opts.Location), Until: until.In(q.api.opts.Location)}, nil)
	if err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK, body: r}, nil
}

// outcomesReport is for staff whose duties cover attendance, assessments
// and wellness plans.
func outcomesReport(q *request) (response, error) {
	ctx, err := q.duty("report.outcomes", "*", consent.InfoKindAttendance, consent.InfoKindAssessments, consent.InfoKindWellnessPlan)
	if err != nil {
		return response{}, err
	}
	on, err := q.dateParam("on", q.today())
	if err != nil {
		return response{}, err
	}
	r, err := report.Outcomes(ctx, q.api.db, on, nil)
	if err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK, body: r}, nil
}

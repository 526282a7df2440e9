package peersupport_test

import (
	"errors"
	"fmt"

	"github.com/peersupport/peersupport"
)

// Dates are civil days: a birth date or a goal's target date has no time
// zone. Parse them from YYYY-MM-DD, the form they take in JSON.
func ExampleParseDate() {
	target, err := peersupport.ParseDate("2026-03-01")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(target, "is", target.DaysSince(peersupport.Date{Year: 2026, Month: 1, Day: 1}), "days into the year")

	_, err = peersupport.ParseDate("2026-02-30")
	fmt.Println(errors.Is(err, peersupport.ErrInvalidDate))
	// Output:
	// 2026-03-01 is 59 days into the year
	// true
}

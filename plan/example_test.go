package plan_test

import (
	"errors"
	"fmt"

	"github.com/peersupport/peersupport/plan"
)

// A goal ID read from an EHR message parses back to the same ID; text that
// is not a UUID is an error wrapping ErrInvalid.
func ExampleParseGoalID() {
	id, err := plan.ParseGoalID("01936f3a-6d2e-7c41-9d55-6b8f0c3a2e10")
	fmt.Println(id, err)

	_, err = plan.ParseGoalID("goal-7")
	fmt.Println(errors.Is(err, plan.ErrInvalid))
	// Output:
	// 01936f3a-6d2e-7c41-9d55-6b8f0c3a2e10 <nil>
	// true
}

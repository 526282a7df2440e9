package sqlstore_test

import (
	"time"

	"github.com/peersupport/peersupport"
)

var peerDay = peersupport.Date{Year: 2026, Month: time.November, Day: 23}

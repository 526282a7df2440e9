package sqlstore

import (
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/storage"
)

const secondsPerDay = 24 * 60 * 60

// dayNumber is the column of a day: days since 1970-01-01, negative
// before it, so that days sort as their numbers do.
func dayNumber(v storage.Value) int64 {
	return v.Date().In(time.UTC).Unix() / secondsPerDay
}

// dayValue is the day of a day number.
func dayValue(n int64) storage.Value {
	return storage.Date(peersupport.DateOf(time.Unix(n*secondsPerDay, 0).UTC()))
}

// unix is the instant of a time's two columns.
func unix(sec, nsec int64) time.Time { return time.Unix(sec, nsec).UTC() }

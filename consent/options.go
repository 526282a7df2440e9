package consent

import "time"

// Options are the program's settings for the package's decisions and
// operations. A nil *Options means the defaults; each zero field means
// its default.
type Options struct {
	// Location is the program's time zone, in which consents' days
	// (expiry, expiry event) and assignments' days are taken. Nil means
	// UTC.
	Location *time.Location
	// Now returns the current time for [Disclose], [Revoke], [EndByEvent],
	// [MarkSent] and [MarkFailed]. Nil means time.Now.
	Now func() time.Time
	// Statement chooses the 42 CFR § 2.32(a) statement that goes with
	// disclosures of substance use disorder records; zero means
	// [StatementFull].
	Statement Statement
}

func (o *Options) location() *time.Location {
	if o == nil || o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o *Options) now() time.Time {
	if o == nil || o.Now == nil {
		return time.Now().UTC()
	}
	return o.Now().UTC()
}

func (o *Options) statement() Statement {
	if o == nil {
		return StatementFull
	}
	return o.Statement
}

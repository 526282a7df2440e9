package certification

import (
	"context"
	"fmt"
	"github.com/peersupport/peersupport/storage"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// Holdings answers what credentials specialists hold, from the
// [Credentials] of a DB. It implements the credential source of package
// boundary, so that boundary's credential rule learns a status without
// depending on this package's storage.
type Holdings struct {
	DB *storage.DB
	// Policy decides the statuses; the zero value means
	// [DefaultStatusPolicy].
	Policy StatusPolicy
}

// statusRank orders statuses from the best to hold to the worst.
var statusRank = map[Status]int{
	StatusActive: 6, StatusExpiringSoon: 5, StatusExpired: 4, StatusPending: 3, StatusLapsed: 2, StatusRevoked: 1,
}

// CredentialStatus returns the best status, on the day, of the
// specialist's credentials with the code: active before expiring soon,
// then expired (in grace), pending, lapsed, revoked; StatusUnspecified
// when they hold none. Errors are the driver's and ctx.Err().
func (h Holdings) CredentialStatus(ctx context.Context, specialist peer.SpecialistID, code string, on peersupport.Date) (Status, error) {
	policy := h.Policy
	if policy == (StatusPolicy{}) {
		policy = DefaultStatusPolicy()
	}
	best := StatusUnspecified
	for c, err := range Credentials.List(ctx, h.DB, CredentialFilter{SpecialistID: specialist, Code: code}) {
		if err != nil {
			return StatusUnspecified, fmt.Errorf("certification: status of %s for specialist %s: %w", code, specialist, err)
		}
		if st := c.Status(on, policy); statusRank[st] > statusRank[best] {
			best = st
		}
	}
	return best, nil
}

package peer_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
)

// TestValidateAllocatesNothing: validating a valid peer, specialist,
// supervisor, assignment or episode builds no path (check.Fields joins
// its scope only for a failure) and copies nothing (languages compare in
// place, ignoring case). Each value is first checked to be valid.
func TestValidateAllocatesNothing(t *testing.T) {
	p := validPeer()
	p.Addresses = []peer.Address{{Lines: []string{"12 Elm Street", "Apt 3"}, City: "Springfield", State: "IL", PostalCode: "62701"}}
	p.Languages = []string{"en", "es-MX", "zh-Hant"}
	episode := peer.Episode{ID: peer.NewEpisodeID(), PeerID: p.ID, Admitted: jan6, Pathway: peer.ServicePathwayComprehensive,
		Changes: []peer.PathwayChange{{On: jan6.AddDays(5), From: peer.ServicePathwayBrief, To: peer.ServicePathwayComprehensive, Reason: peer.PathwayReasonNeedsMore}}}
	assignment := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: p.ID, SpecialistID: peer.NewSpecialistID(), Start: jan6}
	for name, validate := range map[string]func() error{
		"peer":       p.Validate,
		"specialist": validSpecialist().Validate,
		"supervisor": validSupervisor().Validate,
		"assignment": assignment.Validate,
		"episode":    episode.Validate,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}

// TestValidatePathsBelowLists: failures below a list's element keep their
// full paths, and a language repeated in another case is a duplicate in
// a long list (compared through lower-case keys) as in a short one.
func TestValidatePathsBelowLists(t *testing.T) {
	p := validPeer()
	p.Addresses = []peer.Address{{}, {Lines: []string{"12 Elm Street", " "}, City: " Springfield"}}
	assert.Equal(t, []string{"addresses[0]: required", "addresses[1].lines[1]: required", "addresses[1].city: untrimmed"},
		fieldErrors(t, p.Validate()))

	for _, n := range []int{3, 40} {
		p := validPeer()
		p.Languages = nil
		for i := range n - 1 {
			p.Languages = append(p.Languages, fmt.Sprintf("x%c%c", 'a'+i/26, 'a'+i%26))
		}
		p.Languages = append(p.Languages, "XAA") // the first, in capitals
		assert.Equal(t, []string{fmt.Sprintf("languages[%d]: duplicate", n-1)}, fieldErrors(t, p.Validate()), "%d languages", n)
	}

	e := peer.Episode{ID: peer.NewEpisodeID(), PeerID: p.ID, Admitted: jan6, Pathway: peer.ServicePathwayBrief,
		Changes: []peer.PathwayChange{
			{On: jan6.AddDays(5), From: peer.ServicePathwayBrief, To: peer.ServicePathwayComprehensive, Reason: peer.PathwayReasonNeedsMore},
			{On: jan6.AddDays(2), From: peer.ServicePathwayBrief, To: peer.ServicePathwayBrief},
		}}
	assert.ElementsMatch(t, []string{"changes[1].reason: required", "changes[1].on: order", "changes[1].to: mismatch", "changes[1].from: mismatch"},
		fieldErrors(t, e.Validate()))
}

package peer

import (
	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/slab"
)

// blocks are the memory the copies of this package's records take their
// slices from (see package internal/slab): a copy of a Peer is not an
// allocation per slice.
var blocks slab.Pool[peerBlocks]

// peerBlocks holds one block per element type of the records' slices.
type peerBlocks struct {
	texts       []string
	contacts    []ContactPoint
	identifiers []peersupport.Identifier
	pathways    []Pathway
	experience  []ExperienceArea
	slots       []WeeklySlot
}

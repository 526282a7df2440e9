package boundary

import "github.com/google/uuid"

// ConsentID identifies a [Consent]. The zero value means "no ID".
//
//peersupport:id
type ConsentID struct{ uuid uuid.UUID }

// DisclosureID identifies a [DisclosureRecord], one entry of the
// accounting of disclosures. The zero value means "no ID".
//
//peersupport:id
type DisclosureID struct{ uuid uuid.UUID }

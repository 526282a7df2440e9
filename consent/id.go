package consent

import "github.com/google/uuid"

// ID identifies a [Consent]. The zero value means "no ID".
//
//peersupport:id
type ID struct{ uuid uuid.UUID }

// DisclosureID identifies a [DisclosureRecord], one entry of the
// accounting of disclosures. The zero value means "no ID".
//
//peersupport:id
type DisclosureID struct{ uuid uuid.UUID }

package billing

import "github.com/google/uuid"

// AuthorizationID identifies an [Authorization]. The zero value means "no
// ID".
//
//peersupport:id
type AuthorizationID struct{ uuid uuid.UUID }

// LineID identifies a billed [Line]. The zero value means "no ID".
//
//peersupport:id
type LineID struct{ uuid uuid.UUID }

package certification

import "github.com/google/uuid"

// CredentialID identifies a held [Credential]. The zero value means "no ID".
//
//peersupport:id
type CredentialID struct{ uuid uuid.UUID }

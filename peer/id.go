package peer

import "github.com/google/uuid"

// ID identifies a [Peer]. The zero ID means "no ID" and fails validation.
// IDs compare with ==, and their text form (see [ID.String]) sorts in the
// order the IDs were made by [NewID].
//
//peersupport:id
type ID struct{ uuid uuid.UUID }

// SpecialistID identifies a [Specialist]. The zero value means "no ID".
//
//peersupport:id
type SpecialistID struct{ uuid uuid.UUID }

// SupervisorID identifies a [Supervisor]. The zero value means "no ID".
//
//peersupport:id
type SupervisorID struct{ uuid uuid.UUID }

// AssignmentID identifies one [Assignment] in a [Caseload]. The zero value
// means "no ID".
//
//peersupport:id
type AssignmentID struct{ uuid uuid.UUID }

// SupervisionID identifies a [Supervision] link. The zero value means "no ID".
//
//peersupport:id
type SupervisionID struct{ uuid uuid.UUID }

// EpisodeID identifies an [Episode] of service. The zero value means "no
// ID".
//
//peersupport:id
type EpisodeID struct{ uuid uuid.UUID }

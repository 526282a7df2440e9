package session

import "github.com/google/uuid"

// ID identifies a [Session]. The zero value means "no ID". IDs made by
// [NewID] sort in the order they were made.
//
//peersupport:id
type ID struct{ uuid uuid.UUID }

// GroupID identifies a [Group]: a standing group that meets again and
// again. The zero value means "no ID".
//
//peersupport:id
type GroupID struct{ uuid uuid.UUID }

// MeetingID identifies a supervision [Meeting]. The zero value means "no
// ID".
//
//peersupport:id
type MeetingID struct{ uuid uuid.UUID }

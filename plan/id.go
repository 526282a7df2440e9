package plan

import "github.com/google/uuid"

// ID identifies a peer's wellness plan. The zero value means "no ID".
//
//peersupport:id
type ID struct{ uuid uuid.UUID }

// GoalID identifies one recovery goal of a wellness plan. The zero value
// means "no ID".
//
//peersupport:id
type GoalID struct{ uuid uuid.UUID }

// AssessmentID identifies an [Assessment]. The zero value means "no ID".
//
//peersupport:id
type AssessmentID struct{ uuid uuid.UUID }

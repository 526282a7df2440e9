package fhir

// ResourceType returns "Patient".
func (Patient) ResourceType() string { return "Patient" }

// ResourceID returns the resource's id.
func (r Patient) ResourceID() string { return r.ID }

// ResourceType returns "Practitioner".
func (Practitioner) ResourceType() string { return "Practitioner" }

// ResourceID returns the resource's id.
func (r Practitioner) ResourceID() string { return r.ID }

// ResourceType returns "PractitionerRole".
func (PractitionerRole) ResourceType() string { return "PractitionerRole" }

// ResourceID returns the resource's id.
func (r PractitionerRole) ResourceID() string { return r.ID }

// ResourceType returns "CareTeam".
func (CareTeam) ResourceType() string { return "CareTeam" }

// ResourceID returns the resource's id.
func (r CareTeam) ResourceID() string { return r.ID }

// ResourceType returns "Encounter".
func (Encounter) ResourceType() string { return "Encounter" }

// ResourceID returns the resource's id.
func (r Encounter) ResourceID() string { return r.ID }

// ResourceType returns "DocumentReference".
func (DocumentReference) ResourceType() string { return "DocumentReference" }

// ResourceID returns the resource's id.
func (r DocumentReference) ResourceID() string { return r.ID }

// ResourceType returns "CarePlan".
func (CarePlan) ResourceType() string { return "CarePlan" }

// ResourceID returns the resource's id.
func (r CarePlan) ResourceID() string { return r.ID }

// ResourceType returns "Goal".
func (Goal) ResourceType() string { return "Goal" }

// ResourceID returns the resource's id.
func (r Goal) ResourceID() string { return r.ID }

// ResourceType returns "QuestionnaireResponse".
func (QuestionnaireResponse) ResourceType() string { return "QuestionnaireResponse" }

// ResourceID returns the resource's id.
func (r QuestionnaireResponse) ResourceID() string { return r.ID }

// ResourceType returns "Observation".
func (Observation) ResourceType() string { return "Observation" }

// ResourceID returns the resource's id.
func (r Observation) ResourceID() string { return r.ID }

// ResourceType returns "Consent".
func (Consent) ResourceType() string { return "Consent" }

// ResourceID returns the resource's id.
func (r Consent) ResourceID() string { return r.ID }

// ResourceType returns "ChargeItem".
func (ChargeItem) ResourceType() string { return "ChargeItem" }

// ResourceID returns the resource's id.
func (r ChargeItem) ResourceID() string { return r.ID }

// ResourceType returns "Claim".
func (Claim) ResourceType() string { return "Claim" }

// ResourceID returns the resource's id.
func (r Claim) ResourceID() string { return r.ID }

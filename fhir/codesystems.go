package fhir

import "github.com/peersupport/peersupport/session"

// Concept is one code of a code system the package defines.
//
//peersupport:redact
type Concept struct {
	Code    string
	Display string
}

// CodeSystem is a code system the package defines, with its canonical
// URL and codes.
//
//peersupport:redact
type CodeSystem struct {
	URL      string
	Name     string
	Concepts []Concept
}

// CodeSystems returns the code systems the package defines, with every
// code it writes. The activity system also holds a host's own activity
// codes, which are not listed.
func CodeSystems() []CodeSystem {
	activities := CodeSystem{URL: SystemActivity, Name: "Peer support activities"}
	for d := range session.DefaultVocabulary().All() {
		activities.Concepts = append(activities.Concepts, Concept{string(d.Code), d.Display})
	}
	return []CodeSystem{
		{URL: SystemService, Name: "Peer support service", Concepts: []Concept{
			{"peer-support", "Peer support services"}, {"peer-specialist", "Peer specialist"}}},
		{URL: SystemSupportType, Name: "Peer support types", Concepts: []Concept{
			{"emotional", "Emotional support"}, {"informational", "Informational support"},
			{"instrumental", "Instrumental support"}, {"affiliational", "Affiliational support"}}},
		activities,
		{URL: SystemCareTeamRole, Name: "Peer support care team roles", Concepts: []Concept{
			{"peer", "Peer"}, {"peer-specialist", "Peer specialist"}, {"supervisor", "Supervisor of the peer specialist"}}},
		{URL: SystemLifeArea, Name: "Dimensions of recovery", Concepts: []Concept{
			{"health", "Health"}, {"home", "Home"}, {"purpose", "Purpose"}, {"community", "Community"}}},
		{URL: SystemInstrument, Name: "Assessment instruments", Concepts: []Concept{
			{"barc-10", "Brief Assessment of Recovery Capital (BARC-10)"}, {"barc-10.total", "BARC-10 total score"}}},
		{URL: SystemInformation, Name: "Kinds of information", Concepts: []Concept{
			{"demographics", "Demographics"}, {"attendance", "Attendance"}, {"progress_notes", "Progress notes"},
			{"wellness_plan", "Wellness plan"}, {"assessments", "Assessments"}, {"billing", "Billing"}}},
	}
}

package session

import (
	"iter"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// SupportType is one of the four types of social support that peer
// recovery support services give: emotional, informational, instrumental
// and affiliational (SAMHSA, What Are Peer Recovery Support Services?, HHS
// Publication No. (SMA) 09-4454, 2009, after Cobb 1976 and Salzer 2002).
// They are types of support, not separate services: one session often gives
// several.
//
//peersupport:enum
type SupportType uint8

// The four support types.
const (
	SupportTypeUnspecified SupportType = iota
	// SupportTypeEmotional: empathy, caring and concern that bolster a
	// person's self-esteem, hope and confidence (peer mentoring, coaching).
	SupportTypeEmotional // emotional
	// SupportTypeInformational: knowledge, information and skills training
	// (life skills, job skills, health and wellness information).
	SupportTypeInformational // informational
	// SupportTypeInstrumental: concrete help with tasks (transport, child
	// care, applying for benefits or housing, filling in forms).
	SupportTypeInstrumental // instrumental
	// SupportTypeAffiliational: connection with a community of people in
	// recovery and with social and recreational life.
	SupportTypeAffiliational // affiliational
)

// Support records one type of support a session gave and the activities
// that gave it.
type Support struct {
	Type SupportType `json:"type"`
	// Activities are codes of a [Vocabulary]; each must belong to Type.
	Activities []Activity `json:"activities,omitempty"`
}

// Activity is the code of a concrete support activity, such as
// "empathetic_listening". Codes are lower case letters, digits and
// "_", "-", "." or ":" (so a host can namespace its own, "acme:food_bank"),
// at most 64 characters. A [Vocabulary] says which support type each
// belongs to.
type Activity string

// The activities of [DefaultVocabulary], after the examples SAMHSA gives for
// each support type (HHS Publication No. (SMA) 09-4454, 2009).
const (
	// Emotional support.
	ActivityEmpatheticListening Activity = "empathetic_listening"
	ActivityEncouragement       Activity = "encouragement"
	ActivityRecoveryStory       Activity = "sharing_recovery_story"
	ActivityPeerMentoring       Activity = "peer_mentoring"

	// Informational support.
	ActivitySkillTeaching      Activity = "skill_teaching"
	ActivityHealthInformation  Activity = "health_information"
	ActivityServiceInformation Activity = "service_information"
	ActivityJobSkills          Activity = "job_skills"

	// Instrumental support.
	ActivityHousingHelp    Activity = "housing_help"
	ActivityBenefitsHelp   Activity = "benefits_help"
	ActivityEmploymentHelp Activity = "employment_help"
	ActivityTransportation Activity = "transportation"
	ActivityFormsHelp      Activity = "forms_help"
	ActivityChildCare      Activity = "child_care"

	// Affiliational support.
	ActivityCommunityGroups    Activity = "community_group_linkage"
	ActivityRecoveryCommunity  Activity = "recovery_community_linkage"
	ActivitySocialActivity     Activity = "social_activity"
	ActivityMutualAidAttending Activity = "mutual_aid_accompaniment"
)

// ActivityDefinition defines one activity of a [Vocabulary].
type ActivityDefinition struct {
	Code    Activity    `json:"code"`
	Type    SupportType `json:"type"`
	Display string      `json:"display"`
}

// Vocabulary is the set of activities sessions may record, each tied to its
// support type. A Vocabulary never changes once made, so one value can be
// shared by many goroutines; [Vocabulary.Extend] returns a new one. The
// zero Vocabulary is empty.
type Vocabulary struct {
	defs  map[Activity]ActivityDefinition
	order []Activity
}

var defaultVocabulary = mustVocabulary(
	ActivityDefinition{ActivityEmpatheticListening, SupportTypeEmotional, "Empathetic listening"},
	ActivityDefinition{ActivityEncouragement, SupportTypeEmotional, "Encouragement"},
	ActivityDefinition{ActivityRecoveryStory, SupportTypeEmotional, "Sharing recovery story"},
	ActivityDefinition{ActivityPeerMentoring, SupportTypeEmotional, "Peer mentoring or coaching"},
	ActivityDefinition{ActivitySkillTeaching, SupportTypeInformational, "Teaching a skill"},
	ActivityDefinition{ActivityHealthInformation, SupportTypeInformational, "Health and wellness information"},
	ActivityDefinition{ActivityServiceInformation, SupportTypeInformational, "Information about services"},
	ActivityDefinition{ActivityJobSkills, SupportTypeInformational, "Job skills"},
	ActivityDefinition{ActivityHousingHelp, SupportTypeInstrumental, "Help with housing"},
	ActivityDefinition{ActivityBenefitsHelp, SupportTypeInstrumental, "Help with benefits"},
	ActivityDefinition{ActivityEmploymentHelp, SupportTypeInstrumental, "Help with employment"},
	ActivityDefinition{ActivityTransportation, SupportTypeInstrumental, "Transportation"},
	ActivityDefinition{ActivityFormsHelp, SupportTypeInstrumental, "Help with forms and applications"},
	ActivityDefinition{ActivityChildCare, SupportTypeInstrumental, "Child care"},
	ActivityDefinition{ActivityCommunityGroups, SupportTypeAffiliational, "Linking to community groups"},
	ActivityDefinition{ActivityRecoveryCommunity, SupportTypeAffiliational, "Linking to the recovery community"},
	ActivityDefinition{ActivitySocialActivity, SupportTypeAffiliational, "Social or recreational activity"},
	ActivityDefinition{ActivityMutualAidAttending, SupportTypeAffiliational, "Going with the peer to a mutual aid meeting"},
)

func mustVocabulary(defs ...ActivityDefinition) *Vocabulary {
	v, err := (*Vocabulary)(nil).Extend(defs...)
	if err != nil {
		panic(err) // the package's own table is wrong
	}
	return v
}

// DefaultVocabulary returns the library's activities: four to six for each
// support type. Extend it with a program's own activities.
func DefaultVocabulary() *Vocabulary { return defaultVocabulary }

// Extend returns a new Vocabulary with v's activities followed by defs. It
// returns an error wrapping [ErrInvalid] (a *[peersupport.ValidationError]
// with paths "activities[i].code" and so on, counting from v's first
// activity) if a definition has a malformed code, an unknown type, a
// missing display text, or a code already defined. A nil v extends the
// empty vocabulary.
func (v *Vocabulary) Extend(defs ...ActivityDefinition) (*Vocabulary, error) {
	var old []Activity
	if v != nil {
		old = v.order
	}
	out := &Vocabulary{
		defs:  make(map[Activity]ActivityDefinition, len(old)+len(defs)),
		order: slices.Grow(slices.Clone(old), len(defs)),
	}
	for _, a := range old {
		out.defs[a] = v.defs[a]
	}
	var f check.Fields
	for i, d := range defs {
		path := check.Index("activities", len(old)+i)
		if rule := d.Code.rule(); rule != "" {
			f.Add(path+".code", rule)
		} else if _, dup := out.defs[d.Code]; dup {
			f.Add(path+".code", peersupport.RuleDuplicate)
		}
		check.EnumValue(&f, path+".type", d.Type, true)
		f.Text(path+".display", d.Display, true, check.MaxText)
		out.defs[d.Code] = d
		out.order = append(out.order, d.Code)
	}
	if err := f.Err(ErrInvalid, "session.Vocabulary"); err != nil {
		return nil, err
	}
	return out, nil
}

// Lookup returns the definition of the activity code, and whether v has
// it.
func (v *Vocabulary) Lookup(a Activity) (ActivityDefinition, bool) {
	if v == nil {
		return ActivityDefinition{}, false
	}
	d, ok := v.defs[a]
	return d, ok
}

// All yields the definitions in the order they were added.
func (v *Vocabulary) All() iter.Seq[ActivityDefinition] {
	return func(yield func(ActivityDefinition) bool) {
		if v == nil {
			return
		}
		for _, a := range v.order {
			if !yield(v.defs[a]) {
				return
			}
		}
	}
}

// Check reports every activity of s that v does not define
// (rule "unknown_code" at "support[i].activities[j]") or that belongs to
// another support type than the one it is listed under (rule "mismatch"),
// as a *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (v *Vocabulary) Check(s Session) error {
	var f check.Fields
	for i, sup := range s.Support {
		for j, a := range sup.Activities {
			d, ok := v.Lookup(a)
			switch {
			case !ok:
				f.Add(check.Index(check.Index("support", i)+".activities", j), peersupport.RuleUnknownCode)
			case d.Type != sup.Type:
				f.Add(check.Index(check.Index("support", i)+".activities", j), peersupport.RuleMismatch)
			}
		}
	}
	return f.Err(ErrInvalid, "session.Session")
}

// Valid reports whether a is a well-formed activity code: lower case
// letters, digits and "_", "-", "." or ":", at most 64 characters.
func (a Activity) Valid() bool { return a.rule() == "" }

// rule returns the validation rule the code breaks, or "".
func (a Activity) rule() string {
	switch {
	case a == "":
		return peersupport.RuleRequired
	case len(a) > 64:
		return peersupport.RuleTooLong
	}
	for _, c := range []byte(a) {
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':'
		if !ok {
			return peersupport.RuleMalformed
		}
	}
	return ""
}

// checkSupport validates the support list of a session: each type once,
// each activity well formed and listed once.
func checkSupport(f *check.Fields, support []Support) {
	types := check.DuplicatesBy[Support, SupportType]{Items: support, Key: func(s *Support) SupportType { return s.Type }}
	// Paths are made only for a failure.
	for i, s := range support {
		path := func() string { return check.Index("support", i) }
		if !s.Type.Valid() {
			check.EnumValue(f, path()+".type", s.Type, true)
		} else if types.Before(i) {
			f.Add(path()+".type", peersupport.RuleDuplicate)
		}
		acts := check.Duplicates[Activity]{List: s.Activities}
		for j, a := range s.Activities {
			if rule := a.rule(); rule != "" {
				f.Add(check.Index(path()+".activities", j), rule)
			} else if acts.Before(j) {
				f.Add(check.Index(path()+".activities", j), peersupport.RuleDuplicate)
			}
		}
	}
}

// String returns the code itself; activity codes are not protected
// information.
func (a Activity) String() string { return string(a) }

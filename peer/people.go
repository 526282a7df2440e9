package peer

import (
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Name is how a person is named. Given is required; Family may be empty for
// people with one name. Preferred is the name the person wants to be called,
// which programs use in conversation and on screens.
//
//peersupport:redact
type Name struct {
	Given     string `json:"given"`
	Family    string `json:"family,omitempty"`
	Preferred string `json:"preferred,omitempty"`
}

// check records the failures of the name at path, joining the path only
// for a failure.
func (n Name) check(f *check.Fields, path string) {
	f.Enter(path, -1)
	f.Text("given", n.Given, true, check.MaxText)
	f.Text("family", n.Family, false, check.MaxText)
	f.Text("preferred", n.Preferred, false, check.MaxText)
	f.Leave()
}

// Gender is a person's gender as they state it, used only to honour a peer's
// preference for the gender of their specialist.
//
//peersupport:enum
type Gender uint8

// The genders.
const (
	GenderUnspecified Gender = iota // not stated; as a preference, "no preference"
	GenderWoman                     // woman
	GenderMan                       // man
	GenderNonbinary                 // nonbinary
	GenderOther                     // other: a gender the other values do not describe
)

// ContactSystem is the kind of a [ContactPoint], after FHIR R4's
// ContactPoint.system (http://hl7.org/fhir/R4/valueset-contact-point-system.html).
//
//peersupport:enum
type ContactSystem uint8

// The contact systems.
const (
	ContactSystemUnspecified ContactSystem = iota // not a valid entry
	ContactSystemPhone                            // phone: voice telephone
	ContactSystemEmail                            // email: e-mail address
	ContactSystemSMS                              // sms: text messages
)

// ContactPoint is one way to reach a person: a phone number, an e-mail
// address, a number for text messages.
//
//peersupport:redact
type ContactPoint struct {
	System ContactSystem `json:"system"`
	Value  string        `json:"value"`
}

func checkContact(f *check.Fields, path string, cs []ContactPoint) {
	for i, c := range cs {
		if !c.System.Valid() {
			check.EnumValue(f, check.Index(path, i)+".system", c.System, true)
		}
		if rule := check.TextRule(c.Value, true, check.MaxText); rule != "" {
			f.Add(check.Index(path, i)+".value", rule)
		} else if c.System == ContactSystemEmail && !strings.Contains(c.Value, "@") {
			f.Add(check.Index(path, i)+".value", peersupport.RuleMalformed)
		}
	}
}

// checkLanguages checks a list of BCP 47 language tags (RFC 5646), such as
// "en", "es-MX" or "zh-Hant": subtags of letters and digits, one to eight
// long, the first two or three letters; no tag twice, ignoring case.
func checkLanguages(f *check.Fields, path string, tags []string) {
	d := check.FoldDuplicates{List: tags}
	for i, tag := range tags {
		switch {
		case !check.LanguageTag(tag):
			f.Add(check.Index(path, i), peersupport.RuleMalformed)
		case d.Before(i):
			f.Add(check.Index(path, i), peersupport.RuleDuplicate)
		}
	}
}

// primaryLanguage returns the lower-case primary subtag of a BCP 47 tag:
// "es" for "es-MX".
func primaryLanguage(tag string) string {
	primary, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(primary)
}

// speaks reports whether any tag of have has the primary language of want.
func speaks(have []string, want string) bool {
	pw := primaryLanguage(want)
	for _, h := range have {
		if primaryLanguage(h) == pw {
			return true
		}
	}
	return false
}

package billing

import (
	"bytes"
	"embed"
	"fmt"
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/session"
)

// SystemPayer is the identifier system of the payers the shipped rule
// sets name ([Rules].Payer): a host whose consents name a payer by
// another identifier (its clearinghouse payer ID, say) sets Payer to that.
const SystemPayer = "https://github.com/peersupport/peersupport/billing/payer"

// The shipped rule sets, as JSON a host may copy and change.
//
//go:embed rulesets/*.json
var rulesets embed.FS

// shipped decodes a shipped rule set; with validate false it does not
// check it (Virginia's lacks its procedure code).
func shipped(name string, validate bool) (Rules, error) {
	data, err := rulesets.ReadFile("rulesets/" + name + ".json")
	if err != nil {
		return Rules{}, fmt.Errorf("billing: rule set %s: %w", name, err)
	}
	if validate {
		return DecodeRules(bytes.NewReader(data))
	}
	var r Rules
	if err := check.DecodeStrict(data, &r); err != nil {
		return Rules{}, fmt.Errorf("billing: rule set %s: %v: %w", name, err, ErrInvalid)
	}
	return r, nil
}

// NewJersey returns the rules of Horizon NJ Health, a NJ FamilyCare
// managed care plan, for H0038 (its Self-Help/Peer Support Billing
// Guidelines, effective July 1, 2020): modifier HF, whole 15-minute
// units, at most 16 a day, members 18 or older and a diagnosis on the
// claim; and, as the library's requirements for any claim, consent to
// bill (42 CFR § 2.33), a member ID and a signed note by a credentialed
// specialist. Groups and telehealth are held: no rule for them was found
// in what could be read of the policy. Rules.Sources says what was checked and what
// is left to the host.
func NewJersey() Rules {
	r, err := shipped("nj-horizon-h0038", true)
	if err != nil {
		return Rules{} // not valid: every use of it fails loudly
	}
	return r
}

// Texas returns Texas Medicaid's rules for H0038, peer specialist
// services (a benefit since January 1, 2019, as restated in a Texas
// Medicaid plan's provider alert of October 28, 2020): whole 15-minute
// units, at most 104 in a rolling six months, groups of at most 12,
// in person only, members 21 or older, a member ID, and a signed note by
// a credentialed specialist. TMHP's prior authorization requirements
// could not be read: a host sets Requires.Authorization as TMHP asks.
func Texas() Rules {
	r, err := shipped("tx-medicaid-h0038", true)
	if err != nil {
		return Rules{}
	}
	return r
}

// Virginia returns the limits of Virginia's regulation for ARTS peer
// support services (12VAC30-130-5180, -5190 and -5210) with the service
// the host bills them under: the regulation names no procedure code, so
// the host gives the one its DMAS contract or managed care plan sets.
// Whole 15-minute units, at most 16 a day and 3,600 (900 hours) a
// calendar year; groups of at most 10; the noncovered activities of
// 12VAC30-130-5210 E as activity codes; a service authorization and a
// recommendation (read as an order in force 30 days for every session,
// an interpretation of 5210 B; see the rule set's source note) before
// service; members 21
// or older with a diagnosis; consent to bill; a signed note by a
// credentialed specialist. It returns an error wrapping [ErrInvalid] if
// the service is not valid.
func Virginia(service Service) (Rules, error) {
	r, err := shipped("va-medicaid-peer-support", false)
	if err != nil {
		return Rules{}, err
	}
	r.Service = service
	if err := r.Validate(); err != nil {
		return Rules{}, fmt.Errorf("billing: virginia: %w", err)
	}
	return r, nil
}

// defaultID is "default-h0038-" and the payer's value in lower case
// letters and digits, other runs of characters as "-": a rule set's ID
// is its identity, and two payers' defaults must not share one.
func defaultID(payer peersupport.Identifier) string {
	var b []byte
	for _, c := range []byte(strings.ToLower(payer.Value)) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-')
		}
	}
	tail := strings.Trim(string(b), "-")
	if len(tail) > 40 {
		tail = strings.Trim(tail[:40], "-")
	}
	if tail == "" {
		return "default-h0038"
	}
	return "default-h0038-" + tail
}

// Default returns a neutral starting point for a payer whose manual is
// not among the shipped rule sets: HCPCS H0038, "Self-help/peer services,
// per 15 minutes" (CMS's HCPCS Level II file), whole 15-minute units (the
// state sources say "one (1) unit for every fifteen (15) minutes" and
// state no rule for the rest; see the package doc), group sessions with
// modifier HQ ("group setting", as North Carolina's Medicaid plans and
// Kansas bill H0038 HQ), no caps, in person only, and consent to bill
// and a signed note by a credentialed specialist required. Check every
// number against the payer's manual and record it in Sources.
func Default(payer peersupport.Identifier) Rules {
	return Rules{
		ID:      defaultID(payer),
		Title:   "Neutral default for HCPCS H0038",
		Version: "2026-12-03",
		Payer:   payer,
		Sources: []Source{{
			Title:   "peersupport billing package documentation: the neutral default",
			URL:     "https://pkg.go.dev/github.com/peersupport/peersupport/billing#Default",
			Checked: peersupport.Date{Year: 2026, Month: 12, Day: 3},
			Note:    "Not a payer's rules: replace with the payer's manual and record it here.",
		}},
		Service:     Service{System: session.HCPCS, Code: "H0038", Display: "Self-help/peer services, per 15 minutes"},
		UnitMinutes: 15,
		Rounding:    session.RoundingWholeUnits,
		Group:       Group{Covered: true, Modifiers: []string{"HQ"}},
		Requires:    Requirements{ConsentToBill: true, SignedNote: true, Credential: true},
	}
}

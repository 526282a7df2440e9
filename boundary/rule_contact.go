package boundary

import (
	"context"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// outsideContactRule is [RuleOutsideContact]: contact between the
// specialist and the peer outside a recorded session. For each contact
// it finds, at the severities of [OutsideContactSettings]:
//
//   - "social_media": through a social network (default caution);
//   - "personal_channel": through the specialist's personal phone, email
//     or account (default caution);
//   - "peer_home": in the peer's home (default caution; programs that
//     make home visits set info);
//   - "specialist_home": in the specialist's home (default violation);
//   - "outside_hours": outside the program's hours in its time zone
//     (default Monday to Friday 08:00–18:00; caution).
//
// Sources: White & PRO-ACT Ethics Workgroup (2007), boundary management;
// NAADAC/NCC AP Code of Ethics, principle VI (social media).
type outsideContactRule struct {
	s   OutsideContactSettings
	loc *time.Location
}

func (outsideContactRule) ID() RuleID { return RuleOutsideContact }

func (r *outsideContactRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *outsideContactRule) check(a *Action, out []Finding) []Finding {
	for i := range a.Contacts {
		c := &a.Contacts[i]
		path := contactPaths.at(i)
		add := func(code string, sev Severity, g Guideline) {
			out = appendFinding(out)
			f := &out[len(out)-1]
			f.Rule, f.Code, f.Severity, f.Path, f.Guideline = RuleOutsideContact, code, sev, path, g
		}
		if c.Channel == ChannelSocialMedia {
			add("social_media", r.s.SocialMedia, guideNAADACSocial)
		}
		if c.Personal {
			add("personal_channel", r.s.PersonalChannel, guideWhiteEthics)
		}
		switch c.Place {
		case PlacePeerHome:
			add("peer_home", r.s.PeerHome, guideWhiteEthics)
		case PlaceSpecialistHome:
			add("specialist_home", r.s.SpecialistHome, guideWhiteEthics)
		}
		if !r.withinHours(c.At) {
			add("outside_hours", r.s.OutsideHours, guideWhiteEthics)
		}
	}
	return out
}

// explainOutsideContact explains the rule's findings.
func explainOutsideContact(f Finding) string {
	switch f.Code {
	case "social_media":
		return "Contact with a peer through a social network; use the program's channels."
	case "personal_channel":
		return "Contact with a peer through the specialist's personal phone, email or account; use the program's."
	case "peer_home":
		return "A visit to the peer's home; follow the program's home-visit procedure."
	case "specialist_home":
		return "Meeting a peer at the specialist's home crosses the boundary of the role."
	case "outside_hours":
		return "Contact outside the program's hours; agree with the supervisor when that is right."
	}
	return ""
}

// withinHours reports whether t falls in one of the program's weekly
// slots, in its time zone. The day and the time of day are read once:
// each of time's calendar methods looks up the zone again.
func (r *outsideContactRule) withinHours(t time.Time) bool {
	local := t.In(r.loc)
	hour, min, _ := local.Clock()
	minute, day := peer.Clock(hour, min), local.Weekday()
	for _, h := range r.s.Hours {
		if h.Day == day && minute >= h.Start && minute < h.End {
			return true
		}
	}
	return false
}

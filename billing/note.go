package billing

import (
	"slices"

	"github.com/peersupport/peersupport"
	"strings"
	"time"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// NoteElement is something a note of a billed session must show. The
// elements are those state rules ask a progress note to record, as in
// 26 TAC § 306.323(a) (Texas, mental health rehabilitative services,
// which name the peer provider credential): "the name of the individual
// to whom the service was provided; the type of service provided; the
// specific goal or objective addressed, [...] the date the service was
// provided; the begin and end time of the service; the location where the
// service was provided; the signature of the staff member providing the
// service and a notation of their credential; [...] the individual's
// response, including the progress or lack of progress in achieving
// recovery plan goals and objectives", and 26 TAC § 301.361(a) (the
// treatment plan objective that was the focus of the service; the
// progress toward it). Each element is checked on the recorded session,
// not guessed from its text.
//
//peersupport:enum
type NoteElement uint8

// The note elements.
const (
	NoteElementUnspecified  NoteElement = iota
	NoteElementDate                     // date: the session was held on a recorded day (its actual start)
	NoteElementTimes                    // times: the actual start and end times are recorded
	NoteElementProvider                 // provider: the specialist who gave the service is on record with a name
	NoteElementSignature                // signature: the note is signed by the specialist
	NoteElementCredential               // credential: the signer held a credential in force on the service date
	NoteElementPersonServed             // person_served: the note is about a recorded participant who attended
	NoteElementLocation                 // location: where it was held (a place in person, or the remote mode)
	NoteElementService                  // service: the type of service, as the support types given
	NoteElementPurpose                  // purpose: the goal or objective worked on (a goal section, or goals of the peer's plan)
	NoteElementIntervention             // intervention: what the specialist did, "the method used to provide the service" (an intervention or data section)
	NoteElementResponse                 // response: how the peer responded (a response, behavior or assessment section)
	NoteElementPlan                     // plan: the next steps (a plan section)
)

// DefaultNoteElements returns the elements the cited Texas rules list,
// in order: what a payer's rules require when they list none. It leaves
// out NoteElementPlan, which those rules do not name; a payer that wants
// it lists it in its rules.
func DefaultNoteElements() []NoteElement {
	return slices.DeleteFunc(NoteElementValues(), func(e NoteElement) bool {
		return e == NoteElementUnspecified || e == NoteElementPlan
	})
}

// NoteFacts are what [CheckNote] needs besides the session: the
// specialist on record, the signer's credentials and the program's time
// zone.
type NoteFacts struct {
	// Specialist is the session's specialist as stored.
	Specialist peer.Specialist
	// Credentials are the signer's credentials.
	Credentials []certification.Credential
	// Accept are the credential codes that count; none: any.
	Accept []string
	// Location is the program's time zone (nil: UTC).
	Location *time.Location
}

// CheckNote returns the elements of want that the note of the session for
// the peer (a group attendee's own note where they have one, else the
// shared note) does not show, in want's order; none means the note is
// complete. A narrative note shows the purpose, intervention, response and
// plan by its one narrative section, since the elements cannot be told
// apart in free text without guessing.
func CheckNote(s session.Session, p peer.ID, want []NoteElement, facts NoteFacts) []NoteElement {
	note := s.Note
	attended := false
	for _, pt := range s.Participants {
		if pt.PeerID == p {
			attended = s.MinutesAttended(p) > 0
			if !pt.Note.IsZero() {
				note = pt.Note
			}
		}
	}
	var missing []NoteElement
	for _, e := range want {
		if !shows(e, s, note, attended, facts) {
			missing = append(missing, e)
		}
	}
	return missing
}

func shows(e NoteElement, s session.Session, note session.Note, attended bool, facts NoteFacts) bool {
	has := func(kinds ...session.SectionKind) bool {
		return slices.ContainsFunc(note.Sections, func(sec session.Section) bool {
			return slices.Contains(kinds, sec.Kind) && strings.TrimSpace(sec.Text) != ""
		})
	}
	switch e {
	case NoteElementDate:
		return !s.Actual.Start.IsZero()
	case NoteElementTimes:
		return !s.Actual.Start.IsZero() && s.Actual.End.After(s.Actual.Start)
	case NoteElementProvider:
		return !s.SpecialistID.IsZero() && facts.Specialist.ID == s.SpecialistID && strings.TrimSpace(facts.Specialist.Name.Given) != ""
	case NoteElementSignature:
		return note.IsSigned()
	case NoteElementCredential:
		return note.IsSigned() && credentialed(facts.Credentials, note.Signed.SpecialistID, facts.Accept, serviceDate(s, facts.Location))
	case NoteElementPersonServed:
		return attended
	case NoteElementLocation:
		return strings.TrimSpace(s.Place) != "" || (s.Mode != session.ModeInPerson && s.Mode != session.ModeUnspecified)
	case NoteElementService:
		return len(s.Support) > 0
	case NoteElementPurpose:
		return has(session.SectionKindGoal, session.SectionKindNarrative) || len(s.GoalIDs) > 0
	case NoteElementIntervention:
		return has(session.SectionKindIntervention, session.SectionKindData, session.SectionKindNarrative)
	case NoteElementResponse:
		return has(session.SectionKindResponse, session.SectionKindBehavior, session.SectionKindAssessment, session.SectionKindNarrative)
	case NoteElementPlan:
		return has(session.SectionKindPlan, session.SectionKindNarrative)
	}
	return false
}

// credentialed reports whether the specialist holds a credential of one
// of the codes (any, if none) in force on the day.
func credentialed(creds []certification.Credential, who peer.SpecialistID, codes []string, day peersupport.Date) bool {
	_, ok := inForce(creds, who, codes, day)
	return ok
}

package billing

import (
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Options are a program's billing settings.
type Options struct {
	// Location is the program's time zone: service dates, cap periods and
	// the days of orders, authorizations, consents and credentials are
	// taken in it. Nil means UTC.
	Location *time.Location
	// PlaceOfService is the CMS place-of-service code of the program's
	// sessions held in person, such as "11" (office); it must be set
	// before an in-person line is made.
	PlaceOfService string
	// RemotePlaceOfService is the code of its sessions held by video,
	// phone or text: "02" (telehealth provided other than in the
	// patient's home) or "10" (telehealth provided in the patient's home),
	// per CMS's Place of Service Code Set; it must be set before a remote
	// line is made.
	RemotePlaceOfService string
	// BillingProvider identifies the program as the billing provider of
	// its claims (its organisation NPI, in peersupport.SystemNPI); zero
	// leaves the rendering specialist as the provider.
	BillingProvider peersupport.Identifier
	// SubstanceUse says the program's records are substance use disorder
	// records under 42 CFR Part 2: consent to bill is then required under
	// every rule set, and must cover them. Part 2 (as amended in 2024)
	// lets a program disclose its records for payment with the patient's
	// written consent (§ 2.33(a)), and its disclosures without consent
	// (subpart D) include none for payment.
	SubstanceUse bool
	// Now returns the current time for [Bill] and [Pending]; nil means
	// time.Now.
	Now func() time.Time
}

func (o *Options) location() *time.Location {
	if o == nil || o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o *Options) now() time.Time {
	if o == nil || o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// Facts are everything [Review] decides on. Records of other peers or
// specialists in the lists are ignored. Facts print as their type only.
//
//peersupport:redact
type Facts struct {
	Session session.Session
	Rules   Rules
	// Specialist is the session's specialist.
	Specialist peer.Specialist
	// Peers are the session's participants.
	Peers []peer.Peer
	// Consents are the participants' consents.
	Consents []consent.Consent
	// Authorizations are the participants' orders and prior
	// authorizations.
	Authorizations []Authorization
	// Credentials are the note signer's credentials.
	Credentials []certification.Credential
	// Billed are the lines already billed for the participants under the
	// rules: caps, authorizations' use and double billing are counted
	// from them.
	Billed []Line
	// SupervisingNPI is the NPI of the supervising provider the payer
	// wants on the line, if any.
	SupervisingNPI string
	// At is when the lines would be billed: consents must be in force
	// then.
	At time.Time
}

// Review decides which of the session's peers can be billed under the
// rules and returns their lines and every hold and warning (see
// [Reason]). A session that is not completed is held whole and nothing
// else is checked; otherwise every check runs, so a session with several
// problems reports them all. Peers who did not attend get neither a line
// nor a hold. Units are cut, with a warning, to what a cap or the
// authorization leaves.
//
// It returns an error wrapping [ErrInvalid] when the rules or the
// session are not valid, a participant's record is not among the facts,
// or a line would need a place of service the options do not give.
func Review(f Facts, opts *Options) (Readiness, error) {
	s, rules := f.Session, f.Rules
	if err := rules.Validate(); err != nil {
		return Readiness{}, fmt.Errorf("billing: review %s: %w", s.ID, err)
	}
	if err := s.Validate(); err != nil {
		return Readiness{}, fmt.Errorf("billing: review %s: %w", s.ID, err)
	}
	if bp := billingProvider(opts); bp != (peersupport.Identifier{}) && (bp.System == "" || bp.Value == "" ||
		(bp.System == peersupport.SystemNPI && !peersupport.ValidNPI(bp.Value))) {
		return Readiness{}, fmt.Errorf("billing: review %s: billing provider malformed: %w", s.ID, ErrInvalid)
	}
	if f.At.IsZero() {
		return Readiness{}, fmt.Errorf("billing: review %s: facts without their time (At): %w", s.ID, ErrInvalid)
	}
	if f.SupervisingNPI != "" && !peersupport.ValidNPI(f.SupervisingNPI) {
		return Readiness{}, fmt.Errorf("billing: review %s: supervising NPI malformed: %w", s.ID, ErrInvalid)
	}
	var out Readiness
	hold := func(h Hold) {
		h.SessionID = s.ID
		h.Severity = h.Reason.severity()
		out.Holds = append(out.Holds, h)
	}
	if s.Status != session.StatusCompleted {
		hold(Hold{Reason: ReasonNotCompleted})
		return out, nil
	}
	loc := opts.location()
	day := serviceDate(s, loc)

	// The session as a whole.
	remote := s.Mode != session.ModeInPerson
	if s.Kind == session.KindGroup {
		if !rules.Group.Covered {
			hold(Hold{Reason: ReasonGroupNotCovered})
		}
		attended := 0
		for _, p := range s.Participants {
			if s.MinutesAttended(p.PeerID) > 0 {
				attended++
			}
		}
		if rules.Group.MaxSize > 0 && attended > rules.Group.MaxSize {
			hold(Hold{Reason: ReasonGroupTooLarge})
		}
	}
	if remote && !slices.Contains(rules.Telehealth.Modes, s.Mode) {
		hold(Hold{Reason: ReasonRemoteNotCovered})
	}
	var banned []session.Activity
	for _, sup := range s.Support {
		for _, a := range sup.Activities {
			if slices.Contains(rules.NonBillable, a) && !slices.Contains(banned, a) {
				banned = append(banned, a)
			}
		}
	}
	if len(banned) > 0 {
		hold(Hold{Reason: ReasonNonBillableActivity, Activities: banned})
	}
	if rules.Requires.SignedNote && !s.Note.IsSigned() {
		hold(Hold{Reason: ReasonNoteUnsigned})
	}
	if rules.Requires.CoSignature && s.Note.CoSigned.IsZero() {
		hold(Hold{Reason: ReasonNotCoSigned})
	}
	if rules.Requires.Credential {
		// The specialist who gave the service (the claim's rendering
		// provider) and whoever signed the note.
		who := []peer.SpecialistID{s.SpecialistID}
		if s.Note.IsSigned() && s.Note.Signed.SpecialistID != s.SpecialistID {
			who = append(who, s.Note.Signed.SpecialistID)
		}
		missing, expiring := false, false
		for _, id := range who {
			c, ok := inForce(f.Credentials, id, rules.Requires.Credentials, day)
			missing = missing || !ok
			expiring = expiring || (ok && c.Status(day, certification.DefaultStatusPolicy()) == certification.StatusExpiringSoon)
		}
		switch {
		case missing:
			hold(Hold{Reason: ReasonSignerNotCredentialed})
		case expiring:
			hold(Hold{Reason: ReasonCredentialExpiring})
		}
	}
	npi := ""
	if f.Specialist.ID == s.SpecialistID {
		npi = identifier(f.Specialist.Identifiers, peersupport.SystemNPI)
	}
	if rules.Requires.RenderingNPI && npi == "" {
		hold(Hold{Reason: ReasonNoRenderingNPI})
	}
	sessionHeld := !out.Ready()
	// The elements a dedicated hold reports are not reported twice.
	elements := slices.DeleteFunc(slices.Clone(rules.elements()), func(e NoteElement) bool {
		return (e == NoteElementSignature && rules.Requires.SignedNote) || (e == NoteElementCredential && rules.Requires.Credential)
	})
	noteFacts := NoteFacts{Specialist: f.Specialist, Credentials: f.Credentials, Accept: rules.Requires.Credentials, Location: loc}

	for _, pt := range s.Participants {
		minutes := s.MinutesAttended(pt.PeerID)
		if minutes == 0 {
			continue
		}
		before := len(out.Holds)
		peerHold := func(h Hold) { h.PeerID = pt.PeerID; hold(h) }
		if slices.ContainsFunc(f.Billed, func(l Line) bool {
			return l.SessionID == s.ID && l.PeerID == pt.PeerID && rules.bills(l)
		}) {
			peerHold(Hold{Reason: ReasonAlreadyBilled})
			continue
		}
		units := rules.units(minutes)
		if units == 0 {
			peerHold(Hold{Reason: ReasonTooShort})
		}
		from, until := s.Actual.Start, s.Actual.End
		if slices.ContainsFunc(f.Billed, func(l Line) bool {
			return l.PeerID == pt.PeerID && rules.bills(l) && !l.Start.IsZero() && l.Start.Before(until) && from.Before(l.End)
		}) {
			peerHold(Hold{Reason: ReasonOverlapsBilled})
		}
		i := slices.IndexFunc(f.Peers, func(p peer.Peer) bool { return p.ID == pt.PeerID })
		if i < 0 {
			return Readiness{}, fmt.Errorf("billing: review %s: peer %s not among the facts: %w", s.ID, pt.PeerID, ErrInvalid)
		}
		p := f.Peers[i]
		if rules.Requires.SignedNote && !pt.Note.IsZero() && !pt.Note.IsSigned() {
			peerHold(Hold{Reason: ReasonNoteUnsigned})
		}
		if rules.Requires.Credential && pt.Note.IsSigned() {
			if _, ok := inForce(f.Credentials, pt.Note.Signed.SpecialistID, rules.Requires.Credentials, day); !ok {
				peerHold(Hold{Reason: ReasonSignerNotCredentialed})
			}
		}
		if missing := CheckNote(s, pt.PeerID, elements, noteFacts); len(missing) > 0 {
			peerHold(Hold{Reason: ReasonNoteIncomplete, Missing: missing})
		}
		if rules.MinAge > 0 {
			switch {
			case p.BirthDate.IsZero():
				peerHold(Hold{Reason: ReasonNoBirthDate})
			case ageOn(p.BirthDate, day) < rules.MinAge:
				peerHold(Hold{Reason: ReasonAgeBelowMinimum})
			}
		}
		member, memberSystem := "", ""
		if rules.MemberIDSystem != "" {
			member = identifier(p.Identifiers, rules.MemberIDSystem)
		}
		if member != "" {
			memberSystem = rules.MemberIDSystem
		}
		if rules.Requires.MemberID && member == "" {
			peerHold(Hold{Reason: ReasonNoMemberID})
		}
		if rules.Requires.ConsentToBill || (opts != nil && opts.SubstanceUse) {
			d, err := consent.CanDisclose(f.Consents, consent.DisclosureRequest{
				PeerID: pt.PeerID, Recipient: rules.Payer, RecipientClass: consent.RecipientClassHealthPlans,
				Information: []consent.InfoKind{consent.InfoKindBilling}, Purpose: consent.PurposePayment,
				At: f.At, SubstanceUse: opts != nil && opts.SubstanceUse,
			}, &consent.Options{Location: loc})
			if err != nil {
				return Readiness{}, fmt.Errorf("billing: review %s: consent: %w", s.ID, err)
			}
			if !d.Allowed() || !d.Releases(consent.InfoKindBilling) {
				peerHold(Hold{Reason: ReasonNoConsentToBill})
			}
		}
		// The order and the authorization in force, looked up even when
		// not required: they carry the diagnoses.
		order, orderReason := pick(f.Authorizations, AuthorizationKindOrder, pt.PeerID, rules, day, nil, 0)
		if rules.Requires.Order && orderReason != ReasonUnspecified {
			peerHold(Hold{Reason: orderReason})
		}
		auth, authReason := pick(f.Authorizations, AuthorizationKindPrior, pt.PeerID, rules, day, f.Billed, units)
		switch {
		case authReason == ReasonAuthorizationExhausted && rules.Requires.Authorization:
			peerHold(Hold{Reason: authReason, AuthorizationID: auth.ID})
			auth = Authorization{}
		case authReason != ReasonUnspecified:
			if rules.Requires.Authorization {
				peerHold(Hold{Reason: authReason})
			}
			auth = Authorization{}
		case units > 0:
			if left := auth.Units - used(f.Billed, auth.ID); units > left {
				units = left
				peerHold(Hold{Reason: ReasonUnitsCut, AuthorizationID: auth.ID})
			}
		}
		diagnoses := auth.Diagnoses
		if len(diagnoses) == 0 {
			diagnoses = order.Diagnoses
		}
		if rules.Requires.Diagnosis && len(diagnoses) == 0 {
			peerHold(Hold{Reason: ReasonNoDiagnosis})
		}
		for _, c := range rules.Caps {
			from, through := c.period(day)
			n := rules.billedIn(f.Billed, pt.PeerID, from, through)
			if c.Per == PerRollingMonths {
				// Every window that holds the day counts, those ending on
				// a later billed day too: a session billed late must not
				// push any of them over.
				for _, l := range f.Billed {
					if l.ServiceDate.After(day) && l.PeerID == pt.PeerID && rules.bills(l) {
						if from, through := c.period(l.ServiceDate); !from.After(day) {
							n = max(n, rules.billedIn(f.Billed, pt.PeerID, from, through))
						}
					}
				}
			}
			c := c
			switch {
			case n >= c.Units:
				peerHold(Hold{Reason: ReasonCapReached, Cap: &c})
			case units > 0 && n+units > c.Units:
				units = c.Units - n
				peerHold(Hold{Reason: ReasonUnitsCut, Cap: &c})
			}
		}
		if sessionHeld || !(Readiness{Holds: out.Holds[before:]}).Ready() {
			continue
		}
		mods := slices.Clone(rules.Modifiers)
		if s.Kind == session.KindGroup {
			mods = append(mods, rules.Group.Modifiers...)
		}
		pos := ""
		if opts != nil {
			pos = opts.PlaceOfService
		}
		if remote {
			mods = append(mods, rules.Telehealth.Modifiers...)
			pos = ""
			if opts != nil {
				pos = opts.RemotePlaceOfService
			}
		}
		if !placeOfService(pos) {
			return Readiness{}, fmt.Errorf("billing: review %s: the options give no place of service for mode %s: %w", s.ID, s.Mode, ErrInvalid)
		}
		out.Lines = append(out.Lines, Line{
			ID: NewLineID(), RulesID: rules.ID, RulesVersion: rules.Version, Payer: rules.Payer,
			SessionID: s.ID, PeerID: pt.PeerID, MemberID: member, MemberIDSystem: memberSystem, ServiceDate: day,
			Start: s.Actual.Start.UTC(), End: s.Actual.End.UTC(),
			Service: rules.Service, Modifiers: mods, Units: units, Minutes: minutes, PlaceOfService: pos,
			Rendering: s.SpecialistID, RenderingNPI: npi, SupervisingNPI: f.SupervisingNPI,
			BillingProvider: billingProvider(opts), Diagnoses: slices.Clone(diagnoses), AuthorizationID: auth.ID, OrderID: order.ID, AuthorizationNumber: auth.Number, BilledAt: f.At,
		})
	}
	return out, nil
}

func billingProvider(o *Options) peersupport.Identifier {
	if o == nil {
		return peersupport.Identifier{}
	}
	return o.BillingProvider
}

// serviceDate is the day the session started in loc.
func serviceDate(s session.Session, loc *time.Location) peersupport.Date {
	if loc == nil {
		loc = time.UTC
	}
	return peersupport.DateOf(s.When().Start.In(loc))
}

// identifier returns the value of the first identifier in the system.
func identifier(ids []peersupport.Identifier, system string) string {
	for _, id := range ids {
		if id.System == system {
			return id.Value
		}
	}
	return ""
}

// ageOn returns the age in whole years on day of someone born on birth.
func ageOn(birth, day peersupport.Date) int {
	age := day.Year - birth.Year
	if day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day) {
		age--
	}
	return age
}

// inForce returns a credential of the specialist, of one of the codes
// (any, if none), in force on day: active or within its renewal window.
func inForce(creds []certification.Credential, who peer.SpecialistID, codes []string, day peersupport.Date) (certification.Credential, bool) {
	for _, c := range creds {
		if c.SpecialistID != who || (len(codes) > 0 && !slices.Contains(codes, c.Code)) {
			continue
		}
		switch c.Status(day, certification.DefaultStatusPolicy()) {
		case certification.StatusActive, certification.StatusExpiringSoon:
			return c, true
		}
	}
	return certification.Credential{}, false
}

// bills reports whether l was billed to the rules' payer for their
// service, under these rules or another rule set of the payer's: caps
// and double billing count every such line.
func (r Rules) bills(l Line) bool {
	return l.RulesID == r.ID || (l.Payer == r.Payer && l.Service.Code == r.Service.Code)
}

// billedIn returns the units billed to the rules' payer for their
// service for the peer on days from through through.
func (r Rules) billedIn(billed []Line, p peer.ID, from, through peersupport.Date) int {
	n := 0
	for _, l := range billed {
		if l.PeerID == p && r.bills(l) && !l.ServiceDate.Before(from) && !l.ServiceDate.After(through) {
			n += l.Units
		}
	}
	return n
}

// used returns the units billed against the authorization.
func used(billed []Line, id AuthorizationID) int {
	n := 0
	for _, l := range billed {
		if l.AuthorizationID == id {
			n += l.Units
		}
	}
	return n
}

// pick returns the peer's order or prior authorization of the payer for
// the service in force on day, or the reason there is none. Of prior
// authorizations it picks the one ending first that has units for the
// whole line, else the one ending first with units left (the line is then
// cut to them). With billed nil, units are not counted.
func pick(all []Authorization, kind AuthorizationKind, p peer.ID, rules Rules, day peersupport.Date, billed []Line, units int) (Authorization, Reason) {
	var found, current []Authorization
	for _, a := range all {
		if a.Kind != kind || a.PeerID != p || a.Payer != rules.Payer || a.Service != rules.Service.Code {
			continue
		}
		found = append(found, a)
		if a.InForce(day, rules.Requires.OrderValidDays) {
			current = append(current, a)
		}
	}
	missing, expired, exhausted := ReasonNoOrder, ReasonOrderExpired, ReasonUnspecified
	if kind == AuthorizationKindPrior {
		missing, expired, exhausted = ReasonNoAuthorization, ReasonAuthorizationExpired, ReasonAuthorizationExhausted
	}
	switch {
	case len(found) == 0:
		return Authorization{}, missing
	case len(current) == 0:
		return Authorization{}, expired
	}
	slices.SortStableFunc(current, func(a, b Authorization) int {
		return a.Through(rules.Requires.OrderValidDays).Compare(b.Through(rules.Requires.OrderValidDays))
	})
	if kind == AuthorizationKindOrder {
		return current[len(current)-1], ReasonUnspecified
	}
	for _, a := range current {
		if used(billed, a.ID)+units <= a.Units {
			return a, ReasonUnspecified
		}
	}
	for _, a := range current {
		if used(billed, a.ID) < a.Units {
			return a, ReasonUnspecified
		}
	}
	return current[0], exhausted
}

// period returns the first and last day of the cap's period that holds
// day.
func (c Cap) period(day peersupport.Date) (from, through peersupport.Date) {
	switch c.Per {
	case PerWeek:
		back := (int(day.In(time.UTC).Weekday()) + 6) % 7 // days since Monday
		from = day.AddDays(-back)
		return from, from.AddDays(6)
	case PerMonth:
		from = peersupport.Date{Year: day.Year, Month: day.Month, Day: 1}
		return from, from.AddDate(0, 1, -1)
	case PerCalendarYear:
		return peersupport.Date{Year: day.Year, Month: time.January, Day: 1}, peersupport.Date{Year: day.Year, Month: time.December, Day: 31}
	case PerRollingMonths:
		// The same day Months months back, clamped to that month's end
		// (six months before August 31 is February 28, not March 3),
		// then the day after.
		t := time.Date(day.Year, day.Month-time.Month(c.Months), 1, 0, 0, 0, 0, time.UTC)
		last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		back := peersupport.Date{Year: t.Year(), Month: t.Month(), Day: min(day.Day, last)}
		return back.AddDays(1), day
	}
	return day, day
}

package fhir

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

// ExportAssessment maps a completed assessment to a QuestionnaireResponse
// (questionnaire Base+"/Questionnaire/<instrument>", one item per answer
// with linkId the item number and the item's text, the peer as subject
// and the specialist, if one recorded it, as author) and an Observation of
// the total score (code "<instrument>.total" in [SystemInstrument],
// category survey, derived from the response). The instrument must be
// the one the assessment names (plan.BARC10 for "barc-10").
//
// It returns an error wrapping [ErrInvalid] for an invalid assessment, a
// nil or another instrument, or answers the instrument cannot score.
func ExportAssessment(a plan.Assessment, inst plan.Instrument) (QuestionnaireResponse, Observation, error) {
	fail := func(err error) (QuestionnaireResponse, Observation, error) {
		return QuestionnaireResponse{}, Observation{}, fmt.Errorf("fhir: export assessment %s: %w: %w", a.ID, ErrInvalid, err)
	}
	if err := a.Validate(); err != nil {
		return fail(err)
	}
	if inst == nil {
		return fail(fmt.Errorf("no instrument"))
	}
	info := inst.Info()
	if info.Code != a.Instrument {
		return fail(fmt.Errorf("instrument %s, not %s", info.Code, a.Instrument))
	}
	score, err := inst.Score(a.Answers)
	if err != nil {
		return fail(err)
	}
	texts := map[int]string{}
	for _, it := range info.Items {
		texts[it.Number] = it.Text
	}
	qr := QuestionnaireResponse{
		Type:          "QuestionnaireResponse",
		ID:            a.ID.String(),
		Identifier:    &Identifier{System: IDSystem + "assessment", Value: a.ID.String()},
		Questionnaire: Base + "/Questionnaire/" + a.Instrument,
		Status:        "completed",
		Subject:       ref(a.PeerID.String()),
		Authored:      date(a.TakenOn),
	}
	if !a.SpecialistID.IsZero() {
		qr.Author = ref(a.SpecialistID.String())
	}
	for _, ans := range a.Answers {
		v := ans.Value
		qr.Item = append(qr.Item, QuestionnaireResponseItem{
			LinkID: strconv.Itoa(ans.Item), Text: texts[ans.Item],
			Answer: []QuestionnaireResponseAnswer{{ValueInteger: &v}},
		})
	}
	total := score.Total
	obs := Observation{
		Type:              "Observation",
		ID:                derived(a.ID.UUID(), "Observation/total"),
		Meta:              profile(ProfileScreening),
		Status:            "final",
		Category:          []CodeableConcept{concept(SystemObservationCategory, "survey", "Survey")},
		Code:              concept(SystemInstrument, a.Instrument+".total", strings.ToUpper(a.Instrument)+" total score"),
		Subject:           ref(a.PeerID.String()),
		EffectiveDateTime: date(a.TakenOn),
		ValueInteger:      &total,
		DerivedFrom:       []Reference{*ref(qr.ID)},
	}
	if !a.SpecialistID.IsZero() {
		obs.Performer = []Reference{*ref(a.SpecialistID.String())}
	}
	return qr, obs, nil
}

// ImportQuestionnaireResponse applies a FHIR QuestionnaireResponse, an
// instrument taken in the EHR (a BARC-10), to an assessment: the ID (from
// the assessment identifier, or the id of a response this library
// wrote), the peer (subject), who helped (author, a specialist), the day
// it was taken (authored) and the answers (items whose linkId is an item
// number of the instrument, answered with valueInteger), with the EHR's
// own id kept as an identifier (see [ImportOptions]). The questionnaire
// must be the instrument's, Base+"/Questionnaire/"+code (a "|version"
// after it is allowed). Items the instrument does not have, answers of
// another type and unknown extensions are left out with a [Warning].
//
// It returns an error wrapping [ErrInvalid] for another resource type, a
// nil instrument or another questionnaire, a response not completed
// (in-progress, stopped, entered-in-error), an ID or peer that disagrees
// with into's, answers the instrument cannot score (an item unanswered,
// a value out of its scale), or an assessment that fails validation.
func ImportQuestionnaireResponse(r QuestionnaireResponse, into plan.Assessment, inst plan.Instrument, opts *ImportOptions) (plan.Assessment, []Warning, error) {
	im := newImporter("QuestionnaireResponse", opts)
	bad := func(field string) (plan.Assessment, []Warning, error) {
		return plan.Assessment{}, im.warnings, im.invalid(into.ID.String(), field)
	}
	if field := im.check(r.Type); field != "" {
		return bad(field)
	}
	if inst == nil {
		return bad("instrument")
	}
	info := inst.Info()
	if q, _, _ := strings.Cut(r.Questionnaire, "|"); q != Base+"/Questionnaire/"+info.Code {
		return bad("questionnaire")
	}
	if r.Status != "completed" && r.Status != "amended" {
		return bad("status")
	}
	a := into.Clone()
	a.Instrument = info.Code
	var ids []Identifier
	if r.Identifier != nil {
		ids = []Identifier{*r.Identifier}
	}
	var ok bool
	if a.ID, ok = ownKey(im, "assessment", r.ID, ids, into.ID, plan.ParseAssessmentID); !ok {
		return bad("id")
	}
	a.Identifiers = im.identifiers("assessment", ehrID(r.ID, a.ID.String()), ids)
	im.extensions(r.Extension)
	if a.PeerID, ok = refKey(im, "subject", r.Subject, "Patient", into.PeerID, peer.ParseID); !ok {
		return bad("subject")
	}
	if r.Author != nil {
		author, _ := refID(r.Author, "Practitioner")
		if sid, err := peer.ParseSpecialistID(author); err == nil {
			a.SpecialistID = sid
		} else {
			im.warn("author", WarningUnreadable)
		}
	}
	if taken := im.date("authored", r.Authored); !taken.IsZero() {
		a.TakenOn = taken
	}
	numbers := map[string]int{}
	for _, it := range info.Items {
		numbers[strconv.Itoa(it.Number)] = it.Number
	}
	a.Answers = nil
	for i, it := range r.Item {
		n, ok := numbers[it.LinkID]
		if !ok {
			im.warn(fmt.Sprintf("item[%d]", i), WarningUnknownCode)
			continue
		}
		if len(it.Answer) != 1 || it.Answer[0].ValueInteger == nil {
			im.warn(fmt.Sprintf("item[%d].answer", i), WarningUnreadable)
			continue
		}
		a.Answers = append(a.Answers, plan.Answer{Item: n, Value: *it.Answer[0].ValueInteger})
	}
	if _, err := inst.Score(a.Answers); err != nil {
		return plan.Assessment{}, im.warnings, fmt.Errorf("fhir: import questionnaire response %s: %w: %w", a.ID, ErrInvalid, err)
	}
	if err := a.Validate(); err != nil {
		return plan.Assessment{}, im.warnings, fmt.Errorf("fhir: import questionnaire response %s: %w: %w", a.ID, ErrInvalid, err)
	}
	return a, im.warnings, nil
}

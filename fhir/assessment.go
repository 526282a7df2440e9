package fhir

import (
	"fmt"
	"strconv"
	"strings"

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

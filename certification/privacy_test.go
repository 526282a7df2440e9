package certification_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport/certification"
)

func TestNoPersonalDetailsInStringsLogsOrErrors(t *testing.T) {
	const secret = "Jane Roe"
	rec := ready()
	rec.Trainings[0].Provider = secret + " Coaching"
	rec.Experience[0].Organisation = secret + " Clinic"
	c := held()
	c.Number = secret

	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("record", "record", rec, "credential", c)
	out := fmt.Sprintf("%v %+v %#v %v %+v %#v", rec, rec, rec, c, c, c) + buf.String()

	bad := rec.Clone()
	bad.Trainings[0].Title = " " + secret
	bad.Experience[0].Hours = -1
	badCred := c
	badCred.Expires = c.Issued
	var errs []error
	errs = append(errs, bad.Validate(), badCred.Validate())
	_, err := certification.Evaluate(bad, certification.ICRCPeerRecovery(), asOf)
	errs = append(errs, err)
	errs = append(errs, badCred.Renew(asOf, asOf, certification.DefaultStatusPolicy()))
	_, err = certification.DefaultCatalog().Lookup(secret)
	errs = append(errs, err)
	_, err = certification.ParseCredit(secret)
	errs = append(errs, err)
	_, err = certification.DecodeDefinitions(strings.NewReader(`{"name": "` + secret + `", "code": 7}`))
	errs = append(errs, err)
	for _, err := range errs {
		if assert.Error(t, err) {
			out += " " + err.Error()
		}
	}
	assert.NotContains(t, out, "Jane")
	assert.NotContains(t, out, "Roe")
	assert.Contains(t, out, rec.SpecialistID.String(), "IDs are what identifies a record")
}

package peersupport_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport"
)

func TestValidNPI(t *testing.T) {
	for _, tc := range []struct {
		npi  string
		want bool
	}{
		{"1234567893", true}, // CMS's worked example of the check digit
		{"9941339100", true}, // US Core's example practitioner
		{"1144221847", true},
		{"1234567890", false}, // wrong check digit
		{"1922334455", false},
		{"123456789", false},   // nine digits
		{"12345678931", false}, // eleven
		{"123456789X", false},
		{"", false},
	} {
		assert.Equal(t, tc.want, peersupport.ValidNPI(tc.npi), tc.npi)
	}
}

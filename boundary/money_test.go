package boundary_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/boundary"
)

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		text string
		want boundary.Money
	}{
		{"25.00 USD", boundary.USD(2500)},
		{"0.05 USD", boundary.USD(5)},
		{"1234.50 EUR", boundary.Money{Minor: 123450, Currency: "EUR"}},
		{"3000 JPY", boundary.Money{Minor: 3000, Currency: "JPY"}},
		{"0.00 CAD", boundary.Money{Minor: 0, Currency: "CAD"}},
	} {
		got, err := boundary.ParseMoney(tc.text)
		require.NoError(t, err, tc.text)
		assert.Equal(t, tc.want, got)
		assert.Equal(t, tc.text, got.String(), "round trip")
	}
	for _, bad := range []string{"", "25 USD", "25.0 USD", "25.000 USD", "25.00", "25.00 usd", "25.00 XXX", "-1.00 USD",
		"25,00 EUR", "1.5 JPY", "+1.00 USD", "99999999999999999999.00 USD", "25.00  USD", " 25.00 USD"} {
		_, err := boundary.ParseMoney(bad)
		assert.ErrorIs(t, err, boundary.ErrInvalid, "%q", bad)
	}

	c, err := boundary.USD(2501).Compare(boundary.USD(2500))
	require.NoError(t, err)
	assert.Equal(t, 1, c)
	_, err = boundary.USD(1).Compare(boundary.Money{Minor: 1, Currency: "EUR"})
	assert.ErrorIs(t, err, boundary.ErrInvalid)

	type wrap struct {
		V boundary.Money `json:"v,omitzero"`
	}
	b, err := json.Marshal(wrap{boundary.USD(1999)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"v":"19.99 USD"}`, string(b))
	b, err = json.Marshal(wrap{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b), "zero money is omitted")
	var w wrap
	require.NoError(t, json.Unmarshal([]byte(`{"v":"5.00 GBP"}`), &w))
	assert.Equal(t, boundary.Money{Minor: 500, Currency: "GBP"}, w.V)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"v":"5.5 GBP"}`), &w), boundary.ErrInvalid)
	_, err = json.Marshal(wrap{boundary.Money{Minor: -1, Currency: "USD"}})
	assert.ErrorIs(t, err, boundary.ErrInvalid)
}

package rules

import "testing"

func TestSsmActivationExpiry(t *testing.T) {
	checkRule(t, SsmActivationExpiry, "aws:ssm/activation:Activation",
		map[string]any{"expirationDate": "2026-12-20T00:00:00Z", "registrationLimit": 4}, []mutation{
			{name: "an expiring, limited activation passes"},
			{name: "no expiry fails", set: map[string]any{"expirationDate": nil}, wantFail: "expirationDate is unset"},
			{name: "no registration limit fails", set: map[string]any{"registrationLimit": nil}, wantFail: "registrationLimit is unset"},
		})
}

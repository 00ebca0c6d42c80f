package rules

import "testing"

func TestEcrKMS(t *testing.T) {
	checkRule(t, EcrKMS, ecrRepository, okEcr, []mutation{
		{name: "KMS passes"},
		{name: "AES256 fails", set: map[string]any{"encryptionConfigurations": []any{map[string]any{"encryptionType": "AES256"}}}, wantFail: `encryptionType is "AES256"`},
		{name: "the AES256 default fails", set: map[string]any{"encryptionConfigurations": nil}, wantFail: "encryptionType is unset"},
	})
}

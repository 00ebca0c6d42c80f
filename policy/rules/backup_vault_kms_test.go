package rules

import "testing"

func TestBackupVaultKMS(t *testing.T) {
	checkRule(t, BackupVaultKMS, "aws:backup/vault:Vault", map[string]any{"kmsKeyArn": "arn:aws:kms:us-east-1:111111111111:key/backup"}, []mutation{
		{name: "a CMK passes"},
		{name: "no CMK fails", set: map[string]any{"kmsKeyArn": nil}, wantFail: "kmsKeyArn is unset"},
	})
}

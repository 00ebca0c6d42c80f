package rules

import (
	"strings"
	"testing"
)

// separatedKeyPolicy is the compute key's policy as the program builds it, with the key-administrator
// statement issue 21 adds: the way a compliant key policy of the program looks.
func separatedKeyPolicy(t *testing.T) string {
	doc := inputsOf(t, "prod", kmsKey, "prod-compute")["policy"].(string)
	admins := `{"Sid":"KeyAdministrators","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/platform-key-admin"},` +
		`"Action":["kms:CreateAlias","kms:Describe*","kms:Enable*","kms:List*","kms:Put*","kms:Update*","kms:Revoke*","kms:Disable*","kms:Get*","kms:Delete*",` +
		`"kms:TagResource","kms:UntagResource","kms:ScheduleKeyDeletion","kms:CancelKeyDeletion"],"Resource":"*"}`
	return strings.Replace(doc, `"Statement":[`, `"Statement":[`+admins+`,`, 1)
}

func TestKmsKeyRotation(t *testing.T) {
	for _, name := range namesOf(t, kmsKey) {
		checkRule(t, KmsKeyRotation, kmsKey, inputsOf(t, "prod", kmsKey, name), []mutation{
			{name: name + " rotating passes"},
			{name: name + " not rotating fails", set: map[string]any{"enableKeyRotation": false}, wantFail: "enableKeyRotation is false; want true"},
			{name: name + " SYMMETRIC_DEFAULT not rotating fails", set: map[string]any{"enableKeyRotation": nil, "customerMasterKeySpec": "SYMMETRIC_DEFAULT"}, wantFail: "enableKeyRotation is unset"},
			{name: name + " an asymmetric key cannot rotate", set: map[string]any{"enableKeyRotation": nil, "customerMasterKeySpec": "RSA_2048"}},
			{name: name + " an unknown spec is re-checked", set: map[string]any{"customerMasterKeySpec": unknown}, wantUnknown: "customerMasterKeySpec"},
		})
	}
}

func TestKmsKeyNotPublic(t *testing.T) {
	checkRule(t, KmsKeyNotPublic, kmsKey, inputsOf(t, "prod", kmsKey, "prod-foundation-audit-logs"), []mutation{
		{name: "the logs key passes"},
		{name: "everyone fails", set: map[string]any{"policy": stmt(`{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}`)}, wantFail: `policy statement "Open" allows everyone kms:Decrypt with no restricting condition`},
		{name: "AWS * fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"kms:*","Resource":"*"}`)}, wantFail: "allows everyone kms:*"},
		{name: "everyone of the account passes", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012"}}}`)}},
		{name: "a deny of everyone passes", set: map[string]any{"policy": stmt(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}`)}},
		{name: "an unknown policy is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
	})
	checkRule(t, KmsKeyNotPublic, kmsKeyPolicy, map[string]any{"keyId": "k", "policy": stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}`)}, []mutation{
		{name: "a separate key policy is read", wantFail: "allows everyone"},
	})
}

func TestKmsKeyAdminsSeparated(t *testing.T) {
	// Every key of the program has its policy built by keys.Policy and passes as declared.
	for _, name := range namesOf(t, kmsKey) {
		checkRule(t, KmsKeyAdminsSeparated, kmsKey, inputsOf(t, "prod", kmsKey, name), []mutation{{name: name + " passes as the program declares it"}})
	}
	checkRule(t, KmsKeyAdminsSeparated, kmsKey, inputsOf(t, "prod", kmsKey, "prod-compute"), []mutation{
		{name: "the compute key with a key-administrator statement passes", set: map[string]any{"policy": separatedKeyPolicy(t)}},
		{name: "the root statement alone fails twice", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}`)},
			wantFail: "policy names no key", wantFails: 2},
		{name: "no policy fails", set: map[string]any{"policy": nil}, wantFail: "policy is unset: AWS's default policy lets the account root"},
		{name: "users without administrators fail", set: map[string]any{"policy": stmt(
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/app"},"Action":"kms:Decrypt","Resource":"*"}`)}, wantFail: "policy names no key administrators apart from key users"},
		{name: "administrators without users fail", set: map[string]any{"policy": stmt(
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/admin"},"Action":["kms:PutKeyPolicy","kms:ScheduleKeyDeletion"],"Resource":"*"}`)},
			wantFail: "policy names no key users apart from key administrators"},
		{name: "a role that administers and uses fails", set: map[string]any{"policy": stmt(
			`{"Sid":"Both","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/admin"},"Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/admin2"},"Action":"kms:DisableKey","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"Service":"logs.amazonaws.com"},"Action":"kms:GenerateDataKey","Resource":"*"}`)},
			wantFail: `policy statement "Both" both administers and uses the key`},
		{name: "a deny is neither", set: map[string]any{"policy": stmt(
			`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::1:role/admin"},"Action":"kms:CancelKeyDeletion","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/user"},"Action":"kms:Sign","Resource":"*"}`)},
			wantFail: "names no key administrators"},
		{name: "an unknown policy is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
	})
	var each []mutation
	for _, a := range keyAdminActions {
		each = append(each, mutation{name: a + " alone makes an administrator", set: map[string]any{"policy": stmt(
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/admin"},"Action":"`+a+`","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/user"},"Action":"kms:Decrypt","Resource":"*"}`)}})
	}
	for _, a := range keyUseActions {
		each = append(each, mutation{name: a + " alone makes a user", set: map[string]any{"policy": stmt(
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/admin"},"Action":"kms:PutKeyPolicy","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/user"},"Action":"`+a+`","Resource":"*"}`)}},
			mutation{name: a + " beside administration is both", set: map[string]any{"policy": stmt(
				`{"Sid":"Mixed","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/admin"},"Action":["kms:ScheduleKeyDeletion","`+a+`"],"Resource":"*"}`,
				`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/a2"},"Action":"kms:PutKeyPolicy","Resource":"*"}`,
				`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/user"},"Action":"kms:Encrypt","Resource":"*"}`)}, wantFail: `statement "Mixed" both administers and uses`})
	}
	checkRule(t, KmsKeyAdminsSeparated, kmsKey, inputsOf(t, "prod", kmsKey, "prod-compute"), each)
	checkRule(t, KmsKeyAdminsSeparated, kmsKeyPolicy, map[string]any{"keyId": "k", "policy": separatedKeyPolicy(t)}, []mutation{
		{name: "a separate key policy without a policy has neither", set: map[string]any{"policy": nil}, wantFail: "policy names no key", wantFails: 2},
		{name: "a separate key policy with both passes"},
		{name: "a separate key policy without administrators fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/u"},"Action":"kms:Verify","Resource":"*"}`)},
			wantFail: "names no key administrators"},
	})
}

func TestKmsKeyNoLockoutBypass(t *testing.T) {
	checkRule(t, KmsKeyNoLockoutBypass, kmsKey, inputsOf(t, "prod", kmsKey, "prod-db"), []mutation{
		{name: "unset passes"},
		{name: "bypassing fails", set: map[string]any{"bypassPolicyLockoutSafetyCheck": true}, wantFail: "bypassPolicyLockoutSafetyCheck is true; want false"},
	})
}

func TestKmsKeyDescription(t *testing.T) {
	checkRule(t, KmsKeyDescription, kmsKey, inputsOf(t, "prod", kmsKey, "prod-db"), []mutation{
		{name: "a description passes"},
		{name: "none fails", set: map[string]any{"description": nil}, wantFail: "description is unset"},
	})
}

func TestKmsKeyDeletionSafeguards(t *testing.T) {
	checkRule(t, KmsKeyDeletionSafeguards, kmsKey, inputsOf(t, "prod", kmsKey, "prod-db"), []mutation{
		{name: "30 days and protected pass", protect: true},
		{name: "unset is 30 days", protect: true, set: map[string]any{"deletionWindowInDays": nil}},
		{name: "29 days fail", protect: true, set: map[string]any{"deletionWindowInDays": 29}, wantFail: "deletionWindowInDays is 29; want 30"},
		{name: "7 days unprotected fail twice", set: map[string]any{"deletionWindowInDays": 7}, wantFail: "; want", wantFails: 2},
		{name: "unprotected fails", wantFail: "protect is false; want pulumi.Protect(true)"},
		{name: "unknown is re-checked", protect: true, set: map[string]any{"deletionWindowInDays": unknown}, wantUnknown: "deletionWindowInDays"},
	})
}

func TestSecretsManagerRotation(t *testing.T) {
	addSecret := func(name string) func(s *stack) {
		return func(s *stack) { s.add(smSecret, name, map[string]any{"name": name, "kmsKeyId": "k"}) }
	}
	checkStack(t, SecretsManagerRotation, []stackCase{
		{name: "the program declares no secret of its own"},
		{name: "a secret without rotation fails", edit: addSecret("prod-api-key"), on: "prod-api-key", wantFail: "no aws:secretsmanager/secretRotation:SecretRotation has secretId = this secret"},
		{name: "a rotated secret passes", edit: func(s *stack) {
			addSecret("prod-api-key")(s)
			s.add(secretRotation, "prod-api-key", map[string]any{"secretId": unknown, "rotationRules": map[string]any{"automaticallyAfterDays": 30}}).
				dep(secretRotation, "prod-api-key", "secretId", smSecret, "prod-api-key")
		}},
		{name: "a pull-through cache credential is excepted", edit: addSecret("ecr-pullthroughcache/docker-hub")},
		{name: "a pull-through cache credential by prefix is excepted", edit: func(s *stack) {
			s.add(smSecret, "dh", map[string]any{"namePrefix": "ecr-pullthroughcache/docker-hub-"})
		}},
		{name: "a name that only contains the prefix is not", edit: addSecret("prod/ecr-pullthroughcache/x"), on: "prod/ecr-pullthroughcache/x", wantFail: "no aws:secretsmanager"},
	})
}

func TestSecretsManagerRotationInterval(t *testing.T) {
	checkRule(t, SecretsManagerRotationInterval, secretRotation, map[string]any{"secretId": "s", "rotationRules": map[string]any{"automaticallyAfterDays": 30}}, []mutation{
		{name: "30 days pass"},
		{name: "90 days pass", set: map[string]any{"rotationRules.automaticallyAfterDays": 90}},
		{name: "91 days fail", set: map[string]any{"rotationRules.automaticallyAfterDays": 91}, wantFail: "rotates every 91 days; want at most 90"},
		{name: "a 7-day rate passes", set: map[string]any{"rotationRules": map[string]any{"scheduleExpression": "rate(7 days)"}}},
		{name: "a 1-day rate passes", set: map[string]any{"rotationRules": map[string]any{"scheduleExpression": "rate(1 day)"}}},
		{name: "a 120-day rate fails", set: map[string]any{"rotationRules": map[string]any{"scheduleExpression": "rate(120 days)"}}, wantFail: "rotates every 120 days"},
		{name: "an hourly rate is no day count", set: map[string]any{"rotationRules": map[string]any{"scheduleExpression": "rate(4 hours)"}}, wantFail: "rotationRules set no interval"},
		{name: "a cron schedule is not evaluated", set: map[string]any{"rotationRules": map[string]any{"scheduleExpression": "cron(0 8 1 * ? *)"}}},
		{name: "no interval fails", set: map[string]any{"rotationRules": map[string]any{}}, wantFail: "rotationRules set no interval"},
		{name: "unknown days are re-checked", set: map[string]any{"rotationRules.automaticallyAfterDays": unknown}, wantUnknown: "rotationRules"},
		{name: "an unknown schedule is re-checked", set: map[string]any{"rotationRules.scheduleExpression": unknown}, wantUnknown: "rotationRules"},
	})
}

func TestSecretsManagerSecretCMK(t *testing.T) {
	checkRule(t, SecretsManagerSecretCMK, smSecret, map[string]any{"name": "prod-api-key", "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1"}, []mutation{
		{name: "a customer key passes"},
		{name: "no key fails", set: map[string]any{"kmsKeyId": nil}, wantFail: "kmsKeyId is unset: AWS uses its managed aws/secretsmanager key"},
		{name: "aws/secretsmanager fails", set: map[string]any{"kmsKeyId": "alias/aws/secretsmanager"}, wantFail: "the AWS-managed key"},
	})
}

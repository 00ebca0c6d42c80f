package keys

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	account  = "123456789012"
	deployer = "arn:aws:iam::123456789012:role/deployer"
	reader   = "arn:aws:iam::123456789012:role/claims-api-task"
)

func statements(t *testing.T, p Policy) map[string]map[string]any {
	t.Helper()
	doc, err := p.JSON()
	require.NoError(t, err)
	var policy struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(doc), &policy))
	out := map[string]map[string]any{}
	for _, s := range policy.Statement {
		out[s["Sid"].(string)] = s
	}
	return out
}

func filesKey() Policy {
	return Policy{
		Account:        account,
		Administrators: []string{deployer},
		Users: []User{{Sid: "ClaimsReads", Principals: []string{reader}, Actions: []string{"kms:Decrypt"},
			ViaServices: []string{"s3.us-east-1.amazonaws.com"},
			Conditions:  map[string]any{"ArnLike": map[string]any{"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::files"}}}},
		Services: []Service{{Sid: "LogsUse", Principals: []string{"logs.us-east-1.amazonaws.com"}, Actions: []string{"kms:Encrypt*"},
			Conditions: map[string]any{"ArnLike": map[string]any{"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:*"}}}},
	}
}

func TestAdministratorsManageTheKeyButCannotUseItOrGrantItsUse(t *testing.T) {
	s := statements(t, filesKey())
	admin := s["KeyAdministration"]
	assert.Equal(t, map[string]any{"AWS": []any{deployer}}, admin["Principal"])
	for _, a := range admin["Action"].([]any) {
		assert.NotContains(t, []any{"kms:*", "kms:Create*", "kms:CreateGrant", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"}, a,
			"an administrator must not use the key or grant its use")
	}
	assert.Contains(t, admin["Action"], "kms:Put*", "kms:PutKeyPolicy lets the deployer keep the policy up to date")
	grants := s["AdministratorsLetAWSServicesUseTheKeyForTheirResources"]
	assert.Equal(t, map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}}, grants["Condition"])
	for _, st := range s {
		assert.NotEqual(t, map[string]any{"AWS": "arn:aws:iam::123456789012:root"}, st["Principal"], "nothing delegates the key to IAM")
	}
}

func TestUsersUseTheKeyOnlyThroughTheirServicesFromThisAccount(t *testing.T) {
	use := statements(t, filesKey())["ClaimsReads"]
	assert.Equal(t, []any{"kms:Decrypt"}, use["Action"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"kms:ViaService": []any{"s3.us-east-1.amazonaws.com"}, "kms:CallerAccount": account},
		"ArnLike":      map[string]any{"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::files"},
	}, use["Condition"])
	_, grants := statements(t, filesKey())["ClaimsReadsGrants"]
	assert.False(t, grants, "no grants unless asked")

	p := filesKey()
	p.Users[0].Grants, p.Users[0].Actions = true, nil
	s := statements(t, p)
	assert.Equal(t, []any{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}, s["ClaimsReads"]["Action"])
	assert.Equal(t, true, s["ClaimsReadsGrants"]["Condition"].(map[string]any)["Bool"].(map[string]any)["kms:GrantIsForAWSResource"])
}

func TestOnlyTheBreakGlassRoleMayDestroyTheKey(t *testing.T) {
	_, present := statements(t, filesKey())["OnlyBreakGlassDestroysTheKey"]
	assert.False(t, present)
	p := filesKey()
	p.BreakGlass = "arn:aws:iam::123456789012:role/break-glass"
	deny := statements(t, p)["OnlyBreakGlassDestroysTheKey"]
	assert.Equal(t, "Deny", deny["Effect"])
	assert.Equal(t, []any{"kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DeleteImportedKeyMaterial"}, deny["Action"])
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": p.BreakGlass}}, deny["Condition"])
}

func TestAnIncompletePolicyIsRefused(t *testing.T) {
	tests := map[string]struct {
		edit func(*Policy)
		want string
	}{
		"no administrator":          {func(p *Policy) { p.Administrators = nil }, "at least one administrator"},
		"a user without a service":  {func(p *Policy) { p.Users[0].ViaServices = nil }, `user "ClaimsReads": a Sid, principals and the services`},
		"a service without a guard": {func(p *Policy) { p.Services[0].Conditions = nil }, `service "LogsUse": a Sid, principals, actions and conditions`},
		"a statement named twice":   {func(p *Policy) { p.Services[0].Sid = "ClaimsReads" }, `statement "ClaimsReads" is named twice`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := filesKey()
			tt.edit(&p)
			_, err := p.JSON()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "keys: policy: ")
		})
	}
}

func TestRolesDeclaredAfterTheKeyAreMatchedByARNUnderThisAccount(t *testing.T) {
	p := filesKey()
	p.Users[0].Principals = nil
	p.Users[0].PrincipalPatterns = []string{RolePattern("aws", account, "prod-backup")}
	p.Users[0].Grants = true
	s := statements(t, p)
	use := s["ClaimsReads"]
	assert.Equal(t, map[string]any{"AWS": "*"}, use["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"kms:ViaService": []any{"s3.us-east-1.amazonaws.com"}, "kms:CallerAccount": account},
		"ArnLike": map[string]any{"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::files",
			"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/prod-backup-*"}},
	}, use["Condition"])
	assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/prod-backup-*"}},
		s["ClaimsReadsGrants"]["Condition"].(map[string]any)["ArnLike"], "grants too are for the matched roles only")
	assert.Equal(t, map[string]any{"ArnLike": map[string]any{"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::files"}},
		filesKey().Users[0].Conditions, "the caller's conditions are not changed")
}

func TestDirectUsersCallKMSThemselvesWithoutAServiceCondition(t *testing.T) {
	p := filesKey()
	p.Users[0].ViaServices, p.Users[0].Direct = nil, true
	assert.Equal(t, map[string]any{"kms:CallerAccount": account},
		statements(t, p)["ClaimsReads"]["Condition"].(map[string]any)["StringEquals"])
}

func TestACrossAccountUserCallsFromItsOwnAccountAndOnlyThroughItsServices(t *testing.T) {
	p := filesKey()
	p.Users = append(p.Users, User{Sid: "BackupAccountCopies", Principals: []string{"arn:aws:iam::444455556666:root"},
		Actions: []string{"kms:Decrypt"}, ViaServices: []string{"backup.us-east-1.amazonaws.com"}, Grants: true, CallerAccount: "444455556666"})
	s := statements(t, p)
	for _, sid := range []string{"BackupAccountCopies", "BackupAccountCopiesGrants"} {
		assert.Equal(t, map[string]any{"kms:ViaService": []any{"backup.us-east-1.amazonaws.com"}, "kms:CallerAccount": "444455556666"},
			s[sid]["Condition"].(map[string]any)["StringEquals"], sid)
	}
	assert.Equal(t, account, s["ClaimsReads"]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["kms:CallerAccount"],
		"the other users still call from the key's account")
}

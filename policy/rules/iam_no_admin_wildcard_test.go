package rules

import "testing"

func TestIamNoAdminWildcard(t *testing.T) {
	scoped := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}`
	admin := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	checkRule(t, IamNoAdminWildcard, "aws:iam/rolePolicy:RolePolicy", map[string]any{"policy": scoped}, []mutation{
		{name: "scoped actions pass"},
		{name: "a single admin statement fails", set: map[string]any{"policy": admin}, wantFail: `policy allows Action "*" on Resource "*"`},
		{name: "a policy unknown at preview is reported", set: map[string]any{"policy": unknown}, wantUnknown: "policy is unknown"},
	})
	checkRule(t, IamNoAdminWildcard, "aws:iam/role:Role", map[string]any{"inlinePolicies": []any{map[string]any{"name": "a", "policy": scoped}}}, []mutation{
		{name: "a scoped inline policy passes"},
		{name: "an admin inline policy fails", set: map[string]any{"inlinePolicies": []any{map[string]any{"name": "a", "policy": admin}}}, wantFail: "inlinePolicies[0].policy allows"},
	})
}

package rules

import "testing"

func TestSsmDocumentNotPublic(t *testing.T) {
	checkRule(t, SsmDocumentNotPublic, "aws:ssm/document:Document", map[string]any{"documentType": "Command"}, []mutation{
		{name: "an unshared document passes"},
		{name: "sharing with one account passes", set: map[string]any{"permissions": map[string]any{"type": "Share", "accountIds": "111111111111"}}},
		{name: "sharing with All fails", set: map[string]any{"permissions": map[string]any{"type": "Share", "accountIds": "All"}}, wantFail: `permissions.accountIds is "All"`},
	})
}

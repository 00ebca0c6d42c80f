package rules

import "testing"

func TestAsgMultiAZ(t *testing.T) {
	checkRule(t, AsgMultiAZ, "aws:autoscaling/group:Group", map[string]any{"vpcZoneIdentifiers": []any{unknown, unknown}}, []mutation{
		{name: "two subnets unknown at preview pass: their count is known"},
		{name: "one subnet fails", set: map[string]any{"vpcZoneIdentifiers": []any{"subnet-1"}}, wantFail: "vpcZoneIdentifiers has 1 subnet(s); want at least 2"},
	})
}

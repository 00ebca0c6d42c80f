package rules

import "testing"

func TestRdsForceSSL(t *testing.T) {
	ok := map[string]any{"family": "postgres16", "parameters": []any{map[string]any{"name": "rds.force_ssl", "value": "1"}}}
	checkRule(t, RdsForceSSL, "aws:rds/parameterGroup:ParameterGroup", ok, []mutation{
		{name: "force_ssl 1 passes"},
		{name: "force_ssl 0 fails", set: map[string]any{"parameters": []any{map[string]any{"name": "rds.force_ssl", "value": "0"}}}, wantFail: `rds.force_ssl is "0"`},
		{name: "a missing parameter fails", set: map[string]any{"parameters": nil}, wantFail: "parameters has no rds.force_ssl"},
		{name: "a MySQL group is out of scope", set: map[string]any{"family": "mysql8.0", "parameters": nil}},
	})
}

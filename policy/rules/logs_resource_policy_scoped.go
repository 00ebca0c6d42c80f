package rules

import (
	"slices"
	"strings"
)

// LogsResourcePolicyScoped keeps CloudWatch Logs resource policies to named log groups and pinned services.
// Such a policy belongs to the account and region, not to a group: a broad one lets every delivery (of any
// account, when unpinned) write into every group, the audit logs included.
var LogsResourcePolicyScoped = Rule{
	ID: "logs-resource-policy-scoped", Controls: []string{"custom (issue 21)"}, Severity: High,
	Description: "Every Allow of a CloudWatch Logs resource policy names its log groups (Resource arn:<partition>:logs:<region>:<account>:log-group:<name>, wildcards only after the name; no \"*\", no NotResource), grants no one Principal \"*\", and pins each service principal with aws:SourceAccount and aws:SourceArn, which CloudWatch Logs supports (CloudWatch Logs API Reference, \"PutResourcePolicy\"). The account's 10 policies per region are shared by every stack in it.",
	Remediation: "declare the policy through internal/deploy/logdelivery: Resource each group's ARN + \":log-stream:*\", Condition StringEquals aws:SourceAccount and ArnLike aws:SourceArn",
	Types:       []string{logResourcePolicy},
	Reads:       map[string][]string{logResourcePolicy: {"policyDocument"}},
	Resource: func(r Resource, f *Findings) {
		doc, _ := policyText(r, f, "policyDocument") // an unknown or invalid document has no statements
		for i, s := range doc.Statements {
			if !s.allows() {
				continue
			}
			name := statementName(i, s)
			if s.everyone() {
				f.Fail(r, "policyDocument statement %s allows everyone (Principal \"*\")", name)
			}
			if s.HasNotResource {
				f.Fail(r, "policyDocument statement %s uses NotResource %v: it reaches every log group but those", name, s.NotResources)
			}
			for _, res := range s.Resources {
				if !namesLogGroup(res) {
					f.Fail(r, "policyDocument statement %s resource %q names no single log group of one account and region", name, res)
				}
			}
			for _, svc := range s.Principals["Service"] {
				var missing []string
				for _, k := range []string{"aws:SourceAccount", "aws:SourceArn"} {
					if !s.hasConditionKey(k) {
						missing = append(missing, k)
					}
				}
				if len(missing) > 0 {
					f.Fail(r, "policyDocument statement %s lets %s write without %s", name, svc, strings.Join(missing, " and "))
				}
			}
		}
	},
}

// namesLogGroup says whether an ARN pattern names one log group of one account and region:
// arn:<partition>:logs:<region>:<account>:log-group:<name>, wildcards allowed only after the name (":*",
// ":log-stream:*").
func namesLogGroup(arn string) bool {
	parts := strings.SplitN(arn, ":", 8)
	if len(parts) < 7 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group" {
		return false
	}
	return !slices.ContainsFunc(parts[1:7], func(p string) bool { return strings.ContainsAny(p, "*?") })
}

package rules

import "testing"

// deliveryWrite is the program's statement with its resources and conditions replaced.
func deliveryWrite(resource, condition string) string {
	return stmt(`{"Sid":"AWSLogDeliveryWrite","Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":` +
		resource + `,"Condition":` + condition + `}`)
}

const pinned = `{"StringEquals":{"aws:SourceAccount":"123456789012"},"ArnLike":{"aws:SourceArn":"arn:aws:logs:us-east-1:123456789012:*"}}`

func TestLogsResourcePolicyScoped(t *testing.T) {
	for _, name := range []string{"prod-dns-queries", "prod-hybrid-tunnel-logs", "prod-dr-hybrid-tunnel-logs"} {
		checkRule(t, LogsResourcePolicyScoped, logResourcePolicy, inputsOf(t, "prod", logResourcePolicy, name), []mutation{
			{name: name + ": the program's delivery policy passes"},
		})
	}
	doc := func(s string) map[string]any { return map[string]any{"policyDocument": s} }
	checkRule(t, LogsResourcePolicyScoped, logResourcePolicy, inputsOf(t, "dev", logResourcePolicy, "dev-dns-queries"), []mutation{
		{name: "dev's passes"},
		{name: "a bare group ARN names one group", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:123456789012:log-group:g"`, pinned))},
		{name: "the group with its :* suffix names one group", set: doc(deliveryWrite(`["arn:aws:logs:us-east-1:123456789012:log-group:g:*"]`, pinned))},
		{name: "Resource * fails", set: doc(deliveryWrite(`"*"`, pinned)), wantFail: `resource "*" names no single log group`},
		{name: "every group of the account fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:123456789012:*"`, pinned)), wantFail: `"arn:aws:logs:us-east-1:123456789012:*" names no single log group`},
		{name: "the provider example's arn:aws:logs:* fails", set: doc(deliveryWrite(`"arn:aws:logs:*"`, pinned)), wantFail: `"arn:aws:logs:*" names no single log group`},
		{name: "log-group:* fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:123456789012:log-group:*"`, pinned)), wantFail: "log-group:*"},
		{name: "a group name prefix fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/*"`, pinned)), wantFail: "/aws/route53/*"},
		{name: "a ? in the name fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:123456789012:log-group:prod-?:*"`, pinned)), wantFail: "prod-?"},
		{name: "any account fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:*:log-group:g"`, pinned)), wantFail: "us-east-1:*:log-group"},
		{name: "any region fails", set: doc(deliveryWrite(`"arn:aws:logs:*:123456789012:log-group:g"`, pinned)), wantFail: "logs:*:1234"},
		{name: "any partition fails", set: doc(deliveryWrite(`"arn:*:logs:us-east-1:123456789012:log-group:g"`, pinned)), wantFail: "arn:*:logs"},
		{name: "another service's ARN fails", set: doc(deliveryWrite(`"arn:aws:s3:us-east-1:123456789012:log-group:g"`, pinned)), wantFail: "arn:aws:s3"},
		{name: "a destination, not a group, fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:123456789012:destination:g"`, pinned)), wantFail: "destination:g"},
		{name: "not an ARN fails", set: doc(deliveryWrite(`"urn:aws:logs:us-east-1:123456789012:log-group:g"`, pinned)), wantFail: "urn:aws"},
		{name: "NotResource fails", set: doc(stmt(`{"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Action":"logs:PutLogEvents","NotResource":"arn:aws:logs:us-east-1:1:log-group:audit:*","Condition":` + pinned + `}`)),
			wantFail: "uses NotResource [arn:aws:logs:us-east-1:1:log-group:audit:*]"},
		{name: "Principal * fails", set: doc(stmt(`{"Effect":"Allow","Principal":"*","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:1:log-group:g:*"}`)), wantFail: `allows everyone (Principal "*")`},
		{name: "no conditions fail", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:1:log-group:g:*"`, `{}`)), wantFail: "lets delivery.logs.amazonaws.com write without aws:SourceAccount and aws:SourceArn"},
		{name: "SourceAccount alone fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:1:log-group:g:*"`, `{"StringEquals":{"aws:SourceAccount":"1"}}`)), wantFail: "write without aws:SourceArn"},
		{name: "SourceArn alone fails", set: doc(deliveryWrite(`"arn:aws:logs:us-east-1:1:log-group:g:*"`, `{"ArnLike":{"aws:SourceArn":"arn:aws:logs:us-east-1:1:*"}}`)), wantFail: "write without aws:SourceAccount"},
		{name: "each unpinned service is named", set: doc(stmt(`{"Effect":"Allow","Principal":{"Service":["delivery.logs.amazonaws.com","route53.amazonaws.com"]},"Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:1:log-group:g:*"}`)),
			wantFail: "write without aws:SourceAccount and aws:SourceArn", wantFails: 2},
		{name: "a second statement is checked too, by position", set: doc(stmt(`{"Effect":"Deny","Principal":"*","Action":"logs:*","Resource":"*"}`, `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"logs:PutLogEvents","Resource":"*"}`)),
			wantFail: "statement [1] resource \"*\""},
		{name: "a Deny is not a grant", set: doc(stmt(`{"Effect":"Deny","Principal":"*","Action":"logs:*","Resource":"*"}`))},
		{name: "an account principal is not held to source keys", set: doc(stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:g:*"}`))},
		{name: "an invalid document fails", set: doc(`{`), wantFail: "policyDocument is not a valid policy document"},
		{name: "an unknown document is re-checked", set: map[string]any{"policyDocument": unknown}, wantUnknown: "policyDocument"},
	})
}

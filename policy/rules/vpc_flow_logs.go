package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// VpcFlowLogs requires a flow log on every VPC: without one there is no record of who talked to what.
var VpcFlowLogs = Rule{
	ID: "vpc-flow-logs", Control: "EC2.6", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Every VPC has a flow log (matched by the flow log's vpcId, known or by dependency at preview).",
	Stack: func(rs []Resource, f *Findings) {
		for _, vpc := range ofType(rs, "aws:ec2/vpc:Vpc") {
			if !referenced(rs, "aws:ec2/flowLog:FlowLog", "vpcId", vpc) {
				f.Fail(vpc, "no aws:ec2/flowLog:FlowLog has vpcId = this VPC")
			}
		}
	},
}

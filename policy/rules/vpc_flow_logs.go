package rules

import "slices"

// flowLogTraffic are the traffic types EC2.6 accepts: REJECT (its parameter) or ALL.
var flowLogTraffic = []string{"ALL", "REJECT"}

// VpcFlowLogs requires a flow log that records rejected traffic on every VPC: without one there is no record
// of who tried to talk to what.
var VpcFlowLogs = Rule{
	ID: "vpc-flow-logs", Controls: []string{"EC2.6", "AwsSolutions-VPC7"}, Severity: Medium,
	Description: "Every VPC has a flow log (matched by vpcId, known or by dependency at preview) whose trafficType is ALL or REJECT; an ACCEPT-only log does not count.",
	Remediation: "declare an aws:ec2/flowLog with vpcId = the VPC and trafficType ALL",
	Reads:       map[string][]string{vpc: {}, flowLog: {"vpcId", "trafficType"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, v := range ofType(rs, vpc) {
			logged, others := vpcLogged(rs, v)
			switch {
			case logged == yes:
			case logged == pending:
				f.Unknown(v, "trafficType of its flow logs")
			case len(others) > 0:
				f.Fail(v, "its flow logs record trafficType %s only; want ALL or REJECT", showList(others))
			default:
				f.Fail(v, "no %s has vpcId = this VPC", flowLog)
			}
		}
	},
}

// vpcLogged says whether a flow log of VPC v records ALL or REJECT traffic (pending when a flow log's type
// is unknown), and which other traffic types its flow logs record.
func vpcLogged(rs []Resource, v Resource) (verdict, []string) {
	answer := no
	var others []string
	for _, l := range ofType(rs, flowLog) {
		t, known := text(l.Get("trafficType"))
		switch {
		case !links(l, "vpcId", v):
		case slices.Contains(flowLogTraffic, t):
			return yes, nil
		case !known:
			answer = pending
		default:
			others = append(others, t)
		}
	}
	return answer, others
}

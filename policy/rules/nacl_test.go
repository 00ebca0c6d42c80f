package rules

import "testing"

func TestNaclNoWorldAdminIngress(t *testing.T) {
	acl := map[string]any{"vpcId": "vpc-1", "subnetIds": []any{"subnet-1"}, "ingress": []any{
		map[string]any{"ruleNo": 100, "action": "allow", "protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlock": "0.0.0.0/0"},
		map[string]any{"ruleNo": 110, "action": "allow", "protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlock": "10.100.0.0/16"},
	}}
	cases := []mutation{
		{name: "https from the world and ssh from on premises pass"},
		{name: "ssh from the world fails", set: map[string]any{"ingress[1].cidrBlock": "0.0.0.0/0"}, wantFail: "ingress[1].allows tcp from 0.0.0.0/0 to port 22"},
		{name: "rdp from the IPv6 world fails", set: map[string]any{"ingress[1].cidrBlock": nil, "ingress[1].ipv6CidrBlock": "::/0", "ingress[1].fromPort": 3389, "ingress[1].toPort": 3389},
			wantFail: "from ::/0 to port 3389"},
		{name: "rdp over udp fails", set: map[string]any{"ingress[0].protocol": "udp", "ingress[0].fromPort": 3389, "ingress[0].toPort": 3389}, wantFail: "allows udp"},
		{name: "ssh by protocol number fails", set: map[string]any{"ingress[0].protocol": "6", "ingress[0].fromPort": 22, "ingress[0].toPort": 22}, wantFail: "allows tcp"},
		{name: "a range over 22 fails", set: map[string]any{"ingress[0].fromPort": 0, "ingress[0].toPort": 1024}, wantFail: "to port 22"},
		{name: "a range that ends below 22 passes", set: map[string]any{"ingress[0].fromPort": 0, "ingress[0].toPort": 21}},
		{name: "a range that starts above 22 and ends below 3389 passes", set: map[string]any{"ingress[0].fromPort": 23, "ingress[0].toPort": 3388}},
		{name: "all traffic from the world fails", set: map[string]any{"ingress[0].protocol": "-1", "ingress[0].fromPort": 0, "ingress[0].toPort": 0}, wantFail: "allows -1"},
		{name: "a deny rule passes", set: map[string]any{"ingress[0].protocol": "-1", "ingress[0].action": "deny"}},
		{name: "icmp passes", set: map[string]any{"ingress[0].protocol": "icmp", "ingress[0].fromPort": 0, "ingress[0].toPort": 65535}},
		{name: "an unknown action is re-checked at up", set: map[string]any{"ingress[0].action": unknown}, wantUnknown: "ingress[0].action"},
		{name: "an unknown CIDR is re-checked at up", set: map[string]any{"ingress[0].cidrBlock": unknown}, wantUnknown: "ingress[0].protocol, ports and CIDR"},
		{name: "an unknown port is re-checked at up", set: map[string]any{"ingress[0].toPort": unknown}, wantUnknown: "ports"},
		{name: "an unknown start port is re-checked at up", set: map[string]any{"ingress[0].fromPort": unknown}, wantUnknown: "ports"},
		{name: "an unknown protocol is re-checked at up", set: map[string]any{"ingress[0].protocol": unknown}, wantUnknown: "ports"},
		{name: "an unknown IPv6 block is re-checked at up", set: map[string]any{"ingress[0].ipv6CidrBlock": unknown}, wantUnknown: "ports"},
		{name: "unknown entries are re-checked at up", set: map[string]any{"ingress": unknown}, wantUnknown: "ingress"},
	}
	checkRule(t, NaclNoWorldAdminIngress, networkACL, acl, cases)
	checkRule(t, NaclNoWorldAdminIngress, defaultNetworkACL, map[string]any{"defaultNetworkAclId": "acl-1", "ingress": acl["ingress"]}, cases[:3])
	checkRule(t, NaclNoWorldAdminIngress, networkACLRule, map[string]any{"networkAclId": "acl-1", "ruleNumber": 100, "egress": false,
		"ruleAction": "allow", "protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlock": "10.100.0.0/16"}, []mutation{
		{name: "an ssh rule from on premises passes"},
		{name: "an ssh rule from the world fails", set: map[string]any{"cidrBlock": "0.0.0.0/0"}, wantFail: "allows tcp from 0.0.0.0/0 to port 22"},
		{name: "an egress rule is not ingress", set: map[string]any{"cidrBlock": "0.0.0.0/0", "egress": true}},
		{name: "an unknown direction is re-checked at up", set: map[string]any{"egress": unknown}, wantUnknown: "egress"},
		{name: "an unknown action is re-checked at up", set: map[string]any{"ruleAction": unknown}, wantUnknown: "action"},
	})
}

func TestNaclInUse(t *testing.T) {
	add := func(subnets any) func(s *stack) {
		return func(s *stack) {
			s.add(networkACL, "prod-acl", map[string]any{"vpcId": "vpc", "subnetIds": subnets})
		}
	}
	checkStack(t, NaclInUse, []stackCase{
		{name: "the program declares no network ACL"},
		{name: "an ACL with subnets passes", edit: add([]any{"subnet-1"})},
		{name: "an ACL without subnets fails", edit: add(nil), on: "prod-acl", wantFail: "no subnet is associated with it"},
		{name: "an ACL with an empty list fails", edit: add([]any{}), on: "prod-acl", wantFail: "no subnet is associated"},
		{name: "an association makes it used", edit: func(s *stack) {
			add(nil)(s)
			s.add(networkACLAssociation, "prod-acl-0", map[string]any{"networkAclId": "x", "subnetId": "subnet-1"}).
				dep(networkACLAssociation, "prod-acl-0", "networkAclId", networkACL, "prod-acl")
		}},
		{name: "an association of another ACL does not", edit: func(s *stack) {
			add(nil)(s)
			s.add(networkACLAssociation, "prod-acl-0", map[string]any{"networkAclId": "acl-other", "subnetId": "subnet-1"})
		}, on: "prod-acl", wantFail: "no subnet"},
		{name: "unknown subnets are taken as set", edit: add(unknown)},
	})
}

func TestVpcBlockPublicAccess(t *testing.T) {
	checkRule(t, VpcBlockPublicAccess, vpcBlockPublicAccess, map[string]any{"internetGatewayBlockMode": "block-ingress"}, []mutation{
		{name: "block-ingress passes"},
		{name: "block-bidirectional passes", set: map[string]any{"internetGatewayBlockMode": "block-bidirectional"}},
		{name: "off fails", set: map[string]any{"internetGatewayBlockMode": "off"}, wantFail: `internetGatewayBlockMode is "off"`},
		{name: "unset is off and fails", set: map[string]any{"internetGatewayBlockMode": nil}, wantFail: "internetGatewayBlockMode is unset"},
		{name: "unknown is re-checked at up", set: map[string]any{"internetGatewayBlockMode": unknown}, wantUnknown: "internetGatewayBlockMode"},
	})
}

func TestEniSourceDestCheck(t *testing.T) {
	checkRule(t, EniSourceDestCheck, networkInterface, map[string]any{"subnetId": "subnet-1"}, []mutation{
		{name: "the default passes"},
		{name: "true passes", set: map[string]any{"sourceDestCheck": true}},
		{name: "false fails", set: map[string]any{"sourceDestCheck": false}, wantFail: "sourceDestCheck is false; want true"},
		{name: "unknown is re-checked at up", set: map[string]any{"sourceDestCheck": unknown}, wantUnknown: "sourceDestCheck"},
	})
}

func TestLogGroups(t *testing.T) {
	for _, name := range namesOf(t, logGroup) {
		base := inputsOf(t, "prod", logGroup, name)
		checkRule(t, LogGroupKMS, logGroup, base, []mutation{
			{name: name + " encrypted passes"},
			{name: name + " with an unknown key passes: it will be set", set: map[string]any{"kmsKeyId": unknown}},
			{name: name + " unencrypted fails", set: map[string]any{"kmsKeyId": nil}, wantFail: "kmsKeyId is unset"},
			{name: name + " with an empty key fails", set: map[string]any{"kmsKeyId": ""}, wantFail: "kmsKeyId is unset"},
		})
		checkRule(t, LogGroupRetention, logGroup, base, []mutation{
			{name: name + " with retention passes"},
			{name: name + " keeping a day passes", set: map[string]any{"retentionInDays": 1}},
			{name: name + " never expiring fails", set: map[string]any{"retentionInDays": 0}, wantFail: "retentionInDays is 0; want a retention period"},
			{name: name + " unset fails", set: map[string]any{"retentionInDays": nil}, wantFail: "retentionInDays is unset"},
			{name: name + " unknown is re-checked", set: map[string]any{"retentionInDays": unknown}, wantUnknown: "retentionInDays"},
		})
	}
}

package rules

import "testing"

func TestSecurityGroupOpenIngressOnGroups(t *testing.T) {
	checkRule(t, SecurityGroupOpenIngress, securityGroup, inputsOf(t, "prod", securityGroup, "prod-db"), []mutation{
		{name: "on-premises CIDRs and group references pass"},
		{name: "the IPv4 world fails", set: map[string]any{"ingress[1].cidrBlocks": []any{"10.100.0.0/16", "0.0.0.0/0"}},
			wantFail: "ingress[1].cidrs admits 10.100.0.0/16, 0.0.0.0/0 on tcp/5433"},
		{name: "the IPv6 world fails", set: map[string]any{"ingress[1].ipv6CidrBlocks": []any{"::/0"}}, wantFail: "::/0 on tcp/5433"},
		{name: "the world split in two blocks of one rule fails", set: map[string]any{"ingress[1].cidrBlocks": []any{"0.0.0.0/1", "128.0.0.0/1"}},
			wantFail: "0.0.0.0/1, 128.0.0.0/1"},
		{name: "half the world passes (it is not the internet)", set: map[string]any{"ingress[1].cidrBlocks": []any{"0.0.0.0/1"}}},
		{name: "the world split across two rules on the same port fails on both", set: map[string]any{
			"ingress[0].cidrBlocks": []any{"0.0.0.0/1"}, "ingress[1].cidrBlocks": []any{"128.0.0.0/1"}}, wantFail: "on tcp/5433", wantFails: 2},
		{name: "the world split across rules on different ports passes", set: map[string]any{
			"ingress[0].cidrBlocks": []any{"0.0.0.0/1"}, "ingress[0].fromPort": 22, "ingress[0].toPort": 22, "ingress[1].cidrBlocks": []any{"128.0.0.0/1"}}},
		{name: "a split completed by an all-traffic rule fails on the narrower rule only", set: map[string]any{
			"ingress[0].cidrBlocks": []any{"0.0.0.0/1"}, "ingress[0].protocol": "-1", "ingress[1].cidrBlocks": []any{"128.0.0.0/1"}},
			wantFail: "ingress[1].cidrs admits 128.0.0.0/1 on tcp/5433"},
		{name: "an all-protocol world rule fails naming every port", set: map[string]any{"ingress[1].protocol": "-1", "ingress[1].cidrBlocks": []any{"0.0.0.0/0"}},
			wantFail: "on every protocol and port"},
		{name: "a port range is named", set: map[string]any{"ingress[1].toPort": 5440, "ingress[1].cidrBlocks": []any{"0.0.0.0/0"}}, wantFail: "on tcp/5433-5440"},
		{name: "an unknown list is re-checked at up", set: map[string]any{"ingress": unknown}, wantUnknown: "ingress"},
		{name: "an unknown CIDR is re-checked at up", set: map[string]any{"ingress[1].cidrBlocks": []any{"10.100.0.0/16", unknown}}, wantUnknown: "ingress[1].cidrBlocks"},
		{name: "an unknown CIDR beside the world still fails", set: map[string]any{"ingress[1].cidrBlocks": []any{"0.0.0.0/0", unknown}},
			wantFail: "admits 0.0.0.0/0 on tcp/5433", wantUnknown: "ingress[1].cidrBlocks"},
		{name: "an unknown port is re-checked at up, the world included", set: map[string]any{"ingress[1].fromPort": unknown, "ingress[1].cidrBlocks": []any{"0.0.0.0/0"}}, wantUnknown: "ingress[1].fromPort"},
		{name: "an unknown protocol is re-checked at up, the world included", set: map[string]any{"ingress[1].protocol": unknown, "ingress[1].cidrBlocks": []any{"0.0.0.0/0"}}, wantUnknown: "ingress[1].protocol"},
		{name: "an unknown last port is re-checked at up, the world included", set: map[string]any{"ingress[1].toPort": unknown, "ingress[1].cidrBlocks": []any{"0.0.0.0/0"}}, wantUnknown: "ingress[1].toPort"},
		{name: "egress to the world is another rule's business", set: map[string]any{"egress": []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{"0.0.0.0/0"}}}}},
	})
}

func TestSecurityGroupOpenIngressOnRuleResources(t *testing.T) {
	base := inputsOf(t, "prod", sgIngressRule, "prod-compute-alb-443-from-10.100.0.0-16")
	checkRule(t, SecurityGroupOpenIngress, sgIngressRule, base, []mutation{
		{name: "an on-premises CIDR passes"},
		{name: "the IPv4 world fails", set: map[string]any{"cidrIpv4": "0.0.0.0/0"}, wantFail: "cidrs admits 0.0.0.0/0 on tcp/443"},
		{name: "the IPv6 world fails", set: map[string]any{"cidrIpv4": nil, "cidrIpv6": "::/0"}, wantFail: "::/0"},
		{name: "a protocol number is read as its name", set: map[string]any{"cidrIpv4": "0.0.0.0/0", "ipProtocol": "6"}, wantFail: "tcp/443"},
		{name: "every protocol by number", set: map[string]any{"cidrIpv4": "0.0.0.0/0", "ipProtocol": "-1"}, wantFail: "every protocol and port"},
		{name: "an unknown CIDR is re-checked at up", set: map[string]any{"cidrIpv4": unknown}, wantUnknown: "cidrIpv4"},
		{name: "an unknown IPv6 CIDR is re-checked at up", set: map[string]any{"cidrIpv6": unknown}, wantUnknown: "cidrIpv6"},
	})
	legacy := map[string]any{"type": "ingress", "protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlocks": []any{"10.100.0.0/16"},
		"securityGroupId": "sg-1", "description": "SSH from on premises"}
	checkRule(t, SecurityGroupOpenIngress, securityGroupRule, legacy, []mutation{
		{name: "an on-premises rule passes"},
		{name: "the world fails", set: map[string]any{"cidrBlocks": []any{"0.0.0.0/0"}}, wantFail: "cidrs admits 0.0.0.0/0 on tcp/22"},
		{name: "the IPv6 world fails", set: map[string]any{"ipv6CidrBlocks": []any{"::/0"}}, wantFail: "::/0 on tcp/22"},
		{name: "an egress rule is not ingress", set: map[string]any{"type": "egress", "cidrBlocks": []any{"0.0.0.0/0"}}},
		{name: "an unknown type is re-checked at up, not skipped", set: map[string]any{"type": unknown, "cidrBlocks": []any{"0.0.0.0/0"}}, wantUnknown: "type"},
		{name: "an unknown CIDR list is re-checked at up", set: map[string]any{"cidrBlocks": unknown}, wantUnknown: "cidrBlocks"},
	})
}

func TestWorldOpen(t *testing.T) {
	cases := []struct {
		cidrs []string
		want  bool
	}{
		{[]string{"0.0.0.0/0"}, true},
		{[]string{"::/0"}, true},
		{[]string{"0.0.0.0/1", "128.0.0.0/1"}, true},
		{[]string{"128.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2"}, true},
		{[]string{"0.0.0.0/1", "0.0.0.0/2", "128.0.0.0/1"}, true},
		{[]string{"::/1", "8000::/1"}, true},
		{[]string{"0.0.0.0/1", "128.0.0.0/2"}, false},
		{[]string{"0.0.0.0/2", "128.0.0.0/1"}, false},
		{[]string{"::/1"}, false},
		{[]string{"0.0.0.0/1", "8000::/1"}, false},
		{[]string{"10.0.0.0/8"}, false},
		{[]string{"not-a-cidr"}, false},
		{nil, false},
		{[]string{"0.0.0.1/0"}, true},
		{[]string{"::ffff:0.0.0.0/96"}, false},
		{[]string{"::ffff:0.0.0.0/0"}, true}, // masked, that is ::/0
		{[]string{"0.0.0.0/1", "127.0.0.0/8", "128.0.0.0/1"}, true},
		{[]string{"0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8"}, true},
	}
	for _, tc := range cases {
		if got := worldOpen(tc.cidrs); got != tc.want {
			t.Errorf("worldOpen(%v) = %v; want %v", tc.cidrs, got, tc.want)
		}
	}
}

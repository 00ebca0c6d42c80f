package rules

import (
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// adminPorts are the remote-administration ports EC2.21 names.
var adminPorts = []float64{22, 3389}

// NaclNoWorldAdminIngress keeps SSH and RDP closed to the internet at the subnet boundary too.
var NaclNoWorldAdminIngress = Rule{
	ID: "nacl-no-world-admin-ingress", Controls: []string{"EC2.21"}, Severity: High,
	Description: "No network ACL (declared, adopted default, or a separate rule) allows ingress from 0.0.0.0/0 or ::/0 to port 22 or 3389, or on every protocol.",
	Remediation: "allow remote administration only from the on-premises CIDRs, or not at all (Session Manager needs no inbound port)",
	Exceptions:  []string{"A VPC's default network ACL that the program does not adopt keeps AWS's allow-all rules; the pack cannot see it. The program adopts no network ACL: security groups (sg-no-world-ingress) are the boundary, and no subnet but the NAT tier routes to the internet gateway (rds-private-subnets)."},
	Types:       []string{networkACL, defaultNetworkACL, networkACLRule},
	Reads: map[string][]string{
		networkACL:        {"ingress[].action", "ingress[].cidrBlock", "ingress[].ipv6CidrBlock", "ingress[].protocol", "ingress[].fromPort", "ingress[].toPort"},
		defaultNetworkACL: {"ingress[].action", "ingress[].cidrBlock", "ingress[].ipv6CidrBlock", "ingress[].protocol", "ingress[].fromPort", "ingress[].toPort"},
		networkACLRule:    {"egress", "ruleAction", "cidrBlock", "ipv6CidrBlock", "protocol", "fromPort", "toPort"},
	},
	Resource: func(r Resource, f *Findings) {
		if r.Type == networkACLRule {
			if out, known := truth(r.Get("egress")); !known {
				f.Unknown(r, "egress")
			} else if !out {
				naclEntry(r, f, "", r.Get("ruleAction"), property.New(r.Props))
			}
		} else {
			list, known := items(r.Get("ingress"))
			if !known {
				f.Unknown(r, "ingress")
			}
			for i, e := range list {
				naclEntry(r, f, pathString([]any{"ingress", i})+".", walk(e, "action"), e)
			}
		}
	},
}

// naclEntry fails r when one ACL entry e (with its action) allows the world to an admin port. at prefixes
// the entry's properties in messages.
func naclEntry(r Resource, f *Findings, at string, action, e property.Value) {
	act, actKnown := text(action)
	proto, protoKnown := text(walk(e, "protocol"))
	from, fromKnown := number(walk(e, "fromPort"), 0)
	to, toKnown := number(walk(e, "toPort"), 0)
	v4, v4Known := text(walk(e, "cidrBlock"))
	v6, v6Known := text(walk(e, "ipv6CidrBlock"))
	switch {
	case !actKnown:
		f.Unknown(r, at+"action")
	case !strings.EqualFold(act, "allow"):
	case !protoKnown || !fromKnown || !toKnown || !v4Known || !v6Known:
		f.Unknown(r, at+"protocol, ports and CIDR")
	case worldOpen([]string{v4, v6}):
		proto = protocolName(proto)
		for _, port := range adminPorts {
			if proto == allProtocols || slices.Contains([]string{"tcp", "udp"}, proto) && from <= port && port <= to {
				f.Fail(r, "%sallows %s from %s to port %s", at, proto, strings.Trim(v4+" "+v6, " "), trimFloat(port))
				return
			}
		}
	}
}

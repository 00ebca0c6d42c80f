package rules

import (
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Security group directions.
const (
	ingress = "ingress"
	egress  = "egress"
)

// allProtocols is how AWS writes "every protocol and port".
const allProtocols = "-1"

// sgTypes are the types that can open a security group, inline or as a rule of their own.
var sgTypes = []string{securityGroup, securityGroupRule, sgIngressRule, sgEgressRule}

// sgReads are the properties the security group rules read, per type.
var sgReads = map[string][]string{
	securityGroup: {"ingress[].protocol", "ingress[].fromPort", "ingress[].toPort", "ingress[].cidrBlocks", "ingress[].ipv6CidrBlocks",
		"egress[].protocol", "egress[].fromPort", "egress[].toPort", "egress[].cidrBlocks", "egress[].ipv6CidrBlocks"},
	securityGroupRule: {"type", "protocol", "fromPort", "toPort", "cidrBlocks", "ipv6CidrBlocks", "securityGroupId"},
	sgIngressRule:     {"ipProtocol", "fromPort", "toPort", "cidrIpv4", "cidrIpv6", "securityGroupId"},
	sgEgressRule:      {"ipProtocol", "fromPort", "toPort", "cidrIpv4", "cidrIpv6", "securityGroupId"},
}

// permission is one rule of a security group: who may reach which ports.
type permission struct {
	// at names the rule in messages: "ingress[0]" for an inline rule, "" for a rule resource.
	at       string
	protocol string
	from, to float64
	cidrs    []string
}

// where prefixes a property with the rule's position, for messages.
func (p permission) where(prop string) string {
	if p.at == "" {
		return prop
	}
	return p.at + "." + prop
}

// covers says whether p admits every port and protocol q admits.
func (p permission) covers(q permission) bool {
	return p.protocol == allProtocols || p.protocol == q.protocol && p.from <= q.from && p.to >= q.to
}

// admitsPort says whether p admits tcp traffic to port.
func (p permission) admitsPort(port float64) bool {
	return p.protocol == allProtocols || p.protocol == "tcp" && p.from <= port && port <= p.to
}

// protocolName normalises a protocol: names lower case, numbers of tcp and udp to names, every spelling of
// "all" to -1.
func protocolName(s string) string {
	switch strings.ToLower(s) {
	case "-1", "all":
		return allProtocols
	case "6":
		return "tcp"
	case "17":
		return "udp"
	}
	return strings.ToLower(s)
}

// permissions returns the rules of r in direction. A rule whose CIDRs, ports or direction are unknown is
// recorded as unknown and left out.
func permissions(r Resource, f *Findings, direction string) []permission {
	switch r.Type {
	case securityGroup:
		list, known := items(r.Get(direction))
		if !known {
			f.Unknown(r, direction)
		}
		var out []permission
		for i, e := range list {
			at := pathString([]any{direction, i})
			if p, ok := readPermission(r, f, at, e, "protocol", true, "cidrBlocks", "ipv6CidrBlocks"); ok {
				out = append(out, p)
			}
		}
		return out
	case securityGroupRule:
		typ, known := text(r.Get("type"))
		switch {
		case !known:
			f.Unknown(r, "type")
			return nil
		case typ != direction:
			return nil
		}
		if p, ok := readPermission(r, f, "", property.New(r.Props), "protocol", true, "cidrBlocks", "ipv6CidrBlocks"); ok {
			return []permission{p}
		}
	case sgIngressRule, sgEgressRule:
		if (r.Type == sgIngressRule) != (direction == ingress) {
			return nil
		}
		if p, ok := readPermission(r, f, "", property.New(r.Props), "ipProtocol", false, "cidrIpv4", "cidrIpv6"); ok {
			return []permission{p}
		}
	}
	return nil
}

// readPermission reads one rule from v; the CIDR properties are lists on the group and on
// aws:ec2/securityGroupRule (lists true), single values on the aws:vpc rules.
func readPermission(r Resource, f *Findings, at string, v property.Value, protocolKey string, lists bool, cidrKeys ...string) (permission, bool) {
	p := permission{at: at}
	proto, protoKnown := text(walk(v, protocolKey))
	if !protoKnown {
		f.Unknown(r, p.where(protocolKey))
	}
	p.protocol = protocolName(proto)
	from, fromKnown := number(walk(v, "fromPort"), 0)
	if !fromKnown {
		f.Unknown(r, p.where("fromPort"))
	}
	to, toKnown := number(walk(v, "toPort"), 65535)
	if !toKnown {
		f.Unknown(r, p.where("toPort"))
	}
	p.from, p.to = from, to // every port, for protocol -1: covers and admitsPort look at the protocol first
	ok := protoKnown && fromKnown && toKnown
	for _, k := range cidrKeys {
		var cidrs []string
		known := true
		if lists {
			cidrs, known = texts(walk(v, k))
		} else if s, sk := text(walk(v, k)); s != "" || !sk {
			cidrs, known = []string{s}, sk
		}
		if !known {
			f.Unknown(r, p.where(k)) // the known blocks are still judged: more blocks only open more
		}
		p.cidrs = append(p.cidrs, cidrs...)
	}
	return p, ok
}

// worldPermissions returns the rules of perms that, with the rules covering their ports, admit the whole
// internet: the world split into several blocks, or across rules, counts.
func worldPermissions(perms []permission) []permission {
	var out []permission
	for _, p := range perms {
		var reach []string
		for _, q := range perms {
			if q.covers(p) {
				reach = append(reach, q.cidrs...)
			}
		}
		if len(p.cidrs) > 0 && worldOpen(reach) {
			out = append(out, p)
		}
	}
	return out
}

// portRange says which ports a rule admits, for messages.
func (p permission) portRange() string {
	if p.protocol == allProtocols {
		return "every protocol and port"
	}
	if p.from == p.to {
		return p.protocol + "/" + trimFloat(p.from)
	}
	return p.protocol + "/" + trimFloat(p.from) + "-" + trimFloat(p.to)
}

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// groupOf returns the security group a rule resource belongs to, or no resource when it is not in rs.
func groupOf(rs []Resource, r Resource) Resource {
	for _, g := range ofType(rs, securityGroup, defaultSecurityGroup) {
		if links(r, "securityGroupId", g) {
			return g
		}
	}
	return Resource{}
}

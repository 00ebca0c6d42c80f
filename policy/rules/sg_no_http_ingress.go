package rules

import "slices"

// SecurityGroupNoHTTPIngress forbids plain HTTP (tcp/80) into security groups, except on a load balancer
// whose port-80 listeners only redirect to HTTPS (what ELB.1 asks for). Dev serves plain HTTP without a
// certificate, so there the rule advises.
var SecurityGroupNoHTTPIngress = Rule{
	ID: "sg-no-http-ingress", Controls: []string{"PCP aws-ec2-securitygroup-disallow-inbound-http-traffic"}, Severity: Medium,
	AdvisoryIn:  []Environment{Dev},
	Description: "No security group admits tcp/80 from any source, unless it belongs to a load balancer whose HTTP listeners all redirect to HTTPS; advisory in dev.",
	Remediation: "serve HTTPS only, or make every HTTP listener of the load balancer redirect to HTTPS",
	Exceptions:  []string{"tcp/80 into a load balancer's security group when all of its HTTP listeners redirect to HTTPS: the ELB.1 redirect needs the port."},
	Reads: map[string][]string{
		securityGroup: sgReads[securityGroup], securityGroupRule: sgReads[securityGroupRule], sgIngressRule: sgReads[sgIngressRule],
		loadBalancerTypes[0]: {"securityGroups"}, loadBalancerTypes[1]: {"securityGroups"},
		listenerTypes[0]: {"loadBalancerArn", "protocol", "defaultActions[].type", "defaultActions[].redirect.protocol"},
		listenerTypes[1]: {"loadBalancerArn", "protocol", "defaultActions[].type", "defaultActions[].redirect.protocol"},
	},
	Stack: func(rs []Resource, f *Findings) {
		for _, r := range ofType(rs, securityGroup, securityGroupRule, sgIngressRule) {
			g := r
			if r.Type != securityGroup {
				g = groupOf(rs, r)
			}
			var scratch Findings
			for _, p := range permissions(r, &scratch, ingress) {
				if !p.admitsPort(80) || redirectOnly(rs, g, f) {
					continue
				}
				f.Fail(r, "%s admits %s on %s, which includes plain HTTP (tcp/80)", p.where("cidrs"), showList(p.cidrs), p.portRange())
			}
		}
	},
}

// redirectOnly says whether group g belongs to a load balancer that has HTTP listeners and whose HTTP
// listeners all redirect to HTTPS.
func redirectOnly(rs []Resource, g Resource, f *Findings) bool {
	for _, lb := range ofType(rs, loadBalancerTypes...) {
		if !links(lb, "securityGroups", g) {
			continue
		}
		var http []Resource
		for _, l := range ofType(rs, listenerTypes...) {
			if proto, _ := text(l.Get("protocol")); links(l, "loadBalancerArn", lb) && proto == "HTTP" {
				http = append(http, l)
			}
		}
		if len(http) > 0 && !slices.ContainsFunc(http, func(l Resource) bool { return redirectsToHTTPS(l, f) != yes }) {
			return true
		}
	}
	return false
}

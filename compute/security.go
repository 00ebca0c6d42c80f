package compute

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// anywhere is the whole IPv4 internet, allowed only as an HTTPS egress destination.
const anywhere = "0.0.0.0/0"

// securityGroups are the cluster's three groups. Rules are separate resources, so the load balancer and
// task groups can reference each other, and services add the rules for their own ports.
type securityGroups struct {
	hosts, tasks, alb *ec2.SecurityGroup
}

// declareSecurityGroups declares:
//   - hosts: no ingress at all; egress HTTPS only (ECS, ECR, SSM through endpoints, NAT or the S3 gateway).
//   - tasks: ingress only from the load balancer, added per service port; egress to the VPC (database,
//     endpoints) and HTTPS anywhere.
//   - alb: ingress on the listener ports from the VPC and on-premises CIDRs only; egress only to tasks.
func declareSecurityGroups(ctx *pulumi.Context, name string, args *ClusterArgs, parent pulumi.ResourceOption) (*securityGroups, error) {
	group := func(role, description string) (*ec2.SecurityGroup, error) {
		return ec2.NewSecurityGroup(ctx, name+"-"+role, &ec2.SecurityGroupArgs{
			VpcId:       args.VPCID,
			Description: pulumi.String(description),
			Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-" + role)},
		}, parent)
	}
	var g securityGroups
	var err error
	if g.hosts, err = group("hosts", "ECS container instances: no inbound, HTTPS outbound"); err != nil {
		return nil, err
	}
	if g.tasks, err = group("tasks", "awsvpc tasks: inbound from the load balancer on container ports"); err != nil {
		return nil, err
	}
	if g.alb, err = group("alb", "Internal load balancer: listener ports from the VPC and on premises"); err != nil {
		return nil, err
	}

	egress := []struct {
		resource    string
		group       *ec2.SecurityGroup
		args        vpc.SecurityGroupEgressRuleArgs
		description string
	}{
		{"-hosts-https-out", g.hosts, vpc.SecurityGroupEgressRuleArgs{IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrIpv4: pulumi.String(anywhere)},
			"HTTPS to AWS APIs"},
		{"-tasks-https-out", g.tasks, vpc.SecurityGroupEgressRuleArgs{IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrIpv4: pulumi.String(anywhere)},
			"HTTPS to AWS APIs and HTTPS services"},
		{"-tasks-vpc-out", g.tasks, vpc.SecurityGroupEgressRuleArgs{IpProtocol: pulumi.String("-1"), CidrIpv4: pulumi.String(args.VPCCIDR.String())},
			"Anything in the VPC (database, endpoints)"},
	}
	for _, e := range egress {
		e.args.SecurityGroupId = e.group.ID()
		e.args.Description = pulumi.String(e.description)
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+e.resource, &e.args, parent); err != nil {
			return nil, err
		}
	}

	sources := append([]netip.Prefix{args.VPCCIDR}, args.OnPremisesCIDRs...)
	for _, port := range listenerPorts(args.Settings.LoadBalancer) {
		for _, src := range sources {
			if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-alb-"+strconv.Itoa(port)+"-from-"+cidrName(src), &vpc.SecurityGroupIngressRuleArgs{
				SecurityGroupId: g.alb.ID(),
				Description:     pulumi.String("Listener port from " + src.String()),
				IpProtocol:      pulumi.String("tcp"),
				FromPort:        pulumi.Int(port),
				ToPort:          pulumi.Int(port),
				CidrIpv4:        pulumi.String(src.String()),
			}, parent); err != nil {
				return nil, err
			}
		}
	}
	return &g, nil
}

// cidrName makes a CIDR usable in a resource name, so a rule's name follows its source, not its position.
func cidrName(p netip.Prefix) string { return strings.ReplaceAll(p.String(), "/", "-") }

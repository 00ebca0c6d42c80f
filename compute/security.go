package compute

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// securityGroups are the cluster's three groups. Rules are separate resources, so the load balancer and
// task groups can reference each other, and services add the rules for their own ports.
type securityGroups struct {
	hosts, tasks, alb *ec2.SecurityGroup
}

// declareSecurityGroups declares:
//   - hosts: no ingress at all; egress HTTPS to the interface endpoints (ECS, ECR, SSM, logs, STS, secrets)
//     and to S3 through its gateway endpoint (ECR's image layers, the AL2023 package repositories). Nothing
//     goes to the internet: upstream images come through the pull-through cache, which ECR fills from
//     AWS's side.
//   - tasks: ingress only from the load balancer, added per service port; egress to the VPC (database,
//     endpoints) and HTTPS to S3 (the file bucket) through the gateway endpoint. An application that
//     calls an internet API would need a rule of its own: none does today.
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
		{"-hosts-https-endpoints", g.hosts, vpc.SecurityGroupEgressRuleArgs{IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), ReferencedSecurityGroupId: args.EndpointSecurityGroupID},
			"HTTPS to the interface endpoints (ECS, ECR, SSM, logs)"},
		{"-hosts-https-s3", g.hosts, vpc.SecurityGroupEgressRuleArgs{IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), PrefixListId: args.S3PrefixListID},
			"HTTPS to S3 through the gateway endpoint (image layers, packages)"},
		{"-tasks-https-s3", g.tasks, vpc.SecurityGroupEgressRuleArgs{IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), PrefixListId: args.S3PrefixListID},
			"HTTPS to S3 through the gateway endpoint (the file bucket)"},
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

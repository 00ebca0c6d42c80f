package compute

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
)

// deregistrationDelaySeconds is how long the load balancer lets in-flight requests finish.
const deregistrationDelaySeconds = 30

// routes are the listener rule's path patterns for s: /<name> and everything under it.
func routes(s namedService) []string { return []string{"/" + s.Name, "/" + s.Name + "/*"} }

// declareRoute declares the service's target group (its tasks' IPs, health-checked) and the listener rule
// that forwards /<name> and /<name>/* to it.
func declareRoute(ctx *pulumi.Context, prefix string, svc namedService, p placement, parent pulumi.ResourceOption) (*lb.ListenerRule, *lb.TargetGroup, error) {
	target, err := lb.NewTargetGroup(ctx, prefix, targetGroupArgs(prefix, svc, p.vpcID), parent)
	if err != nil {
		return nil, nil, err
	}
	// No priority: the provider takes the next free one, so adding or removing a service never renumbers
	// the others' rules; paths of distinct services never overlap, so the order does not matter.
	rule, err := lb.NewListenerRule(ctx, prefix, &lb.ListenerRuleArgs{
		ListenerArn: p.listenerARN,
		Actions: lb.ListenerRuleActionArray{
			lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), TargetGroupArn: target.Arn},
		},
		Conditions: lb.ListenerRuleConditionArray{
			lb.ListenerRuleConditionArgs{PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(routes(svc))}},
		},
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	return rule, target, nil
}

// targetGroupArgs are the service's target group: the IPs of its awsvpc tasks, probed on HTTP at its
// health check path, under an explicit name that fits AWS's 32 characters.
func targetGroupArgs(prefix string, svc namedService, vpcID pulumi.StringInput) *lb.TargetGroupArgs {
	return &lb.TargetGroupArgs{
		Name:                pulumi.String(spec.TargetGroupName(prefix, svc.Port)),
		VpcId:               vpcID,
		TargetType:          pulumi.String("ip"), // awsvpc tasks register their own ENI
		Port:                pulumi.Int(svc.Port),
		Protocol:            pulumi.String("HTTP"),
		DeregistrationDelay: pulumi.Int(deregistrationDelaySeconds),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Path:               pulumi.String(svc.HealthCheckPath),
			Protocol:           pulumi.String("HTTP"),
			Port:               pulumi.String("traffic-port"),
			Matcher:            pulumi.String("200-399"),
			Interval:           pulumi.Int(15),
			Timeout:            pulumi.Int(5),
			HealthyThreshold:   pulumi.Int(2),
			UnhealthyThreshold: pulumi.Int(3),
		},
	}
}

package rules

// AsgELBHealthCheck makes an Auto Scaling group behind a load balancer replace instances the load balancer
// finds unhealthy, not only those EC2 finds stopped.
var AsgELBHealthCheck = Rule{
	ID: "asg-elb-health-check", Controls: []string{"AutoScaling.1", "AwsSolutions-AS2"}, Severity: Low,
	Description: "An Auto Scaling group attached to a load balancer (targetGroupArns, loadBalancers or trafficSources) uses healthCheckType ELB with a healthCheckGracePeriod.",
	Remediation: "set healthCheckType \"ELB\" and a healthCheckGracePeriod; the ECS hosts attach no target group (ECS registers tasks), so they keep EC2 checks",
	Types:       []string{autoScalingGroup},
	Reads:       map[string][]string{autoScalingGroup: {"targetGroupArns", "loadBalancers", "trafficSources", "healthCheckType", "healthCheckGracePeriod"}},
	Resource: func(r Resource, f *Findings) {
		attached := false
		for _, k := range []string{"targetGroupArns", "loadBalancers", "trafficSources"} {
			list, known := items(r.Get(k))
			attached = attached || !known || len(list) > 0
		}
		if !attached {
			return
		}
		requireOneOf(r, f, []string{"ELB"}, "EC2", "healthCheckType")
		grace, known := number(r.Get("healthCheckGracePeriod"), 0)
		switch {
		case !known:
			f.Unknown(r, "healthCheckGracePeriod")
		case grace <= 0:
			f.Fail(r, "healthCheckGracePeriod is %s; want the time a host needs to start", show(r.Get("healthCheckGracePeriod")))
		}
	},
}

package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// loadBalancer: an ALB by the hour, and its capacity units by the hour at the usage figure's average.
func loadBalancer(p *pricer, r plan.Resource) outcome {
	t := planread.String(r.Props(), "loadBalancerType")
	if t == "" {
		t = "application" // the provider's default
	}
	if t != "application" {
		return lines(p.fixed(r, charge{what: t + " load balancer hours", quantity: 1, unit: "load balancer", hourly: true, key: t + "_lb.hour"}))
	}
	return lines(
		p.fixed(r, charge{what: "ALB hours", quantity: 1, unit: "load balancer", hourly: true, key: "alb.hour"}),
		p.usage(r, charge{what: "ALB capacity unit hours", unit: "LCU", hourly: true, key: "alb.lcu_hour"},
			UsageALBLCU, 1, 1, ""),
	)
}

// instanceKey is the price dimension of an EC2 instance type ("m6i.large" → "ec2.m6i_large.hour").
func instanceKey(instanceType string) string {
	return "ec2." + strings.ReplaceAll(instanceType, ".", "_") + ".hour"
}

// autoScalingGroup: desired capacity (min size when unset) times the hourly price of the launch template's
// instance type, and the template's EBS volumes for each instance.
func autoScalingGroup(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	desired, ok := planread.Number(props, "desiredCapacity")
	if !ok {
		desired, _ = planread.Number(props, "minSize")
	}
	note := ""
	if maxSize, ok := planread.Number(props, "maxSize"); ok && maxSize > desired {
		note = fmt.Sprintf("at desired capacity; scaling out to %s instances costs more", formatNum(maxSize))
	}
	lt, ok := p.x.Dependency(r, "launchTemplate", typeLaunchTemplate)
	if !ok {
		lt, ok = p.x.Dependency(r, "mixedInstancesPolicy", typeLaunchTemplate)
	}
	if !ok {
		return lines(p.unknown(r, charge{what: "EC2 instance hours", quantity: desired, unit: "instance", hourly: true, note: note},
			"the group's launch template is not in the plan"))
	}
	ltProps := lt.Props()
	it := planread.String(ltProps, "instanceType")
	if o := firstOverride(props); o != "" {
		it = o
	}
	if it == "" {
		return lines(p.unknown(r, charge{what: "EC2 instance hours", quantity: desired, unit: "instance", hourly: true, note: note},
			"the launch template declares no instance type"))
	}
	out := []Line{p.fixed(r, charge{what: "EC2 instance hours (" + it + ")", quantity: desired, unit: "instance", hourly: true, key: instanceKey(it), note: note})}
	if planread.Bool(planread.Object(ltProps, "monitoring"), "enabled") {
		out = append(out, p.detailedMonitoring(r, desired))
	}
	for _, m := range planread.List(ltProps, "blockDeviceMappings") {
		mapping, _ := m.(map[string]any)
		ebs := planread.Object(mapping, "ebs")
		if size, ok := planread.Number(ebs, "volumeSize"); ok {
			out = append(out, p.volume(r, planread.String(mapping, "deviceName"), planread.String(ebs, "volumeType"), desired*size, "per instance of the launch template"))
		}
	}
	return lines(out...)
}

// firstOverride is the first instance type a mixed instances policy overrides the template with.
func firstOverride(props map[string]any) string {
	lt := planread.Object(planread.Object(props, "mixedInstancesPolicy"), "launchTemplate")
	for _, o := range planread.List(lt, "overrides") {
		if m, ok := o.(map[string]any); ok {
			if it := planread.String(m, "instanceType"); it != "" {
				return it
			}
		}
	}
	return ""
}

// volume prices GB-months of EBS storage of a volume type.
func (p *pricer) volume(r plan.Resource, device, volumeType string, gb float64, note string) Line {
	c := charge{what: strings.TrimSpace("EBS storage " + device), quantity: gb, unit: "GB-month", note: note}
	if volumeType == "" {
		return p.unknown(r, c, "the volume type is not declared (the AMI's default applies)")
	}
	c.what += " (" + volumeType + ")"
	c.key = "ebs." + volumeType + ".gb_month"
	return p.fixed(r, c)
}

// ec2Instance: one instance by the hour, its root and extra EBS volumes by size.
func ec2Instance(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	it := planread.String(props, "instanceType")
	out := []Line{p.fixed(r, charge{what: "EC2 instance hours (" + it + ")", quantity: 1, unit: "instance", hourly: true, key: instanceKey(it)})}
	if planread.Bool(props, "monitoring") {
		out = append(out, p.detailedMonitoring(r, 1))
	}
	if root := planread.Object(props, "rootBlockDevice"); root != nil {
		if size, ok := planread.Number(root, "volumeSize"); ok {
			out = append(out, p.volume(r, "root", planread.String(root, "volumeType"), size, ""))
		}
	}
	for _, v := range planread.List(props, "ebsBlockDevices") {
		dev, _ := v.(map[string]any)
		if size, ok := planread.Number(dev, "volumeSize"); ok {
			out = append(out, p.volume(r, planread.String(dev, "deviceName"), planread.String(dev, "volumeType"), size, ""))
		}
	}
	return lines(out...)
}

func ebsVolume(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	size, _ := planread.Number(props, "size")
	t := planread.String(props, "type")
	if t == "" {
		t = "gp3" // the provider's default for a new volume
	}
	return lines(p.volume(r, "", t, size, ""))
}

// ecrRepository: stored images at the per-repository usage figure.
func ecrRepository(p *pricer, r plan.Resource) outcome {
	return lines(p.usage(r, charge{what: "ECR image storage", unit: "GB-month", key: "ecr.storage_gb_month"},
		UsageECRGBPerRepository, 1, 1, ""))
}

// ssmActivation: hosts registered through an activation are standard-tier managed instances (no charge),
// unless the activation registers ECS Anywhere hosts (EXTERNAL services run on its component's cluster):
// ECS Anywhere is charged per registered host by the hour, priced here at the activation's registration
// limit.
func ssmActivation(p *pricer, r plan.Resource) outcome {
	if !p.x.RegistersECSAnywhereHosts(r) {
		return outcome{free: "no charge for standard-tier managed instances"}
	}
	limit, ok := planread.Number(r.Props(), "registrationLimit")
	if !ok {
		limit = 1 // the AWS default
	}
	return lines(p.fixed(r, charge{what: "ECS Anywhere host hours", quantity: limit, unit: "host", hourly: true, key: "ecs_anywhere.instance_hour",
		note: "at the activation's registration limit: every host it may register"}))
}

// detailedMetricsPerInstance is the metrics an instance sends at one-minute frequency with detailed
// monitoring, each billed as a custom metric: 7 for an instance type without instance-store metrics, as the
// price table's source (infracost's instance test) counts them; AWS bills by the metrics actually sent.
const detailedMetricsPerInstance = 7

// detailedMonitoring prices EC2 detailed monitoring for instances at the custom-metric rate.
func (p *pricer) detailedMonitoring(r plan.Resource, instances float64) Line {
	return p.fixed(r, charge{what: "EC2 detailed monitoring", quantity: instances * detailedMetricsPerInstance, unit: "metric",
		key: "cloudwatch.custom_metric_month_first_10k", note: fmt.Sprintf("%d metrics per instance", detailedMetricsPerInstance)})
}

package rules

import "testing"

// subnetsOf makes an input name subnets of the fixture by dependency, with ids unknown as at preview.
func subnetsOf(s *stack, typ, name, prop string, subnets ...string) {
	var pairs []string
	var values []any
	for _, n := range subnets {
		pairs = append(pairs, subnet, n)
		values = append(values, unknown)
	}
	s.dep(typ, name, prop, pairs...).set(typ, name, prop, values)
}

func TestAsgMultiAZ(t *testing.T) {
	const asg = "prod-compute-hosts"
	checkStack(t, AsgMultiAZ, []stackCase{
		{name: "prod's three app subnets in three zones pass"},
		{name: "dev's two pass", stack: "dev"},
		{name: "two subnets in one zone are one zone and fail", edit: func(s *stack) {
			subnetsOf(s, autoScalingGroup, asg, "vpcZoneIdentifiers", "prod-vpc-app-0", "prod-vpc-data-0")
		}, on: asg, wantFail: "spans 1 availability zone(s) (us-east-1a); want at least 2"},
		{name: "a single subnet fails", edit: func(s *stack) {
			subnetsOf(s, autoScalingGroup, asg, "vpcZoneIdentifiers", "prod-vpc-app-1")
		}, on: asg, wantFail: "spans 1 availability zone(s) (us-east-1b)"},
		{name: "subnets matched by known id count (up)", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", []any{"subnet-a", "subnet-b"}).
				output(subnet, "prod-vpc-app-0", "id", "subnet-a").output(subnet, "prod-vpc-app-1", "id", "subnet-b")
		}},
		{name: "a subnet outside the stack is re-checked", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers", subnet, "prod-vpc-app-0").set(autoScalingGroup, asg, "vpcZoneIdentifiers", []any{"subnet-elsewhere"})
		}, wantUnknown: "availability zones"},
		{name: "a subnet outside the stack beside two zones passes", edit: func(s *stack) {
			s.set(autoScalingGroup, asg, "vpcZoneIdentifiers", []any{"subnet-elsewhere"})
		}},
		{name: "an unknown zone is re-checked", edit: func(s *stack) {
			subnetsOf(s, autoScalingGroup, asg, "vpcZoneIdentifiers", "prod-vpc-app-0", "prod-vpc-app-1")
			s.set(subnet, "prod-vpc-app-1", "availabilityZone", unknown)
		}, wantUnknown: "availability zones"},
		{name: "zone ids count too", edit: func(s *stack) {
			subnetsOf(s, autoScalingGroup, asg, "vpcZoneIdentifiers", "prod-vpc-app-0", "prod-vpc-app-1")
			s.set(subnet, "prod-vpc-app-0", "availabilityZone", nil).set(subnet, "prod-vpc-app-0", "availabilityZoneId", "use1-az1").
				set(subnet, "prod-vpc-app-1", "availabilityZone", nil).set(subnet, "prod-vpc-app-1", "availabilityZoneId", "use1-az2")
		}},
		{name: "no subnets and no zones fail", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", nil)
		}, on: asg, wantFail: "spans 0 availability zone(s) (nothing)"},
		{name: "availabilityZones given instead count", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", nil).
				set(autoScalingGroup, asg, "availabilityZones", []any{"us-east-1a", "us-east-1b"})
		}},
		{name: "one zone named twice is one zone", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", nil).
				set(autoScalingGroup, asg, "availabilityZones", []any{"us-east-1a", "us-east-1a"})
		}, on: asg, wantFail: "spans 1 availability zone(s) (us-east-1a)"},
		{name: "an unknown zone list is re-checked", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", nil).
				set(autoScalingGroup, asg, "availabilityZones", unknown)
		}, wantUnknown: "availability zones"},
		{name: "subnets known by id in one zone fail", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", []any{"subnet-a", "subnet-b"}).
				output(subnet, "prod-vpc-app-0", "id", "subnet-a").output(subnet, "prod-vpc-data-0", "id", "subnet-b")
		}, on: asg, wantFail: "spans 1 availability zone(s)"},
		{name: "unknown zones are re-checked", edit: func(s *stack) {
			s.dep(autoScalingGroup, asg, "vpcZoneIdentifiers").set(autoScalingGroup, asg, "vpcZoneIdentifiers", nil).
				set(autoScalingGroup, asg, "availabilityZones", []any{"us-east-1a", unknown})
		}, wantUnknown: "availability zones"},
	})
}

func TestAsgInstanceTypes(t *testing.T) {
	checkRule(t, AsgInstanceTypes, autoScalingGroup, inputsOf(t, "prod", autoScalingGroup, "prod-compute-hosts"), []mutation{
		{name: "two instance types pass"},
		{name: "one override fails", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[1]": nil}, wantFail: "launches 1 instance type(s) (m7i.large); want at least 2"},
		{name: "the same type twice is one type", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[1].instanceType": "m7i.large"}, wantFail: "launches 1 instance type(s)"},
		{name: "an unknown override beside one type is re-checked", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[1].instanceType": unknown}, wantUnknown: "overrides"},
		{name: "unknown overrides are re-checked", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides": unknown}, wantUnknown: "overrides"},
		{name: "an override without a type is not a type", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[1].instanceType": nil}, wantFail: "launches 1"},
		{name: "an unknown override before a known one is re-checked", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[0].instanceType": unknown}, wantUnknown: "overrides"},
	})
	checkRule(t, AsgInstanceTypes, autoScalingGroup, inputsOf(t, "dev", autoScalingGroup, "dev-compute-hosts"), []mutation{
		{name: "dev's single launch template type fails (advisory in dev)", wantFail: "launches 0 instance type(s) (nothing)"},
	})
}

func TestAsgELBHealthCheck(t *testing.T) {
	checkRule(t, AsgELBHealthCheck, autoScalingGroup, inputsOf(t, "prod", autoScalingGroup, "prod-compute-hosts"), []mutation{
		{name: "the ECS hosts attach no target group and keep EC2 checks"},
		{name: "target groups with EC2 checks fail", set: map[string]any{"targetGroupArns": []any{"arn:tg"}}, wantFail: `healthCheckType is "EC2"; want "ELB"`},
		{name: "classic load balancers with EC2 checks fail", set: map[string]any{"loadBalancers": []any{"clb"}}, wantFail: "healthCheckType"},
		{name: "traffic sources with unset checks fail", set: map[string]any{"trafficSources": []any{map[string]any{"identifier": "arn:tg"}}, "healthCheckType": nil},
			wantFail: "healthCheckType is unset"},
		{name: "target groups with ELB checks pass", set: map[string]any{"targetGroupArns": []any{"arn:tg"}, "healthCheckType": "ELB"}},
		{name: "unknown target groups count as attached", set: map[string]any{"targetGroupArns": unknown}, wantFail: "healthCheckType"},
		{name: "ELB checks without a grace period fail", set: map[string]any{"targetGroupArns": []any{"arn:tg"}, "healthCheckType": "ELB", "healthCheckGracePeriod": 0},
			wantFail: "healthCheckGracePeriod is 0"},
		{name: "ELB checks with an unset grace period fail", set: map[string]any{"targetGroupArns": []any{"arn:tg"}, "healthCheckType": "ELB", "healthCheckGracePeriod": nil},
			wantFail: "healthCheckGracePeriod is unset"},
		{name: "ELB checks with a one-second grace period pass", set: map[string]any{"targetGroupArns": []any{"arn:tg"}, "healthCheckType": "ELB", "healthCheckGracePeriod": 1}},
		{name: "an unknown check type is re-checked", set: map[string]any{"targetGroupArns": []any{"arn:tg"}, "healthCheckType": unknown}, wantUnknown: "healthCheckType"},
		{name: "an unknown grace period is re-checked", set: map[string]any{"targetGroupArns": []any{"arn:tg"}, "healthCheckType": "ELB", "healthCheckGracePeriod": unknown}, wantUnknown: "healthCheckGracePeriod"},
	})
}

func TestAsgLaunchTemplate(t *testing.T) {
	checkRule(t, AsgLaunchTemplate, autoScalingGroup, inputsOf(t, "prod", autoScalingGroup, "prod-compute-hosts"), []mutation{
		{name: "a mixed-instances launch template passes"},
		{name: "a launch configuration fails", set: map[string]any{"launchConfiguration": "lc-1"}, wantFail: `launchConfiguration is "lc-1"; want a launch template`},
		{name: "no template fails", set: map[string]any{"mixedInstancesPolicy": nil}, wantFail: "neither launchTemplate nor"},
	})
	checkRule(t, AsgLaunchTemplate, autoScalingGroup, inputsOf(t, "dev", autoScalingGroup, "dev-compute-hosts"), []mutation{
		{name: "dev's plain launch template passes"},
		{name: "without it dev fails", set: map[string]any{"launchTemplate": nil}, wantFail: "neither launchTemplate"},
	})
}

func TestEcsCapacityProviderTerminationProtection(t *testing.T) {
	checkRule(t, EcsCapacityProviderTerminationProtection, ecsCapacityProvider, inputsOf(t, "prod", ecsCapacityProvider, "prod-compute"), []mutation{
		{name: "enabled passes"},
		{name: "disabled fails", set: map[string]any{"autoScalingGroupProvider.managedTerminationProtection": "DISABLED"}, wantFail: `managedTerminationProtection is "DISABLED"; want "ENABLED"`},
		{name: "unset fails", set: map[string]any{"autoScalingGroupProvider.managedTerminationProtection": nil}, wantFail: "is unset"},
	})
}

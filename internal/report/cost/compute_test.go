package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestAnALBIsChargedByTheHourAndItsCapacityUnitsByTheUsageFigure(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:compute:Cluster", "compute")
	s.Resource(c, typeLoadBalancer, "alb", map[string]any{"internal": true}, nil)
	s.Resource(c, typeLoadBalancer, "nlb", map[string]any{"loadBalancerType": "network"}, nil)
	r := build(t, s, Usage{}.With(UsageALBLCU, 3))

	assert.InDelta(t, 730*price(t, "alb.hour"), monthlyOf(t, line(t, r, "alb", "ALB hours")), 1e-9)
	lcu := line(t, r, "alb", "ALB capacity unit hours")
	assert.Equal(t, 3.0, lcu.Quantity, "per ALB, not shared")
	assert.InDelta(t, 3*730*price(t, "alb.lcu_hour"), monthlyOf(t, lcu), 1e-9)
	assert.Nil(t, line(t, r, "nlb", "network load balancer hours").Monthly, "no NLB price in the table: unknown")
}

func TestAnAutoScalingGroupIsItsDesiredCapacityOfTheLaunchTemplatesInstanceType(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:compute:Cluster", "compute")
	lt := s.Resource(c, typeLaunchTemplate, "hosts", map[string]any{
		"instanceType":        "m6i.large",
		"blockDeviceMappings": []any{map[string]any{"deviceName": "/dev/xvda", "ebs": map[string]any{"volumeSize": 30, "volumeType": "gp3"}}},
	}, nil)
	s.Resource(c, typeAutoScalingGroup, "hosts", map[string]any{"desiredCapacity": 2, "minSize": 1, "maxSize": 6, "launchTemplate": map[string]any{"id": "hosts_id"}},
		map[string][]plan.Resource{"launchTemplate": {lt}})
	s.Resource(c, typeAutoScalingGroup, "orphan", map[string]any{"minSize": 1}, nil)
	r := build(t, s, Usage{})

	var group []Line
	for _, l := range linesOf(r, "hosts") {
		if l.Type == typeAutoScalingGroup {
			group = append(group, l)
		}
	}
	ec2 := line(t, r, "hosts", "EC2 instance hours (m6i.large)")
	assert.Equal(t, 2.0, ec2.Quantity, "desired capacity")
	assert.InDelta(t, 2*730*price(t, "ec2.m6i_large.hour"), monthlyOf(t, ec2), 1e-9)
	assert.Contains(t, ec2.Note, "scaling out to 6 instances costs more")
	ebs := line(t, r, "hosts", "EBS storage /dev/xvda (gp3)")
	assert.Equal(t, 60.0, ebs.Quantity, "30 GB per instance × 2")
	assert.InDelta(t, 60*price(t, "ebs.gp3.gb_month"), monthlyOf(t, ebs), 1e-9)
	assert.Len(t, group, 2)
	assert.Contains(t, r.Free, TypeCount{Type: typeLaunchTemplate, Count: 1, Reason: pricedViaASG})

	orphan := line(t, r, "orphan", "EC2 instance hours")
	assert.Nil(t, orphan.Monthly)
	assert.Equal(t, 1.0, orphan.Quantity, "min size when desired is unset")
	assert.Contains(t, orphan.Note, "launch template is not in the plan")
}

func TestAnEC2InstanceAndAVolumeArePricedBySizeAndType(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:data:FileGateway", "gateway")
	s.Resource(c, typeEC2Instance, "vm", map[string]any{
		"instanceType":    "m6i.xlarge",
		"rootBlockDevice": map[string]any{"volumeSize": 80, "volumeType": "gp3"},
		"ebsBlockDevices": []any{map[string]any{"deviceName": "/dev/sdb", "volumeSize": 150}},
	}, nil)
	s.Resource(c, typeEBSVolume, "cache", map[string]any{"size": 200}, nil)
	r := build(t, s, Usage{})

	assert.InDelta(t, 730*price(t, "ec2.m6i_xlarge.hour"), monthlyOf(t, line(t, r, "vm", "EC2 instance hours (m6i.xlarge)")), 1e-9)
	assert.InDelta(t, 80*price(t, "ebs.gp3.gb_month"), monthlyOf(t, line(t, r, "vm", "EBS storage root (gp3)")), 1e-9)
	sdb := line(t, r, "vm", "EBS storage /dev/sdb")
	assert.Nil(t, sdb.Monthly, "no declared volume type: unknown, not guessed")
	assert.InDelta(t, 200*price(t, "ebs.gp3.gb_month"), monthlyOf(t, line(t, r, "cache", "EBS storage (gp3)")), 1e-9, "gp3 is the provider's default")
}

func TestECRRepositoriesStoreTheUsageFigureEach(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:compute:Cluster", "compute")
	s.Resource(c, typeECRRepository, "api", nil, nil)
	s.Resource(c, typeECRRepository, "web", nil, nil)
	r := build(t, s, Usage{}.With(UsageECRGBPerRepository, 4))
	for _, name := range []string{"api", "web"} {
		l := line(t, r, name, "ECR image storage")
		assert.Equal(t, 4.0, l.Quantity)
		assert.InDelta(t, 4*price(t, "ecr.storage_gb_month"), monthlyOf(t, l), 1e-9)
	}
}

func TestAnActivationForECSAnywhereIsChargedPerHostItMayRegister(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:compute:Cluster", "compute")
	cluster := s.Resource(c, planread.TypeECSCluster, "cluster", nil, nil)
	s.Resource(c, typeSSMActivation, "anywhere", map[string]any{"registrationLimit": 4}, nil)
	svc := s.Component("hybridcloud:compute:Services", "services")
	s.Resource(svc, planread.TypeECSService, "batch", map[string]any{"launchType": "EXTERNAL"}, map[string][]plan.Resource{"cluster": {cluster}})
	s.Resource(svc, planread.TypeECSService, "api", map[string]any{"launchType": "EC2"}, map[string][]plan.Resource{"cluster": {cluster}})
	m := s.Component("hybridcloud:hybrid:Management", "management")
	s.Resource(m, typeSSMActivation, "servers", map[string]any{"registrationLimit": 20}, nil)
	r := build(t, s, Usage{})

	hosts := line(t, r, "anywhere", "ECS Anywhere host hours")
	assert.Equal(t, 4.0, hosts.Quantity, "the registration limit")
	assert.InDelta(t, 4*730*price(t, "ecs_anywhere.instance_hour"), monthlyOf(t, hosts), 1e-9)
	assert.Empty(t, linesOf(r, "servers"), "standard-tier managed instances are free")
	assert.Contains(t, r.Free, TypeCount{Type: typeSSMActivation, Count: 1, Reason: "no charge for standard-tier managed instances"})
}

func TestDetailedMonitoringIsChargedPerMetricOfEachInstance(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:compute:Cluster", "cluster")
	lt := s.Resource(c, typeLaunchTemplate, "hosts", map[string]any{"instanceType": "t3.medium", "monitoring": map[string]any{"enabled": true}}, nil)
	s.Resource(c, typeAutoScalingGroup, "hosts", map[string]any{"desiredCapacity": 3}, map[string][]plan.Resource{"launchTemplate": {lt}})
	s.Resource(c, typeEC2Instance, "vm", map[string]any{"instanceType": "t3.medium", "monitoring": true}, nil)
	r := build(t, s, Usage{})
	asg := line(t, r, "hosts", "EC2 detailed monitoring")
	assert.Equal(t, 21.0, asg.Quantity, "7 metrics for each of 3 instances")
	assert.InDelta(t, 21*price(t, "cloudwatch.custom_metric_month_first_10k"), monthlyOf(t, asg), 1e-9)
	assert.Equal(t, 7.0, line(t, r, "vm", "EC2 detailed monitoring").Quantity)
}

package compute

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// testHostRefs are what a launch template refers to, as plain values for the builder tests.
var testHostRefs = hostRefs{
	ProfileARN: pulumi.String("arn:profile"), ImageID: pulumi.String("ami-1"), KeyARN: pulumi.String("arn:key"),
	SecurityGroupID: pulumi.String("sg-hosts"), UserData: pulumi.String("dXNlcg=="),
}

func TestLaunchTemplateHasNoPublicIPRequiresIMDSv2AndEncryptsItsRootVolume(t *testing.T) {
	s := testClusterArgs().Settings
	lt := launchTemplateArgs("c", s, map[string]string{"Name": "c-host"}, testHostRefs)

	assert.Equal(t, pulumi.String("m7i.large"), lt.InstanceType, "the first instance type is the template's")
	assert.Equal(t, pulumi.String("ami-1"), lt.ImageId)
	assert.Equal(t, pulumi.String("dXNlcg=="), lt.UserData)
	assert.Equal(t, &ec2.LaunchTemplateIamInstanceProfileArgs{Arn: pulumi.String("arn:profile")}, lt.IamInstanceProfile)

	meta := lt.MetadataOptions.(*ec2.LaunchTemplateMetadataOptionsArgs)
	assert.Equal(t, pulumi.String("required"), meta.HttpTokens, "IMDSv2 only")
	assert.Equal(t, pulumi.Int(1), meta.HttpPutResponseHopLimit, "no container reaches IMDS: the agent is on the host network, tasks get credentials from the agent")

	nics := lt.NetworkInterfaces.(ec2.LaunchTemplateNetworkInterfaceArray)
	require.Len(t, nics, 1)
	nic := nics[0].(ec2.LaunchTemplateNetworkInterfaceArgs)
	assert.Equal(t, pulumi.String("false"), nic.AssociatePublicIpAddress)
	assert.Equal(t, pulumi.StringArray{pulumi.String("sg-hosts")}, nic.SecurityGroups, "hosts use the host security group")

	disks := lt.BlockDeviceMappings.(ec2.LaunchTemplateBlockDeviceMappingArray)
	require.Len(t, disks, 1)
	disk := disks[0].(ec2.LaunchTemplateBlockDeviceMappingArgs)
	assert.Equal(t, pulumi.String("/dev/xvda"), disk.DeviceName)
	ebs := disk.Ebs.(*ec2.LaunchTemplateBlockDeviceMappingEbsArgs)
	assert.Equal(t, pulumi.String("true"), ebs.Encrypted)
	assert.Equal(t, pulumi.String("gp3"), ebs.VolumeType)
	assert.Equal(t, pulumi.Int(50), ebs.VolumeSize)
	assert.Equal(t, pulumi.String("arn:key"), ebs.KmsKeyId, "the cluster's own key encrypts the volumes")

	specs := lt.TagSpecifications.(ec2.LaunchTemplateTagSpecificationArray)
	require.Len(t, specs, 1)
	assert.Equal(t, ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("volume"), Tags: pulumi.StringMap{"Name": pulumi.String("c-host")}},
		specs[0], "the group tags the instances; the template tags only their volumes")
}

func TestHostTagsCarryTheStacksTagsAndThePatchGroup(t *testing.T) {
	s := testClusterArgs().Settings
	assert.Equal(t, map[string]string{"Name": "c-host", "Environment": "prod", spec.PatchGroupTag: "ecs-hosts"},
		hostTags("c", s, map[string]string{"Environment": "prod"}))
	s.PatchGroup = ""
	assert.Equal(t, map[string]string{"Name": "c-host"}, hostTags("c", s, nil), "no patch group, no tag")
}

func TestGroupArgsFollowTheInstanceTypesAndProtection(t *testing.T) {
	cases := []struct {
		name          string
		instanceTypes []string
		protect       bool
	}{
		{"one type: the plain launch template", []string{"t3.medium"}, false},
		{"several types: a mixed-instances policy in their order", []string{"m7i.large", "m6i.large"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := testClusterArgs().Settings
			s.InstanceTypes, s.Protect = tc.instanceTypes, tc.protect
			subnets := pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b")}
			g := groupArgs(s, subnets, pulumi.String("lt-1"), pulumi.String("3"), map[string]string{"Name": "c-host", "B": "2"})

			assert.Equal(t, subnets, g.VpcZoneIdentifiers)
			assert.Equal(t, pulumi.Int(3), g.MinSize)
			assert.Equal(t, pulumi.Int(9), g.MaxSize)
			assert.Equal(t, pulumi.Bool(true), g.ProtectFromScaleIn, "managed termination protection needs it")
			assert.Equal(t, pulumi.Bool(!tc.protect), g.ForceDelete, "unprotected, a destroy does not wait for hosts ECS protects")
			refresh := g.InstanceRefresh.(*autoscaling.GroupInstanceRefreshArgs)
			prefs := refresh.Preferences.(*autoscaling.GroupInstanceRefreshPreferencesArgs)
			assert.Equal(t, pulumi.String("Refresh"), prefs.ScaleInProtectedInstances, "protected hosts are replaced too")
			assert.Equal(t, pulumi.Int(100), prefs.MinHealthyPercentage, "replacements launch before old hosts go")
			assert.Equal(t, autoscaling.GroupTagArray{
				autoscaling.GroupTagArgs{Key: pulumi.String("AmazonECSManaged"), Value: pulumi.String(""), PropagateAtLaunch: pulumi.Bool(true)},
				autoscaling.GroupTagArgs{Key: pulumi.String("B"), Value: pulumi.String("2"), PropagateAtLaunch: pulumi.Bool(true)},
				autoscaling.GroupTagArgs{Key: pulumi.String("Name"), Value: pulumi.String("c-host"), PropagateAtLaunch: pulumi.Bool(true)},
			}, g.Tags, "sorted, capacity-provider managed, propagated to the hosts")

			if len(tc.instanceTypes) == 1 {
				assert.Nil(t, g.MixedInstancesPolicy)
				assert.Equal(t, &autoscaling.GroupLaunchTemplateArgs{Id: pulumi.String("lt-1"), Version: pulumi.String("3")}, g.LaunchTemplate)
				return
			}
			assert.Nil(t, g.LaunchTemplate)
			mixed := g.MixedInstancesPolicy.(*autoscaling.GroupMixedInstancesPolicyArgs)
			lt := mixed.LaunchTemplate.(*autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs)
			assert.Equal(t, &autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs{
				LaunchTemplateId: pulumi.String("lt-1"), Version: pulumi.String("3"),
			}, lt.LaunchTemplateSpecification, "the group follows the template's latest version")
			assert.Equal(t, autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArray{
				autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs{InstanceType: pulumi.String("m7i.large")},
				autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs{InstanceType: pulumi.String("m6i.large")},
			}, lt.Overrides)
			dist := mixed.InstancesDistribution.(*autoscaling.GroupMixedInstancesPolicyInstancesDistributionArgs)
			assert.Equal(t, pulumi.String("prioritized"), dist.OnDemandAllocationStrategy, "in the listed order of preference")
			assert.Equal(t, pulumi.Int(100), dist.OnDemandPercentageAboveBaseCapacity, "on demand only")
		})
	}
}

func TestUserDataJoinsTheClusterAndKeepsTasksAwayFromIMDS(t *testing.T) {
	script, err := base64.StdEncoding.DecodeString(userData("c"))
	require.NoError(t, err)
	for _, line := range []string{"ECS_CLUSTER=c\n", "ECS_ENABLE_CONTAINER_METADATA=true\n", "ECS_AWSVPC_BLOCK_IMDS=true\n"} {
		assert.Contains(t, string(script), line)
	}
}

func TestHostsAreWiredToTheAMIParameterTheKeyTheGroupAndTheSubnets(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	lt := plantest.Named(t, res, token.EC2LaunchTemplate, "c-hosts").Props()
	assert.Equal(t, "ami-0123456789abcdef0", lt["imageId"], "the AMI comes from the ECS-optimized SSM parameter")
	assert.Equal(t, []any{"c-hosts_id"}, lt["networkInterfaces"].([]any)[0].(map[string]any)["securityGroups"])
	assert.Equal(t, testClusterKey, lt["blockDeviceMappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any)["kmsKeyId"])
	script, err := base64.StdEncoding.DecodeString(lt["userData"].(string))
	require.NoError(t, err)
	assert.Contains(t, string(script), "ECS_CLUSTER=c\n", "the hosts join this cluster")

	g := plantest.Named(t, res, token.AutoScalingGroup, "c-hosts").Props()
	assert.Equal(t, []any{"subnet-a", "subnet-b", "subnet-c"}, g["vpcZoneIdentifiers"])
	tags := map[string]any{}
	for _, tag := range g["tags"].([]any) {
		tags[tag.(map[string]any)["key"].(string)] = tag.(map[string]any)["value"]
	}
	assert.Equal(t, "prod", tags["Environment"], "instance tags reach the hosts")
	assert.Equal(t, "ecs-hosts", tags[spec.PatchGroupTag], "the hosts join their patch group")
	template := g["mixedInstancesPolicy"].(map[string]any)["launchTemplate"].(map[string]any)["launchTemplateSpecification"].(map[string]any)
	assert.Equal(t, map[string]any{"launchTemplateId": "c-hosts_id", "version": "1"}, template, "the template's latest version")
}

func TestCapacityProviderManagesScalingAndTerminationAndIsTheDefault(t *testing.T) {
	res, d := run(t, testClusterArgs(), nil, plan.Up)
	asg := plantest.Named(t, res, token.ECSCapacityProvider, "c").Props()["autoScalingGroupProvider"].(map[string]any)
	assert.Equal(t, "arn:aws:autoscaling:us-east-1:123456789012:c-hosts", asg["autoScalingGroupArn"], "wired to the host group")
	assert.Equal(t, "ENABLED", asg["managedTerminationProtection"])
	assert.Equal(t, "ENABLED", asg["managedDraining"])
	scaling := asg["managedScaling"].(map[string]any)
	assert.Equal(t, "ENABLED", scaling["status"])
	assert.Equal(t, float64(80), scaling["targetCapacity"])

	attached := plantest.Named(t, res, token.ECSClusterCapacityProviders, "c").Props()
	assert.Equal(t, "c", attached["clusterName"])
	assert.Equal(t, []any{"c"}, attached["capacityProviders"])
	assert.Equal(t, []any{map[string]any{"capacityProvider": "c", "weight": float64(1), "base": float64(0)}}, attached["defaultCapacityProviderStrategies"])
	assert.Equal(t, "c", plantest.Await(t, d.cluster.CapacityProviderName).Value)
}

func TestClusterHasContainerInsightsAndEncryptedLoggedExec(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	c := plantest.Named(t, res, token.ECSCluster, "c").Props()
	assert.Contains(t, c["settings"], map[string]any{"name": "containerInsights", "value": "enabled"})
	exec := c["configuration"].(map[string]any)["executeCommandConfiguration"].(map[string]any)
	assert.Equal(t, "OVERRIDE", exec["logging"])
	assert.Equal(t, testExecKey, exec["kmsKeyId"], "sessions have a key of their own")
	logs := exec["logConfiguration"].(map[string]any)
	assert.Equal(t, true, logs["cloudWatchEncryptionEnabled"])
	assert.Equal(t, "c-exec", logs["cloudWatchLogGroupName"])

	group := plantest.Named(t, res, token.CloudWatchLogGroup, "c-exec").Props()
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group["kmsKeyId"], "the stack's logs key")
	assert.Equal(t, float64(365), group["retentionInDays"])
}

func TestLoadBalancerIsInternalInTheAppSubnetsWithAccessLogs(t *testing.T) {
	for _, protect := range []bool{true, false} {
		args := testClusterArgs()
		args.Settings.Protect = protect
		res, _ := run(t, args, nil, plan.Up)
		alb := plantest.Named(t, res, token.LBLoadBalancer, "c").Props()
		assert.Equal(t, true, alb["internal"], "never internet-facing")
		assert.Equal(t, []any{"subnet-a", "subnet-b", "subnet-c"}, alb["subnets"])
		assert.Equal(t, []any{"c-alb_id"}, alb["securityGroups"])
		assert.Equal(t, true, alb["dropInvalidHeaderFields"])
		assert.Equal(t, protect, alb["enableDeletionProtection"], "deletion protection follows Protect")
		assert.Equal(t, map[string]any{"bucket": "c-alb-logs-bucket", "prefix": "alb", "enabled": true}, alb["accessLogs"])
	}
}

func TestListenerProtocolFollowsTheCertificate(t *testing.T) {
	t.Run("with a certificate: HTTPS with a TLS 1.3 policy and a redirect", func(t *testing.T) {
		res, d := run(t, testClusterArgs(), nil, plan.Up)
		https := plantest.Named(t, res, token.LBListener, "c-https").Props()
		assert.Equal(t, "HTTPS", https["protocol"])
		assert.Equal(t, float64(443), https["port"])
		assert.Equal(t, TLSPolicy, https["sslPolicy"])
		assert.Equal(t, testCertificate, https["certificateArn"])
		redirect := plantest.Named(t, res, token.LBListener, "c-http").Props()["defaultActions"].([]any)[0].(map[string]any)
		assert.Equal(t, "redirect", redirect["type"])
		assert.Equal(t, "HTTPS", redirect["redirect"].(map[string]any)["protocol"])
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:c-https", plantest.Await(t, d.cluster.ListenerARN).Value, "rules attach to HTTPS")
	})
	t.Run("without: plain HTTP only", func(t *testing.T) {
		args := testClusterArgs()
		args.Settings.LoadBalancer.CertificateARN = ""
		res, d := run(t, args, nil, plan.Up)
		assert.Len(t, res.OfType(token.LBListener), 1)
		http := plantest.Named(t, res, token.LBListener, "c-http").Props()
		assert.Equal(t, "HTTP", http["protocol"])
		assert.Equal(t, "fixed-response", http["defaultActions"].([]any)[0].(map[string]any)["type"])
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:c-http", plantest.Await(t, d.cluster.ListenerARN).Value)
	})
}

func TestSecurityGroupsAdmitOnlyTheirSources(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	var albSources []string
	for _, r := range plantest.Every(t, res, token.VPCSecurityGroupIngressRule, 4) {
		p := r.Props()
		assert.NotEqual(t, "0.0.0.0/0", p["cidrIpv4"], "%s admits the internet", r.Name)
		assert.Equal(t, "c-alb_id", p["securityGroupId"], "%s: only the load balancer has ingress in the cluster", r.Name)
		assert.Equal(t, p["fromPort"], p["toPort"], r.Name)
		albSources = append(albSources, fmt.Sprintf("%s:%v", p["cidrIpv4"], p["fromPort"]))
	}
	assert.ElementsMatch(t, []string{"10.10.0.0/16:443", "172.20.0.0/16:443", "10.10.0.0/16:80", "172.20.0.0/16:80"}, albSources,
		"the listener ports from the VPC and on premises, nothing else")

	// No egress to the internet: the hosts pull upstream images through the pull-through cache (issue 20).
	egress := map[string]map[string]any{}
	for _, r := range plantest.Every(t, res, token.VPCSecurityGroupEgressRule, 4) {
		p := r.Props()
		assert.NotEqual(t, "0.0.0.0/0", p["cidrIpv4"], "%s sends to the internet", r.Name)
		assert.NotEqual(t, "c-alb_id", p["securityGroupId"], "%s: the load balancer's egress goes to tasks only (added per service port)", r.Name)
		egress[r.Name] = p
	}
	require.Len(t, egress, 4, "hosts: endpoints and S3; tasks: S3 and the VPC; the load balancer none until services open their ports")
	for name, to := range map[string][2]string{
		"c-hosts-https-endpoints": {"referencedSecurityGroupId", "sg-endpoints"},
		"c-hosts-https-s3":        {"prefixListId", "pl-63a5400a"},
		"c-tasks-https-s3":        {"prefixListId", "pl-63a5400a"},
	} {
		p := egress[name]
		assert.Equal(t, to[1], p[to[0]], name)
		assert.Equal(t, "tcp", p["ipProtocol"], name)
		assert.Equal(t, float64(443), p["fromPort"], name)
		assert.Equal(t, float64(443), p["toPort"], name)
	}
	assert.Equal(t, "10.10.0.0/16", egress["c-tasks-vpc-out"]["cidrIpv4"])
	for _, sg := range plantest.Every(t, res, token.EC2SecurityGroup, 3) {
		assert.NotContains(t, sg.Props(), "ingress", "%s: rules are separate resources", sg.Name)
	}
}

func TestAccessLogBucketIsLockedDownAndExpires(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	bucket := plantest.Named(t, res, token.S3BucketV2, "c-alb-logs")
	assert.True(t, bucket.Protect, "protected when Protect is set")
	assert.Equal(t, false, bucket.Props()["forceDestroy"])
	assert.Equal(t, plantest.Named(t, res, AccessLogsType, "c-alb-logs").URN, bucket.Parent, "the bucket is the access-log component's")

	sse := plantest.Named(t, res, token.S3BucketServerSideEncryptionConfigurationV2, "c-alb-logs").Props()
	assert.Equal(t, "AES256", sse["rules"].([]any)[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"],
		"ELB can only deliver to SSE-S3")
	pab := plantest.Named(t, res, token.S3BucketPublicAccessBlock, "c-alb-logs").Props()
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equal(t, true, pab[k], k)
	}
	assert.Equal(t, "BucketOwnerEnforced", plantest.Named(t, res, token.S3BucketOwnershipControls, "c-alb-logs").Props()["rule"].(map[string]any)["objectOwnership"])
	assert.Equal(t, "Enabled", plantest.Named(t, res, token.S3BucketVersioningV2, "c-alb-logs").Props()["versioningConfiguration"].(map[string]any)["status"])
	rule := plantest.Named(t, res, token.S3BucketLifecycleConfigurationV2, "c-alb-logs").Props()["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"days": float64(365)}, rule["expiration"])

	sids := plantest.Statements(t, plantest.Named(t, res, token.S3BucketPolicy, "c-alb-logs").Props()["policy"])
	require.Len(t, sids, 2)
	delivers := sids["ElbDeliversAccessLogs"]
	assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::127311923021:root"}, delivers["Principal"], "the regional ELB account")
	assert.Equal(t, "arn:aws:s3:::c-alb-logs-bucket/alb/AWSLogs/123456789012/*", delivers["Resource"], "this account's prefix only")
	tls := sids["DenyInsecureTransport"]
	assert.Equal(t, "Deny", tls["Effect"])
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, tls["Condition"], "TLS only")
}

func TestProtectKeepsTheClustersStateThroughADestroy(t *testing.T) {
	for _, protect := range []bool{true, false} {
		t.Run(fmt.Sprint("protect=", protect), func(t *testing.T) {
			args := testClusterArgs()
			args.Settings.Protect = protect
			res, _ := run(t, args, nil, plan.Up)
			bucket := plantest.Named(t, res, token.S3BucketV2, "c-alb-logs")
			assert.Equal(t, protect, bucket.Protect)
			assert.Equal(t, !protect, bucket.Props()["forceDestroy"])
			assert.Equal(t, !protect, plantest.Named(t, res, token.AutoScalingGroup, "c-hosts").Props()["forceDelete"])
			assert.Equal(t, protect, plantest.Named(t, res, token.CloudWatchLogGroup, "c-exec").RetainOnDelete)
			assert.Equal(t, protect, plantest.Named(t, res, token.KMSKey, "c").Protect, "the key the images are encrypted with is kept like them")
			assert.Equal(t, protect, plantest.Named(t, res, token.KMSKey, "c-exec").Protect, "the exec key too")
		})
	}
}

func TestClusterKeySeparatesAdministratorsFromAutoScalingAndTemplateRoles(t *testing.T) {
	args := testClusterArgs()
	args.RepositoryCreationRoles = []string{"dr-replication-template"}
	res, _ := run(t, args, nil, plan.Up)
	sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "c").Props()["policy"])
	assert.ElementsMatch(t, []string{"KeyAdministration", "AdministratorsLetAWSServicesUseTheKeyForTheirResources", "AutoScalingUsesForVolumes",
		"AutoScalingUsesForVolumesGrants", "ECRCreatesRepositoriesFromTemplates", "ECRCreatesRepositoriesFromTemplatesGrants",
		"PullThroughCacheReadsCredentials", "OnlyBreakGlassDestroysTheKey"}, slices.Collect(maps.Keys(sids)), "no exec user: sessions have their own key")
	assert.Equal(t, map[string]any{"AWS": []any{testKeyAdmin}}, sids["KeyAdministration"]["Principal"])
	const slr = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
	assert.Equal(t, map[string]any{"AWS": []any{slr}}, sids["AutoScalingUsesForVolumes"]["Principal"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:CallerAccount": "123456789012"}}, sids["AutoScalingUsesForVolumes"]["Condition"])
	assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": true}, sids["AutoScalingUsesForVolumesGrants"]["Condition"].(map[string]any)["Bool"],
		"grants only for AWS resources (the volumes)")
	templates := sids["ECRCreatesRepositoriesFromTemplates"]
	assert.Equal(t, []any{"kms:DescribeKey", "kms:RetireGrant"}, templates["Action"])
	assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/dr-replication-template-*", "arn:aws:iam::123456789012:role/c-cache-*"}},
		templates["Condition"].(map[string]any)["ArnLike"], "the given creation roles and the cache's own")
	assert.Equal(t, map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": []any{"ecr.us-east-1.amazonaws.com"}},
		templates["Condition"].(map[string]any)["StringEquals"], "only through ECR")
	templateGrants := sids["ECRCreatesRepositoriesFromTemplatesGrants"]["Condition"].(map[string]any)
	assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": true}, templateGrants["Bool"], "grants for the repositories only")
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": testBreakGlass}}, sids["OnlyBreakGlassDestroysTheKey"]["Condition"])

	args.Settings.ImageCache.Upstreams, args.RepositoryCreationRoles = nil, nil
	res, _ = run(t, args, nil, plan.Up)
	assert.NotContains(t, plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "c").Props()["policy"]), "ECRCreatesRepositoriesFromTemplates",
		"no template, no creation role")
}

func TestExecKeyLetsOnlyExecTasksDecryptSessions(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "c-exec").Props()["policy"])
	assert.ElementsMatch(t, []string{"KeyAdministration", "AdministratorsLetAWSServicesUseTheKeyForTheirResources", "ExecTasksDecryptSessions",
		"OperatorsStartExecSessions", "OnlyBreakGlassDestroysTheKey"}, slices.Collect(maps.Keys(sids)))
	exec := sids["ExecTasksDecryptSessions"]
	assert.Equal(t, []any{"kms:Decrypt"}, exec["Action"])
	assert.Equal(t, map[string]any{"AWS": "*"}, exec["Principal"])
	assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/s-scanner-task-*"}}, exec["Condition"].(map[string]any)["ArnLike"])
	ops := sids["OperatorsStartExecSessions"]
	assert.Equal(t, []any{"kms:GenerateDataKey"}, ops["Action"], "starting a session encrypts; only the tasks decrypt")
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": testBreakGlass}}, sids["OnlyBreakGlassDestroysTheKey"]["Condition"])

	args := testClusterArgs()
	args.ExecTaskRoles = nil
	res, _ = run(t, args, nil, plan.Up)
	assert.False(t, slices.ContainsFunc(res.Resources, func(r plan.Resource) bool { return r.Type == token.KMSKey && r.Name == "c-exec" }),
		"no exec service, no exec key")
	exec = plantest.Named(t, res, token.ECSCluster, "c").Props()["configuration"].(map[string]any)["executeCommandConfiguration"].(map[string]any)
	assert.Equal(t, testClusterKey, exec["kmsKeyId"], "the cluster key, which lets nobody decrypt a session")
}

func TestHostRolesHoldTheClusterScopedAgentPolicyAndSSMCoreAsSeparateAttachments(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	const clusterARN = "arn:aws:ecs:us-east-1:123456789012:c"
	for _, role := range []string{"c-hosts", "c-anywhere"} {
		props := plantest.Named(t, res, token.IAMRole, role).Props()
		assert.NotContains(t, props, "managedPolicyArns", "%s: attachments only, never the exclusive list", role)
		attach := plantest.Named(t, res, token.IAMRolePolicyAttachment, role+"-ssm-core").Props()
		assert.Equal(t, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", attach["policyArn"])
		assert.Equal(t, role, attach["role"])
		sids := plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, role+"-ecs-agent").Props()["policy"])
		assert.Equal(t, clusterARN, sids["RegisterInThisCluster"]["Resource"].([]any)[0], role)
		assert.ElementsMatch(t, []any{"ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:UpdateContainerInstancesState",
			"ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange", "ecs:SubmitAttachmentStateChanges"}, sids["RegisterInThisCluster"]["Action"])
		assert.Equal(t, map[string]any{"ArnEquals": map[string]any{"ecs:cluster": clusterARN}}, sids["PollAsThisClustersInstance"]["Condition"], role)
		assert.Equal(t, []any{"ecs:DiscoverPollEndpoint"}, sids["DiscoverPollEndpoint"]["Action"])
		for sid, st := range sids {
			if st["Effect"] == "Deny" {
				continue
			}
			for _, a := range st["Action"].([]any) {
				assert.NotRegexp(t, `^(ecr|logs|ecs:CreateCluster)`, a, "%s %s: the execution roles pull images and write logs", role, sid)
			}
		}
		fence := sids["ReadParametersOnlyUnderTheStacksPath"]
		assert.Equal(t, "Deny", fence["Effect"], role)
		assert.Equal(t, []any{"arn:aws:ssm:*:*:parameter/aws/*", "arn:aws:ssm:*:*:parameter/hybridcloud/prod/*"}, fence["NotResource"], role)
		if role == "c-hosts" {
			assert.Equal(t, []any{"ec2:DescribeTags"}, sids["ReadOwnTags"]["Action"])
			assert.NotContains(t, plantest.Trust(t, props["assumeRolePolicy"]), "Condition", "EC2 sends no source keys")
		} else {
			assert.NotContains(t, sids, "ReadOwnTags", "an on-premises host has no EC2 tags")
			assert.Equal(t, map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
				"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ssm:us-east-1:123456789012:*"},
			}, plantest.Trust(t, props["assumeRolePolicy"])["Condition"], "only this account's SSM in the region registers hosts")
		}
	}
}

func TestAnywhereActivationIsBoundedTaggedAndItsOutputsAreSecret(t *testing.T) {
	for _, mode := range plantest.Modes {
		t.Run(mode.String(), func(t *testing.T) {
			res, d := run(t, testClusterArgs(), nil, mode)
			act := plantest.Named(t, res, token.SSMActivation, "c-anywhere").Props()
			assert.Equal(t, float64(4), act["registrationLimit"], "one registration per listed host")
			// plantest.Now is 2030-01-15T09:30Z: its 14-day window started on 2030-01-14, 30 days less an hour
			// before the expiry.
			assert.Equal(t, "2030-02-12T23:00:00Z", act["expirationDate"])
			assert.Equal(t, map[string]any{"Name": "c-onprem", spec.PatchGroupTag: "onprem-linux"}, act["tags"], "registered hosts inherit the patch group")

			code := plantest.Await(t, d.cluster.AnywhereActivationCode)
			assert.True(t, code.Secret, "the activation code registers hosts")
			require.Len(t, d.cluster.AnywhereRegistrationCommands, 2, "one command per OS family")
			cmd := plantest.Await(t, d.cluster.AnywhereRegistrationCommands[spec.HostLinux])
			rhel := plantest.Await(t, d.cluster.AnywhereRegistrationCommands[spec.HostRHEL])
			assert.True(t, cmd.Secret, "the command holds the code")
			assert.True(t, rhel.Secret, "the command holds the code")
			if mode == plan.Preview {
				assert.False(t, cmd.Known, "the code is known only after up")
				return
			}
			assert.Equal(t, cmd.Value.(string)+` --docker-install-source "none"`, rhel.Value, "RHEL hosts have Docker preinstalled")
			assert.Equal(t, "c-anywhere", act["iamRole"], "the hosts' role")
			assert.Equal(t, "c-anywhere-activation-code", code.Value)
			assert.Equal(t, `curl --proto "https" -o "/tmp/ecs-anywhere-install.sh" "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh" && `+
				`bash /tmp/ecs-anywhere-install.sh --region "us-east-1" --cluster "c" --activation-id "c-anywhere_id" --activation-code "c-anywhere-activation-code"`, cmd.Value)
			assert.Equal(t, "c-anywhere_id", plantest.Await(t, d.cluster.AnywhereActivationID).Value)
			assert.Equal(t, "c-anywhere", plantest.Await(t, d.cluster.AnywhereRoleName).Value)
		})
	}
}

func TestAnywhereOffDeclaresNoRoleOrActivation(t *testing.T) {
	args := testClusterArgs()
	args.Settings.Anywhere = AnywhereSettings{}
	res, _ := run(t, args, nil, plan.Up)
	assert.Empty(t, res.OfType(token.SSMActivation))
	_, ok := res.Named(token.IAMRole, "c-anywhere")
	assert.False(t, ok)
	_, ok = res.Named(token.IAMRole, "c-hosts")
	assert.True(t, ok, "the EC2 hosts keep their role")
}

func TestEveryChildIsParentedToItsComponentAndNamedAfterIt(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	cluster := plantest.Named(t, res, ClusterType, "c")
	services := plantest.Named(t, res, ServicesType, "s")
	logs := plantest.Named(t, res, AccessLogsType, "c-alb-logs")
	assert.Equal(t, cluster.URN, logs.Parent, "the access-log component is the cluster's")
	owners := map[string]string{cluster.URN: "c", services.URN: "s", logs.URN: "c-alb-logs"}
	children := map[string]int{}
	for _, r := range res.Resources {
		if !r.Custom || r.Type == token.AWSProvider {
			continue
		}
		owner, ok := owners[r.Parent]
		if !assert.True(t, ok, "%s %s is not parented to a component", r.Type, r.Name) {
			continue
		}
		children[owner]++
		assert.True(t, r.Name == owner || strings.HasPrefix(r.Name, owner+"-"), "%s %s is not named after its component %s", r.Type, r.Name, owner)
		assert.NotEmpty(t, r.Provider, "%s %s does not inherit the component's provider", r.Type, r.Name)
	}
	assert.Greater(t, children["c"], 20)
	assert.Equal(t, 7, children["c-alb-logs"], "the bucket, its policy and its five controls")
	assert.Greater(t, children["s"], 15)
}

func TestPreviewDeclaresWhatUpDeclares(t *testing.T) {
	urns := func(r *plan.Result) []string {
		var out []string
		for _, res := range r.Resources {
			out = append(out, res.URN)
		}
		return out
	}
	up, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	preview, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Preview)
	assert.Equal(t, urns(up), urns(preview))
}

func TestNewClusterRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Preview, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Cluster, error) {
		return NewCluster(ctx, "c", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "compute: cluster c: args are required")

	cases := []struct {
		name    string
		mutate  func(a *ClusterArgs)
		wantErr string
	}{
		{"one subnet", func(a *ClusterArgs) { a.AppSubnetIDs = a.AppSubnetIDs[:1] }, "needs at least 2"},
		{"no instance type", func(a *ClusterArgs) { a.Settings.InstanceTypes = nil }, "at least one instance type"},
		{"desired above max", func(a *ClusterArgs) { a.Settings.Hosts.Desired = 10 }, "hosts: Desired: 10 is outside Min..Max (3-9)"},
		{"min above max", func(a *ClusterArgs) { a.Settings.Hosts.Min = 10 }, "hosts: Min 10 is greater than Max 9"},
		{"a target capacity above 100%", func(a *ClusterArgs) { a.Settings.TargetCapacityPercent = 101 }, "target capacity: 101% is outside 1-100"},
		{"no logs key", func(a *ClusterArgs) { a.LogsKeyARN = nil }, "logs key"},
		{"no retention", func(a *ClusterArgs) { a.Settings.LogRetentionDays = 0 }, "retentions are required"},
		{"an activation that never renews", func(a *ClusterArgs) { a.Settings.Anywhere.RotationDays = 0 }, "ECS Anywhere: activation: a rotation of 0 days is outside 1-28"},
		{"an activation for no host", func(a *ClusterArgs) { a.Settings.Anywhere.Hosts = nil }, "ECS Anywhere: activation: 0 hosts listed, want 1-1000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := testClusterArgs()
			tc.mutate(args)
			err := runErr(args, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "compute: cluster c: ")
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestClusterNamesMustFitELBAndAvoidECSReservedPrefixes(t *testing.T) {
	err := testClusterArgs().validate("production-eu-west-3-compute")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "longer than ELB's 32 characters")

	for _, name := range []string{"ecs-prod", "AWS-shared", "fargate-lab"} {
		err := testClusterArgs().validate(name)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "ECS refuses capacity provider names starting with", name)
	}
	assert.NoError(t, testClusterArgs().validate("prod-ecs"), "only the start of the name is reserved")
}

func TestWithCachedCredentialsECRsPullThroughRoleDecryptsThemOnlyThroughSecretsManager(t *testing.T) {
	admins := keys.Administration{Roles: []string{testKeyAdmin}, BreakGlass: testBreakGlass}
	doc, err := keyPolicy(admins, "aws", "123456789012", "us-east-1", nil, true)
	require.NoError(t, err)
	cache := plantest.Statements(t, doc)["PullThroughCacheReadsCredentials"]
	require.NotNil(t, cache)
	assert.Equal(t, []any{"kms:Decrypt"}, cache["Action"])
	assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache"}},
		cache["Condition"].(map[string]any)["ArnLike"])
	assert.Equal(t, []any{"secretsmanager.us-east-1.amazonaws.com"}, cache["Condition"].(map[string]any)["StringEquals"].(map[string]any)["kms:ViaService"])

	doc, err = keyPolicy(admins, "aws", "123456789012", "us-east-1", nil, false)
	require.NoError(t, err)
	assert.NotContains(t, plantest.Statements(t, doc), "PullThroughCacheReadsCredentials", "no credentials, no cache user")
}

package compute

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestHostsHaveNoPublicIPRequireIMDSv2AndEncryptTheirRootVolume(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	lt := one(t, d.res, typeLaunchTemplate, "c-hosts")

	nics := lt["networkInterfaces"].([]any)
	require.Len(t, nics, 1)
	assert.Equal(t, "false", nics[0].(map[string]any)["associatePublicIpAddress"])
	assert.Equal(t, []any{"c-hosts_id"}, nics[0].(map[string]any)["securityGroups"], "hosts use the host security group")

	meta := lt["metadataOptions"].(map[string]any)
	assert.Equal(t, "required", meta["httpTokens"], "IMDSv2 only")
	assert.Equal(t, float64(2), meta["httpPutResponseHopLimit"])

	assert.Equal(t, "ami-0123456789abcdef0", lt["imageId"], "the AMI comes from the ECS-optimized SSM parameter")
	assert.Equal(t, "m7i.large", lt["instanceType"], "the first instance type is the template's")

	disks := lt["blockDeviceMappings"].([]any)
	require.Len(t, disks, 1)
	ebs := disks[0].(map[string]any)["ebs"].(map[string]any)
	assert.Equal(t, "/dev/xvda", disks[0].(map[string]any)["deviceName"])
	assert.Equal(t, "true", ebs["encrypted"])
	assert.Equal(t, "gp3", ebs["volumeType"])
	assert.Equal(t, float64(50), ebs["volumeSize"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:c", ebs["kmsKeyId"], "the cluster's own key encrypts the volumes")
}

func TestUserDataJoinsTheClusterAndKeepsTasksAwayFromIMDS(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	script, err := base64.StdEncoding.DecodeString(one(t, d.res, typeLaunchTemplate, "c-hosts")["userData"].(string))
	require.NoError(t, err)
	for _, line := range []string{"ECS_CLUSTER=c\n", "ECS_ENABLE_CONTAINER_METADATA=true\n", "ECS_AWSVPC_BLOCK_IMDS=true\n"} {
		assert.Contains(t, string(script), line)
	}
}

func TestHostGroupSpansTheAppSubnetsProtectedFromScaleIn(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	g := one(t, d.res, typeGroup, "c-hosts")
	assert.Equal(t, []any{"subnet-a", "subnet-b", "subnet-c"}, g["vpcZoneIdentifiers"])
	assert.Equal(t, true, g["protectFromScaleIn"], "managed termination protection needs it")
	assert.Equal(t, float64(3), g["minSize"])
	assert.Equal(t, float64(9), g["maxSize"])

	tags := map[string]any{}
	for _, tag := range g["tags"].([]any) {
		tag := tag.(map[string]any)
		assert.Equal(t, true, tag["propagateAtLaunch"], tag["key"])
		tags[tag["key"].(string)] = tag["value"]
	}
	assert.Contains(t, tags, "AmazonECSManaged")
	assert.Equal(t, "prod", tags["Environment"], "instance tags reach the hosts")

	refresh := g["instanceRefresh"].(map[string]any)
	assert.Equal(t, "Rolling", refresh["strategy"])
	prefs := refresh["preferences"].(map[string]any)
	assert.Equal(t, "Refresh", prefs["scaleInProtectedInstances"], "protected hosts are replaced too")
	assert.Equal(t, float64(100), prefs["minHealthyPercentage"], "replacements launch before old hosts go")

	lt := g["mixedInstancesPolicy"].(map[string]any)["launchTemplate"].(map[string]any)
	assert.Equal(t, "1", lt["launchTemplateSpecification"].(map[string]any)["version"], "the group follows the template's latest version")
	assert.Equal(t, []any{map[string]any{"instanceType": "m7i.large"}, map[string]any{"instanceType": "m6i.large"}}, lt["overrides"])
}

func TestOneInstanceTypeUsesThePlainLaunchTemplate(t *testing.T) {
	args := testClusterArgs()
	args.Hosts.InstanceTypes = []string{"t3.medium"}
	d := run(t, args, nil, plan.Up)
	g := one(t, d.res, typeGroup, "c-hosts")
	assert.NotContains(t, g, "mixedInstancesPolicy")
	assert.Equal(t, map[string]any{"id": "c-hosts_id", "version": "1"}, g["launchTemplate"])
}

func TestCapacityProviderManagesScalingAndTerminationAndIsTheDefault(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	asg := one(t, d.res, typeCapacityProvider, "c")["autoScalingGroupProvider"].(map[string]any)
	assert.Equal(t, "arn:aws:autoscaling:us-east-1:123456789012:c-hosts", asg["autoScalingGroupArn"], "wired to the host group")
	assert.Equal(t, "ENABLED", asg["managedTerminationProtection"])
	assert.Equal(t, "ENABLED", asg["managedDraining"])
	scaling := asg["managedScaling"].(map[string]any)
	assert.Equal(t, "ENABLED", scaling["status"])
	assert.Equal(t, float64(80), scaling["targetCapacity"])

	attached := one(t, d.res, typeClusterProviders, "c")
	assert.Equal(t, "c", attached["clusterName"])
	assert.Equal(t, []any{"c"}, attached["capacityProviders"])
	assert.Equal(t, []any{map[string]any{"capacityProvider": "c", "weight": float64(1), "base": float64(0)}}, attached["defaultCapacityProviderStrategies"])
	assert.Equal(t, "c", plantest.Await(t, d.cluster.CapacityProviderName).Value)
}

func TestClusterHasContainerInsightsAndEncryptedLoggedExec(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	c := one(t, d.res, typeCluster, "c")
	assert.Contains(t, c["settings"], map[string]any{"name": "containerInsights", "value": "enabled"})
	exec := c["configuration"].(map[string]any)["executeCommandConfiguration"].(map[string]any)
	assert.Equal(t, "OVERRIDE", exec["logging"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:c", exec["kmsKeyId"])
	logs := exec["logConfiguration"].(map[string]any)
	assert.Equal(t, true, logs["cloudWatchEncryptionEnabled"])
	assert.Equal(t, "c-exec", logs["cloudWatchLogGroupName"])

	group := one(t, d.res, typeLogGroup, "c-exec")
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group["kmsKeyId"], "the stack's log key")
	assert.Equal(t, float64(365), group["retentionInDays"])
}

func TestLoadBalancerIsInternalInTheAppSubnetsWithAccessLogs(t *testing.T) {
	for _, protect := range []bool{true, false} {
		args := testClusterArgs()
		args.Protect = protect
		d := run(t, args, nil, plan.Up)
		alb := one(t, d.res, typeLoadBalancer, "c")
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
		d := run(t, testClusterArgs(), nil, plan.Up)
		https := one(t, d.res, typeListener, "c-https")
		assert.Equal(t, "HTTPS", https["protocol"])
		assert.Equal(t, float64(443), https["port"])
		assert.Equal(t, TLSPolicy, https["sslPolicy"])
		assert.Equal(t, testCertificate, https["certificateArn"])
		redirect := one(t, d.res, typeListener, "c-http")["defaultActions"].([]any)[0].(map[string]any)
		assert.Equal(t, "redirect", redirect["type"])
		assert.Equal(t, "HTTPS", redirect["redirect"].(map[string]any)["protocol"])
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:c-https", plantest.Await(t, d.cluster.ListenerArn).Value, "rules attach to HTTPS")
	})
	t.Run("without: plain HTTP only", func(t *testing.T) {
		args := testClusterArgs()
		args.LoadBalancer.CertificateArn = ""
		d := run(t, args, nil, plan.Up)
		assert.Len(t, d.res.OfType(typeListener), 1)
		http := one(t, d.res, typeListener, "c-http")
		assert.Equal(t, "HTTP", http["protocol"])
		assert.Equal(t, "fixed-response", http["defaultActions"].([]any)[0].(map[string]any)["type"])
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:c-http", plantest.Await(t, d.cluster.ListenerArn).Value)
	})
}

func TestSecurityGroupsAdmitOnlyTheirSources(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	var albSources []string
	for _, r := range d.res.OfType(typeIngress) {
		p := r.Props()
		assert.NotEqual(t, "0.0.0.0/0", p["cidrIpv4"], "%s admits the internet", r.Name)
		assert.Equal(t, "c-alb_id", p["securityGroupId"], "%s: only the load balancer has ingress in the cluster", r.Name)
		assert.Equal(t, p["fromPort"], p["toPort"], r.Name)
		albSources = append(albSources, fmt.Sprintf("%s:%v", p["cidrIpv4"], p["fromPort"]))
	}
	assert.ElementsMatch(t, []string{"10.10.0.0/16:443", "172.20.0.0/16:443", "10.10.0.0/16:80", "172.20.0.0/16:80"}, albSources,
		"the listener ports from the VPC and on premises, nothing else")

	for _, r := range d.res.OfType(typeEgress) {
		p := r.Props()
		if p["cidrIpv4"] == "0.0.0.0/0" {
			assert.Equal(t, "tcp", p["ipProtocol"], r.Name)
			assert.Equal(t, float64(443), p["fromPort"], "%s: the internet only on HTTPS", r.Name)
			assert.Equal(t, float64(443), p["toPort"], r.Name)
		}
		assert.NotEqual(t, "c-alb_id", p["securityGroupId"], "%s: the load balancer's egress goes to tasks only (added per service port)", r.Name)
	}
	for _, sg := range d.res.OfType(typeSecurityGroup) {
		assert.NotContains(t, sg.Props(), "ingress", "%s: rules are separate resources", sg.Name)
	}
}

func TestAccessLogBucketIsLockedDownAndExpires(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	bucket, ok := d.res.Named(typeBucket, "c-alb-logs")
	require.True(t, ok)
	assert.True(t, bucket.Protect, "protected when Protect is set")
	assert.Equal(t, false, bucket.Props()["forceDestroy"])

	sse := one(t, d.res, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "c-alb-logs")
	assert.Equal(t, "AES256", sse["rules"].([]any)[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"],
		"ELB can only deliver to SSE-S3")
	pab := one(t, d.res, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "c-alb-logs")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equal(t, true, pab[k], k)
	}
	assert.Equal(t, "BucketOwnerEnforced", one(t, d.res, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "c-alb-logs")["rule"].(map[string]any)["objectOwnership"])
	assert.Equal(t, "Enabled", one(t, d.res, "aws:s3/bucketVersioningV2:BucketVersioningV2", "c-alb-logs")["versioningConfiguration"].(map[string]any)["status"])
	rule := one(t, d.res, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "c-alb-logs")["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"days": float64(365)}, rule["expiration"])

	var doc struct {
		Statement []struct {
			Effect    string
			Principal any
			Action    any
			Resource  any
			Condition map[string]map[string]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(one(t, d.res, typeBucketPolicy, "c-alb-logs")["policy"].(string)), &doc))
	require.Len(t, doc.Statement, 2)
	assert.Equal(t, "Deny", doc.Statement[0].Effect)
	assert.Equal(t, "false", doc.Statement[0].Condition["Bool"]["aws:SecureTransport"])
	assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::127311923021:root"}, doc.Statement[1].Principal, "the regional ELB account")
	assert.Equal(t, "arn:aws:s3:::c-alb-logs-bucket/alb/AWSLogs/123456789012/*", doc.Statement[1].Resource)
}

func TestUnprotectedClusterCanBeDestroyed(t *testing.T) {
	args := testClusterArgs()
	args.Protect = false
	d := run(t, args, nil, plan.Up)
	bucket, _ := d.res.Named(typeBucket, "c-alb-logs")
	assert.False(t, bucket.Protect)
	assert.Equal(t, true, bucket.Props()["forceDestroy"])
	assert.Equal(t, true, one(t, d.res, typeGroup, "c-hosts")["forceDelete"])
	exec, _ := d.res.Named(typeLogGroup, "c-exec")
	assert.False(t, exec.RetainOnDelete)
	key, _ := d.res.Named(typeKey, "c")
	assert.False(t, key.Protect)

	protected := run(t, testClusterArgs(), nil, plan.Up)
	key, _ = protected.res.Named(typeKey, "c")
	assert.True(t, key.Protect, "the key the images are encrypted with is kept like them")
}

func TestKeyPolicyLetsAutoScalingEncryptHostVolumes(t *testing.T) {
	doc, err := keyPolicy("aws", "123456789012")
	require.NoError(t, err)
	var p struct {
		Statement []struct {
			Sid       string
			Principal map[string]string
			Action    any
			Condition map[string]map[string]bool
		}
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &p))
	require.Len(t, p.Statement, 3)
	assert.Equal(t, "arn:aws:iam::123456789012:root", p.Statement[0].Principal["AWS"])
	const slr = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
	assert.Equal(t, slr, p.Statement[1].Principal["AWS"])
	assert.Equal(t, slr, p.Statement[2].Principal["AWS"])
	assert.Equal(t, "kms:CreateGrant", p.Statement[2].Action)
	assert.True(t, p.Statement[2].Condition["Bool"]["kms:GrantIsForAWSResource"], "grants only for AWS resources (the volumes)")
}

func TestAnywhereActivationIsBoundedAndItsOutputsAreSecret(t *testing.T) {
	d := run(t, testClusterArgs(), nil, plan.Up)
	act := one(t, d.res, typeActivation, "c-anywhere")
	assert.Equal(t, float64(4), act["registrationLimit"])
	assert.Equal(t, "2026-12-21T00:00:00Z", act["expirationDate"])
	assert.Equal(t, "c-anywhere", act["iamRole"], "the hosts' role")

	role := one(t, d.res, typeRole, "c-anywhere")
	assert.ElementsMatch(t, []any{
		"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
		"arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
	}, role["managedPolicyArns"])
	assert.Contains(t, role["assumeRolePolicy"], `"Service":"ssm.amazonaws.com"`)

	code := plantest.Await(t, d.cluster.AnywhereActivationCode)
	assert.True(t, code.Secret, "the activation code registers hosts")
	assert.Equal(t, "c-anywhere-activation-code", code.Value)
	cmd := plantest.Await(t, d.cluster.AnywhereRegistrationCommand)
	assert.True(t, cmd.Secret, "the command holds the code")
	assert.Equal(t, `curl --proto "https" -o "/tmp/ecs-anywhere-install.sh" "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh" && `+
		`bash /tmp/ecs-anywhere-install.sh --region "us-east-1" --cluster "c" --activation-id "c-anywhere_id" --activation-code "c-anywhere-activation-code"`, cmd.Value)
	assert.Equal(t, "c-anywhere_id", plantest.Await(t, d.cluster.AnywhereActivationID).Value)
	assert.Equal(t, "c-anywhere", plantest.Await(t, d.cluster.AnywhereRoleName).Value)

	preview := run(t, testClusterArgs(), nil, plan.Preview)
	assert.True(t, plantest.Await(t, preview.cluster.AnywhereRegistrationCommand).Secret, "secret in preview too")
}

func TestAnywhereOffDeclaresNoRoleOrActivation(t *testing.T) {
	args := testClusterArgs()
	args.Anywhere = AnywhereSettings{}
	d := run(t, args, nil, plan.Up)
	assert.Empty(t, d.res.OfType(typeActivation))
	_, ok := d.res.Named(typeRole, "c-anywhere")
	assert.False(t, ok)
}

func TestEveryChildIsParentedToItsComponent(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	components := map[string]string{}
	for _, r := range d.res.Resources {
		if !r.Custom {
			components[r.URN] = r.Type
		}
	}
	for _, r := range d.res.Resources {
		if !r.Custom || r.Type == "pulumi:providers:aws" {
			continue
		}
		assert.Contains(t, components, r.Parent, "%s %s is not parented to a component", r.Type, r.Name)
		assert.True(t, hasPrefix(r.Name, "c", "s-"), "%s %s is not named after its component", r.Type, r.Name)
		assert.NotEmpty(t, r.Provider, "%s %s does not inherit the component's provider", r.Type, r.Name)
	}
}

func TestPreviewDeclaresWhatUpDeclares(t *testing.T) {
	urns := func(r *plan.Result) []string {
		var out []string
		for _, res := range r.Resources {
			out = append(out, res.URN)
		}
		return out
	}
	up := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	preview := run(t, testClusterArgs(), testServicesArgs(), plan.Preview)
	assert.Equal(t, urns(up.res), urns(preview.res))
}

func TestClusterArgsAreValidated(t *testing.T) {
	cases := []struct {
		name    string
		mutate  func(a *ClusterArgs)
		wantErr string
	}{
		{"one subnet", func(a *ClusterArgs) { a.AppSubnetIDs = a.AppSubnetIDs[:1] }, "needs at least 2"},
		{"no instance type", func(a *ClusterArgs) { a.Hosts.InstanceTypes = nil }, "instance type"},
		{"desired above max", func(a *ClusterArgs) { a.Hosts.DesiredCapacity = 10 }, "min <= desired <= max"},
		{"no log key", func(a *ClusterArgs) { a.LogsKeyArn = nil }, "logs key"},
		{"an activation without expiry", func(a *ClusterArgs) { a.Anywhere.ExpiresAt = time.Time{} }, "ECS Anywhere needs"},
		{"an activation for no host", func(a *ClusterArgs) { a.Anywhere.RegistrationLimit = 0 }, "ECS Anywhere needs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := testClusterArgs()
			tc.mutate(args)
			_, err := declare(args, nil, plan.Up)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "compute: cluster c: ")
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestNamesMustLeaveRoomForPulumisSuffix(t *testing.T) {
	err := testClusterArgs().validate("production-eu-west-3-compute")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "longer than ELB's 32 characters")

	services := testServicesArgs()
	services.Cluster = &Cluster{placement: placement{anywhere: true}}
	services.Services[0].Name = "claims-adjudication-engine-v2"
	err = services.validate("production-eu-west-3-services")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "longer than IAM's 64 characters")
}

func TestCapacityProviderNameAvoidsECSReservedPrefixes(t *testing.T) {
	for _, name := range []string{"ecs-prod", "AWS-shared", "fargate-lab"} {
		err := testClusterArgs().validate(name)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "ECS refuses capacity provider names starting with", name)
	}
	assert.NoError(t, testClusterArgs().validate("prod-ecs"), "only the start of the name is reserved")
}

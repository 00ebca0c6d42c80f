package rules

import "testing"

func TestLaunchTemplateNoPublicIP(t *testing.T) {
	checkRule(t, LaunchTemplateNoPublicIP, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "no public IP passes"},
		{name: "a public IP fails", set: map[string]any{"networkInterfaces[0].associatePublicIpAddress": "true"}, wantFail: `networkInterfaces[0].associatePublicIpAddress is "true"; want false`},
		{name: "a public IP on a second interface fails", set: map[string]any{"networkInterfaces[1]": map[string]any{"associatePublicIpAddress": "TRUE", "deviceIndex": 1}},
			wantFail: "networkInterfaces[1].associatePublicIpAddress"},
		{name: "no interfaces pass", set: map[string]any{"networkInterfaces": nil}},
		{name: "unknown interfaces are re-checked", set: map[string]any{"networkInterfaces": unknown}, wantUnknown: "networkInterfaces"},
		{name: "an unknown flag is re-checked", set: map[string]any{"networkInterfaces[0].associatePublicIpAddress": unknown}, wantUnknown: "networkInterfaces[0].associatePublicIpAddress"},
	})
}

func TestLaunchTemplateIMDSv2(t *testing.T) {
	checkRule(t, LaunchTemplateIMDSv2, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "required tokens pass"},
		{name: "optional tokens fail", set: map[string]any{"metadataOptions.httpTokens": "optional"}, wantFail: `metadataOptions.httpTokens is "optional"; want "required"`},
		{name: "unset tokens fail", set: map[string]any{"metadataOptions.httpTokens": nil}, wantFail: "metadataOptions.httpTokens is unset"},
		{name: "no metadata options fail", set: map[string]any{"metadataOptions": nil}, wantFail: "httpTokens is unset"},
		{name: "the metadata service switched off passes", set: map[string]any{"metadataOptions": map[string]any{"httpEndpoint": "disabled"}}},
		{name: "unknown tokens are re-checked", set: map[string]any{"metadataOptions.httpTokens": unknown}, wantUnknown: "metadataOptions.httpTokens"},
		{name: "an unknown endpoint is re-checked", set: map[string]any{"metadataOptions.httpEndpoint": unknown}, wantUnknown: "metadataOptions.httpEndpoint"},
	})
}

func TestLaunchTemplateIMDSHopLimit(t *testing.T) {
	base := inputsOf(t, "prod", launchTemplate, "prod-compute-hosts")
	checkRule(t, LaunchTemplateIMDSHopLimit, launchTemplate, base, []mutation{
		{name: "the program's one hop passes"},
		{name: "two hops fail", set: map[string]any{"metadataOptions.httpPutResponseHopLimit": 2}, wantFail: "metadataOptions.httpPutResponseHopLimit is 2; want 1"},
		{name: "unset is AWS's one hop and passes", set: map[string]any{"metadataOptions.httpPutResponseHopLimit": nil}},
		{name: "unknown is re-checked", set: map[string]any{"metadataOptions.httpPutResponseHopLimit": unknown}, wantUnknown: "httpPutResponseHopLimit"},
	})
}

func TestLaunchTemplateEncryptedVolumes(t *testing.T) {
	checkRule(t, LaunchTemplateEncryptedVolumes, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "an encrypted root passes"},
		{name: "an unencrypted root fails", set: map[string]any{"blockDeviceMappings[0].ebs.encrypted": "false"}, wantFail: `blockDeviceMappings[0].ebs.encrypted is "false"; want true`},
		{name: "an unset flag fails", set: map[string]any{"blockDeviceMappings[0].ebs.encrypted": nil}, wantFail: "ebs.encrypted is unset"},
		{name: "a second unencrypted volume fails", set: map[string]any{"blockDeviceMappings[1]": map[string]any{"deviceName": "/dev/xvdb", "ebs": map[string]any{"volumeSize": 10}}},
			wantFail: "blockDeviceMappings[1].ebs.encrypted"},
		{name: "an instance-store mapping has no EBS to encrypt", set: map[string]any{"blockDeviceMappings[1]": map[string]any{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"}}},
		{name: "no mappings fail", set: map[string]any{"blockDeviceMappings": nil}, wantFail: "blockDeviceMappings is empty"},
		{name: "unknown mappings are re-checked", set: map[string]any{"blockDeviceMappings": unknown}, wantUnknown: "blockDeviceMappings"},
		{name: "an unknown flag is re-checked", set: map[string]any{"blockDeviceMappings[0].ebs.encrypted": unknown}, wantUnknown: "blockDeviceMappings[0].ebs.encrypted"},
	})
}

func TestLaunchTemplateEBSCMK(t *testing.T) {
	checkRule(t, LaunchTemplateEBSCMK, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "the compute key passes"},
		{name: "an unknown key ARN is the stack's key", set: map[string]any{"blockDeviceMappings[0].ebs.kmsKeyId": unknown}},
		{name: "no key fails: AWS uses aws/ebs", set: map[string]any{"blockDeviceMappings[0].ebs.kmsKeyId": nil}, wantFail: "blockDeviceMappings[0].ebs.kmsKeyId is unset: AWS uses its managed aws/ebs key"},
		{name: "the AWS-managed alias fails", set: map[string]any{"blockDeviceMappings[0].ebs.kmsKeyId": "alias/aws/ebs"}, wantFail: `"alias/aws/ebs", the AWS-managed key`},
		{name: "the AWS-managed alias ARN fails", set: map[string]any{"blockDeviceMappings[0].ebs.kmsKeyId": "arn:aws:kms:us-east-1:123456789012:alias/aws/ebs"}, wantFail: "the AWS-managed key"},
		{name: "an alias of the stack passes", set: map[string]any{"blockDeviceMappings[0].ebs.kmsKeyId": "alias/prod-compute"}},
		{name: "an unencrypted volume is another rule's finding", set: map[string]any{"blockDeviceMappings[0].ebs.encrypted": "false", "blockDeviceMappings[0].ebs.kmsKeyId": nil}},
		{name: "unknown mappings are re-checked", set: map[string]any{"blockDeviceMappings": unknown}, wantUnknown: "blockDeviceMappings"},
	})
}

func TestLaunchTemplateSingleENI(t *testing.T) {
	checkRule(t, LaunchTemplateSingleENI, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "one interface passes"},
		{name: "none pass", set: map[string]any{"networkInterfaces": nil}},
		{name: "two fail", set: map[string]any{"networkInterfaces[1]": map[string]any{"deviceIndex": 1}}, wantFail: "networkInterfaces has 2 interfaces; want at most 1"},
		{name: "unknown is re-checked", set: map[string]any{"networkInterfaces": unknown}, wantUnknown: "networkInterfaces"},
	})
}

func TestEc2DetailedMonitoring(t *testing.T) {
	checkRule(t, Ec2DetailedMonitoring, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "the hosts' detailed monitoring passes"},
		{name: "basic monitoring fails", set: map[string]any{"monitoring.enabled": false}, wantFail: "monitoring.enabled is false; want true"},
		{name: "unset fails", set: map[string]any{"monitoring": nil}, wantFail: "monitoring.enabled is unset"},
	})
	checkRule(t, Ec2DetailedMonitoring, ec2Instance, inputsOf(t, "dev+ec2-gateway", ec2Instance, "dev-file-gateway"), []mutation{
		{name: "the EC2 gateway has no detailed monitoring today (known violation)", wantFail: "monitoring is unset; want true"},
		{name: "with it the gateway passes", set: map[string]any{"monitoring": true}},
	})
}

func TestEc2InstanceHardened(t *testing.T) {
	checkRule(t, Ec2InstanceHardened, ec2Instance, inputsOf(t, "dev+ec2-gateway", ec2Instance, "dev-file-gateway"), []mutation{
		{name: "the EC2 gateway as the program builds it passes"},
		{name: "a public IP fails", set: map[string]any{"associatePublicIpAddress": true}, wantFail: "associatePublicIpAddress is true; want false"},
		{name: "the subnet's default fails", set: map[string]any{"associatePublicIpAddress": nil}, wantFail: "associatePublicIpAddress is unset"},
		{name: "IMDSv1 fails", set: map[string]any{"metadataOptions.httpTokens": "optional"}, wantFail: `metadataOptions.httpTokens is "optional"`},
		{name: "the metadata service off passes", set: map[string]any{"metadataOptions": map[string]any{"httpEndpoint": "disabled"}}},
		{name: "an unencrypted root fails", set: map[string]any{"rootBlockDevice.encrypted": false}, wantFail: "rootBlockDevice.encrypted is false"},
		{name: "an unencrypted cache disk fails", set: map[string]any{"ebsBlockDevices[0].encrypted": false}, wantFail: "ebsBlockDevices[0].encrypted is false"},
		{name: "unknown disks are re-checked", set: map[string]any{"ebsBlockDevices": unknown}, wantUnknown: "ebsBlockDevices"},
		{name: "an unknown public IP flag is re-checked", set: map[string]any{"associatePublicIpAddress": unknown}, wantUnknown: "associatePublicIpAddress"},
		{name: "an unknown endpoint is re-checked", set: map[string]any{"metadataOptions.httpEndpoint": unknown}, wantUnknown: "httpEndpoint"},
	})
}

func TestEc2CurrentGeneration(t *testing.T) {
	var families []mutation
	for _, fam := range []string{"c1", "c3", "cc2", "cg1", "cr1", "hi1", "hs1", "m1", "m2", "m3", "t1"} {
		families = append(families, mutation{name: fam + " fails", set: map[string]any{"instanceType": fam + ".xlarge"}, wantFail: `"` + fam + `.xlarge"`})
	}
	checkRule(t, Ec2CurrentGeneration, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), families)
	checkRule(t, Ec2CurrentGeneration, launchTemplate, inputsOf(t, "prod", launchTemplate, "prod-compute-hosts"), []mutation{
		{name: "m7i passes"},
		{name: "m3 fails", set: map[string]any{"instanceType": "m3.large"}, wantFail: `instanceType is "m3.large", a previous-generation family`},
		{name: "T1 in capitals fails", set: map[string]any{"instanceType": "T1.micro"}, wantFail: "T1.micro"},
		{name: "unknown is re-checked", set: map[string]any{"instanceType": unknown}, wantUnknown: "instanceType"},
	})
	checkRule(t, Ec2CurrentGeneration, autoScalingGroup, inputsOf(t, "prod", autoScalingGroup, "prod-compute-hosts"), []mutation{
		{name: "current overrides pass"},
		{name: "a c1 override fails", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[1].instanceType": "c1.medium"},
			wantFail: "mixedInstancesPolicy.launchTemplate.overrides[1].instanceType"},
		{name: "unknown overrides are re-checked", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides": unknown}, wantUnknown: "overrides"},
		{name: "an unknown override type is re-checked", set: map[string]any{"mixedInstancesPolicy.launchTemplate.overrides[0].instanceType": unknown}, wantUnknown: "overrides[0].instanceType"},
	})
	checkRule(t, Ec2CurrentGeneration, ec2Instance, inputsOf(t, "dev+ec2-gateway", ec2Instance, "dev-file-gateway"), []mutation{
		{name: "the gateway's type passes"},
		{name: "an hs1 gateway fails", set: map[string]any{"instanceType": "hs1.8xlarge"}, wantFail: "hs1.8xlarge"},
	})
}

func TestEbsDefaultEncryption(t *testing.T) {
	checkRule(t, EbsDefaultEncryption, ebsDefaultEncryption, map[string]any{"enabled": true}, []mutation{
		{name: "enabled passes"},
		{name: "unset passes (the resource's default is enabled)", set: map[string]any{"enabled": nil}},
		{name: "disabled fails", set: map[string]any{"enabled": false}, wantFail: "enabled is false; want true"},
		{name: "unknown is re-checked", set: map[string]any{"enabled": unknown}, wantUnknown: "enabled"},
	})
}

package rules

import "testing"

var okInstance = map[string]any{
	"associatePublicIpAddress": false,
	"metadataOptions":          map[string]any{"httpTokens": "required"},
	"rootBlockDevice":          map[string]any{"encrypted": true},
	"ebsBlockDevices":          []any{map[string]any{"deviceName": "/dev/sdb", "encrypted": true}},
}

func TestEc2InstanceHardened(t *testing.T) {
	checkRule(t, Ec2InstanceHardened, ec2Instance, okInstance, []mutation{
		{name: "a private, IMDSv2, encrypted instance passes"},
		{name: "a public address fails", set: map[string]any{"associatePublicIpAddress": true}, wantFail: "associatePublicIpAddress is true; want false"},
		{name: "the subnet's default fails", set: map[string]any{"associatePublicIpAddress": nil}, wantFail: "associatePublicIpAddress is unset"},
		{name: "IMDSv1 fails", set: map[string]any{"metadataOptions": map[string]any{"httpTokens": "optional"}}, wantFail: `metadataOptions.httpTokens is "optional"`},
		{name: "a plain root volume fails", set: map[string]any{"rootBlockDevice": map[string]any{"encrypted": false}}, wantFail: "rootBlockDevice.encrypted is false"},
		{name: "a plain cache volume fails", set: map[string]any{"ebsBlockDevices": []any{map[string]any{"encrypted": false}}}, wantFail: "ebsBlockDevices[0].encrypted is false"},
	})
}

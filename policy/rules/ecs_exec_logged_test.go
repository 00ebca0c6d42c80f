package rules

import "testing"

func TestEcsExecLogged(t *testing.T) {
	exec := func(logging string, encrypted any) map[string]any {
		return map[string]any{"executeCommandConfiguration": map[string]any{
			"kmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/exec", "logging": logging,
			"logConfiguration": map[string]any{"cloudWatchLogGroupName": "exec", "cloudWatchEncryptionEnabled": encrypted},
		}}
	}
	checkRule(t, EcsExecLogged, "aws:ecs/cluster:Cluster", map[string]any{"configuration": exec("OVERRIDE", true)}, []mutation{
		{name: "encrypted sessions logged to an encrypted group pass"},
		{name: "default logging fails", set: map[string]any{"configuration": exec("DEFAULT", true)},
			wantFail: `executeCommandConfiguration.logging is "DEFAULT"; want "OVERRIDE"`},
		{name: "logs sent unencrypted fail", set: map[string]any{"configuration": exec("OVERRIDE", false)},
			wantFail: "logConfiguration.cloudWatchEncryptionEnabled is false; want true"},
		{name: "no exec configuration fails", set: map[string]any{"configuration": nil},
			wantFail: "configuration.executeCommandConfiguration is unset"},
		{name: "sessions without a key fail", set: map[string]any{"configuration": map[string]any{"executeCommandConfiguration": map[string]any{
			"logging": "OVERRIDE", "logConfiguration": map[string]any{"cloudWatchLogGroupName": "exec", "cloudWatchEncryptionEnabled": true}}}},
			wantFail: "executeCommandConfiguration.kmsKeyId is unset"},
	})
}

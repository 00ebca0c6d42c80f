package rules

// EcsExecLogged requires every cluster to encrypt ECS Exec sessions with a KMS key and to log every command
// to an encrypted CloudWatch log group, so a shell in a container is always on the record.
var EcsExecLogged = Rule{
	ID: "ecs-exec-logged", Controls: []string{"B33"}, Severity: Medium,
	Description: "ECS clusters set configuration.executeCommandConfiguration with a kmsKeyId and logging OVERRIDE to an encrypted CloudWatch log group.",
	Remediation: "set executeCommandConfiguration {kmsKeyId, logging: OVERRIDE, logConfiguration: {cloudWatchLogGroupName, cloudWatchEncryptionEnabled: true}}",
	Types:       []string{ecsCluster},
	Reads: map[string][]string{ecsCluster: {"configuration.executeCommandConfiguration.kmsKeyId", "configuration.executeCommandConfiguration.logging",
		"configuration.executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName",
		"configuration.executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled"}},
	Resource: func(r Resource, f *Findings) {
		const exec = "executeCommandConfiguration"
		if r.Get("configuration", exec).IsNull() {
			f.Fail(r, "configuration.executeCommandConfiguration is unset: sessions would be neither encrypted nor logged")
			return
		}
		requireSet(r, f, "configuration", exec, "kmsKeyId")
		v := r.Get("configuration", exec, "logging")
		logging, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "configuration.executeCommandConfiguration.logging")
		case logging != "OVERRIDE":
			f.Fail(r, "configuration.executeCommandConfiguration.logging is %s; want \"OVERRIDE\" (to a log group of the stack)", show(v))
		default:
			requireSet(r, f, "configuration", exec, "logConfiguration", "cloudWatchLogGroupName")
			requireTrue(r, f, "configuration", exec, "logConfiguration", "cloudWatchEncryptionEnabled")
		}
	},
}

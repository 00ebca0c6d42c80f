package rules

import "testing"

func TestSsmDocumentNotPublic(t *testing.T) {
	checkRule(t, SsmDocumentNotPublic, ssmDocument, inputsOf(t, "prod", ssmDocument, "prod-management-sessions"), []mutation{
		{name: "the program's unshared preferences pass"},
		{name: "shared with named accounts passes", set: map[string]any{"permissions": map[string]any{"type": "Share", "account_ids": "111111111111,222222222222"}}},
		{name: "shared with All fails", set: map[string]any{"permissions": map[string]any{"type": "Share", "account_ids": "All"}}, wantFail: `permissions.account_ids is "All": the document would be public`},
		{name: "all in lower case fails", set: map[string]any{"permissions": map[string]any{"type": "Share", "account_ids": "all"}}, wantFail: "would be public"},
		{name: "All in a comma list fails", set: map[string]any{"permissions": map[string]any{"type": "Share", "account_ids": "111111111111, ALL"}}, wantFail: "would be public"},
		{name: "an unknown list is re-checked", set: map[string]any{"permissions": map[string]any{"type": "Share", "account_ids": unknown}}, wantUnknown: "permissions.account_ids"},
	})
}

func TestSsmSessionLogsEncrypted(t *testing.T) {
	prefs := func(inputs string) string {
		return `{"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{` + inputs + `}}`
	}
	checkRule(t, SsmSessionLogsEncrypted, ssmDocument, inputsOf(t, "prod", ssmDocument, "prod-management-sessions"), []mutation{
		{name: "the program's preferences pass"},
		{name: "no log group fails", set: map[string]any{"content": prefs(`"cloudWatchEncryptionEnabled":true`)}, wantFail: "inputs.cloudWatchLogGroupName is unset"},
		{name: "unencrypted logs fail", set: map[string]any{"content": prefs(`"cloudWatchLogGroupName":"g"`)}, wantFail: "inputs.cloudWatchEncryptionEnabled is false"},
		{name: "unencrypted S3 logs fail", set: map[string]any{"content": prefs(`"cloudWatchLogGroupName":"g","cloudWatchEncryptionEnabled":true,"s3BucketName":"b"`)}, wantFail: `s3EncryptionEnabled is false with s3BucketName "b"`},
		{name: "encrypted S3 logs pass", set: map[string]any{"content": prefs(`"cloudWatchLogGroupName":"g","cloudWatchEncryptionEnabled":true,"s3BucketName":"b","s3EncryptionEnabled":true`)}},
		{name: "invalid content fails", set: map[string]any{"content": "{"}, wantFail: "content is not JSON Session Manager preferences"},
		{name: "a Command document is out of scope", set: map[string]any{"documentType": "Command", "content": "{}"}},
		{name: "an unknown type is re-checked", set: map[string]any{"documentType": unknown}, wantUnknown: "documentType"},
		{name: "unknown content is re-checked", set: map[string]any{"content": unknown}, wantUnknown: "content"},
	})
}

func TestSsmManagedInstanceRole(t *testing.T) {
	const hosts, anywhere, onprem = "prod-compute-hosts", "prod-compute-anywhere", "prod-management-onprem"
	core := "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
	agent := stmt(`{"Effect":"Allow","Action":["ssm:UpdateInstanceInformation","ssmmessages:*"],"Resource":"*"}`)
	checkStack(t, SsmManagedInstanceRole, []stackCase{
		{name: "the hosts' and activations' roles hold the SSM core policy"},
		{name: "dev too", stack: "dev"},
		{name: "a host role without it fails", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core")
		}, on: hosts, wantFail: `role "prod-compute-hosts" holds neither AmazonSSMManagedInstanceCore nor a policy allowing ssm:UpdateInstanceInformation`},
		{name: "an activation role without it fails", edit: func(s *stack) { s.drop(iamRolePolicyAttach, onprem+"-ssm-core") },
			on: "prod-management-onprem-linux", wantFail: `role "prod-management-onprem"`, wantFails: 2},
		{name: "the core policy in managedPolicyArns counts", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRole, hosts, "managedPolicyArns", []any{core})
		}},
		{name: "a separate attachment of the core policy counts", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").add(iamRolePolicyAttach, "hosts-core", map[string]any{"role": unknown, "policyArn": core}).
				dep(iamRolePolicyAttach, "hosts-core", "role", iamRole, hosts)
		}},
		{name: "an attached customer policy with the agent's actions counts", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").add(iamPolicy, "agent", map[string]any{"policy": agent}).
				add(iamRolePolicyAttach, "hosts-agent", map[string]any{"role": unknown, "policyArn": unknown}).
				dep(iamRolePolicyAttach, "hosts-agent", "role", iamRole, hosts).dep(iamRolePolicyAttach, "hosts-agent", "policyArn", iamPolicy, "agent")
		}},
		{name: "an attached policy without them does not", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").dep(iamRolePolicyAttach, "prod-management-sessions-0", "policyArn", iamPolicy, "prod-management-sessions")
		}, on: hosts, wantFail: "holds neither"},
		{name: "an inline role policy with them counts", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").add(iamRolePolicy, "hosts-agent", map[string]any{"role": unknown, "policy": agent}).
				dep(iamRolePolicy, "hosts-agent", "role", iamRole, hosts)
		}},
		{name: "inlinePolicies with them count", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRole, hosts, "inlinePolicies", []any{map[string]any{"name": "agent", "policy": agent}})
		}},
		{name: "a denied agent is no agent", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRole, hosts, "inlinePolicies", []any{map[string]any{"name": "agent",
				"policy": stmt(`{"Effect":"Deny","Action":"ssm:UpdateInstanceInformation","Resource":"*"}`)}})
		}, on: hosts, wantFail: "holds neither"},
		{name: "an unknown inline policy is re-checked", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRole, hosts, "inlinePolicies", []any{map[string]any{"name": "agent", "policy": unknown}})
		}, wantUnknown: "the policies of role prod-compute-hosts"},
		{name: "unknown managed policies are re-checked", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRole, hosts, "managedPolicyArns", unknown)
		}, wantUnknown: "the policies of role"},
		{name: "an attachment of an unknown policy outside the stack is re-checked", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRolePolicyAttach, "prod-management-sessions-0", "policyArn", unknown).
				dep(iamRolePolicyAttach, "prod-management-sessions-0", "policyArn")
		}, wantUnknown: "the policies of role"},
		{name: "an attachment whose ARN is unknown but whose policy is in the stack is judged by that policy", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").set(iamRolePolicyAttach, "prod-management-sessions-0", "policyArn", unknown)
		}, on: hosts, wantFail: "holds neither"},
		{name: "the core policy attached to another role does not count", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").add(iamRolePolicyAttach, "other-core", map[string]any{"role": unknown, "policyArn": core}).
				dep(iamRolePolicyAttach, "other-core", "role", iamRole, onprem)
		}, on: hosts, wantFail: "holds neither"},
		{name: "a customer policy outside the stack attached by ARN is judged absent", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").dep(iamRolePolicyAttach, "prod-management-sessions-0", "policyArn").
				set(iamRolePolicyAttach, "prod-management-sessions-0", "policyArn", "arn:aws:iam::123456789012:policy/elsewhere")
		}, on: hosts, wantFail: "holds neither"},
		{name: "an agent role policy of another role does not count", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").add(iamRolePolicy, "other-agent", map[string]any{"role": unknown, "policy": agent}).
				dep(iamRolePolicy, "other-agent", "role", iamRole, onprem)
		}, on: hosts, wantFail: "holds neither"},
		{name: "a role policy of the role without the agent's actions does not count", edit: func(s *stack) {
			s.drop(iamRolePolicyAttach, hosts+"-ssm-core").add(iamRolePolicy, "hosts-other", map[string]any{"role": unknown,
				"policy": stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)}).dep(iamRolePolicy, "hosts-other", "role", iamRole, hosts)
		}, on: hosts, wantFail: "holds neither"},
		{name: "a profile found by dependency wins over an unset input", edit: func(s *stack) { s.set(launchTemplate, hosts, "iamInstanceProfile", nil) }},
		{name: "a launch template without a profile fails", edit: func(s *stack) {
			s.set(launchTemplate, hosts, "iamInstanceProfile", nil).dep(launchTemplate, hosts, "iamInstanceProfile")
		},
			on: hosts, wantFail: "has no iamInstanceProfile: Systems Manager cannot manage its instances"},
		{name: "a profile outside the stack is re-checked", edit: func(s *stack) { s.dep(launchTemplate, hosts, "iamInstanceProfile") }, wantUnknown: "iamInstanceProfile"},
		{name: "a role outside the stack is re-checked", edit: func(s *stack) { s.dep(ssmActivation, anywhere, "iamRole") }, wantUnknown: "its role (not in the stack)"},
	})
}

func TestSsmPatching(t *testing.T) {
	const task = "prod-management-patch"
	checkStack(t, SsmPatching, []stackCase{
		{name: "baselines and an Install task pass"},
		{name: "dev too", stack: "dev"},
		{name: "no baseline fails", edit: func(s *stack) { s.drop(ssmPatchBaseline) }, on: "prod-compute-hosts", wantFail: "declares no aws:ssm/patchBaseline:PatchBaseline"},
		{name: "a scan-only task fails", edit: func(s *stack) {
			s.set(ssmWindowTask, task, "taskInvocationParameters.runCommandParameters.parameters[0].values", []any{"Scan"})
		}, on: "prod-compute-hosts", wantFail: "nothing runs AWS-RunPatchBaseline with Operation Install"},
		{name: "another document fails", edit: func(s *stack) { s.set(ssmWindowTask, task, "taskArn", "AWS-RunShellScript") }, on: "prod-compute-hosts", wantFail: "Operation Install"},
		{name: "another parameter named Install is no operation", edit: func(s *stack) {
			s.set(ssmWindowTask, task, "taskInvocationParameters.runCommandParameters.parameters[0].name", "RebootOption")
		}, on: "prod-compute-hosts", wantFail: "Operation Install"},
		{name: "an Install association counts", edit: func(s *stack) {
			s.drop(ssmWindowTask).add(ssmAssociation, "patch", map[string]any{"name": "AWS-RunPatchBaseline", "parameters": map[string]any{"Operation": "Install"}})
		}},
		{name: "a Scan association does not", edit: func(s *stack) {
			s.drop(ssmWindowTask).add(ssmAssociation, "patch", map[string]any{"name": "AWS-RunPatchBaseline", "parameters": map[string]any{"Operation": "Scan"}})
		}, on: "prod-compute-hosts", wantFail: "Operation Install"},
		{name: "an unknown task document is re-checked", edit: func(s *stack) { s.set(ssmWindowTask, task, "taskArn", unknown) }, wantUnknown: "documents"},
		{name: "an unknown task document beside another task is re-checked", edit: func(s *stack) {
			s.set(ssmWindowTask, task, "taskArn", unknown).add(ssmWindowTask, "other", map[string]any{"taskArn": "AWS-RunShellScript"})
		}, wantUnknown: "documents"},
		{name: "Install on another document is no patching", edit: func(s *stack) {
			s.drop(ssmWindowTask).add(ssmAssociation, "patch", map[string]any{"name": "AWS-RunShellScript", "parameters": map[string]any{"Operation": "Install"}})
		}, on: "prod-compute-hosts", wantFail: "Operation Install"},
		{name: "an unknown association document is re-checked", edit: func(s *stack) {
			s.drop(ssmWindowTask).add(ssmAssociation, "patch", map[string]any{"name": unknown})
		}, wantUnknown: "documents"},
		{name: "a stack without hosts needs no patching", edit: func(s *stack) { s.drop(launchTemplate).drop(ssmActivation).drop(ssmWindowTask).drop(ssmPatchBaseline) }},
	})
}

func TestSsmServiceSettings(t *testing.T) {
	checkRule(t, SsmServiceSettings, ssmServiceSetting, map[string]any{"settingId": "/ssm/documents/console/public-sharing-permission", "settingValue": "Disable"}, []mutation{
		{name: "public sharing disabled passes"},
		{name: "public sharing enabled fails", set: map[string]any{"settingValue": "Enable"}, wantFail: `settingValue is "Enable"; want "Disable"`},
		{name: "the setting by ARN is read", set: map[string]any{"settingId": "arn:aws:ssm:us-east-1:1:servicesetting/ssm/documents/console/public-sharing-permission", "settingValue": "Enable"}, wantFail: "settingValue"},
		{name: "Automation logs to CloudWatch pass", set: map[string]any{"settingId": "/ssm/automation/customer-script-log-destination", "settingValue": "CloudWatch"}},
		{name: "Automation logs nowhere fail", set: map[string]any{"settingId": "/ssm/automation/customer-script-log-destination", "settingValue": "None"}, wantFail: `want "CloudWatch"`},
		{name: "another setting is out of scope", set: map[string]any{"settingId": "/ssm/managed-instance/activation-tier", "settingValue": "advanced"}},
		{name: "an unknown setting is re-checked", set: map[string]any{"settingId": unknown}, wantUnknown: "settingId"},
	})
}

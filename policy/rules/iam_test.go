package rules

import (
	"strings"
	"testing"
)

// stmt wraps statements in a policy document.
func stmt(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

const execution = "prod-services-claims-api-execution"

func TestIdentityDocumentsAreRead(t *testing.T) {
	checkRule(t, IamNoAdminWildcard, iamRole, inputsOf(t, "prod", iamRole, execution), []mutation{
		{name: "a role without inline policies passes"},
		{name: "an inline admin policy fails", set: map[string]any{"inlinePolicies": []any{map[string]any{"name": "x", "policy": stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`)}}},
			wantFail: `inlinePolicies[0].policy statement [0] allows Action "*" on Resource "*"`},
		{name: "an unknown inline policy is re-checked", set: map[string]any{"inlinePolicies": []any{map[string]any{"name": "x", "policy": unknown}}}, wantUnknown: "inlinePolicies[0].policy"},
		{name: "unknown inline policies are re-checked", set: map[string]any{"inlinePolicies": unknown}, wantUnknown: "inlinePolicies"},
	})
}

func TestIamNoAdminWildcard(t *testing.T) {
	for _, typ := range []string{iamPolicy, iamRolePolicy, iamUserPolicy, iamGroupPolicy} {
		base := map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)}
		if typ == iamPolicy {
			base = inputsOf(t, "prod", iamPolicy, "prod-management-sessions")
		}
		checkRule(t, IamNoAdminWildcard, typ, base, []mutation{
			{name: typ + " without admin passes"},
			{name: typ + " admin fails", set: map[string]any{"policy": stmt(`{"Sid":"Admin","Effect":"Allow","Action":["*"],"Resource":["*"]}`)}, wantFail: `policy statement "Admin" allows Action "*" on Resource "*"`},
			{name: typ + " * on one ARN is IAM.21's, not IAM.1's", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}`)}},
			{name: typ + " a Deny of everything passes", set: map[string]any{"policy": stmt(`{"Effect":"Deny","Action":"*","Resource":"*"}`)}},
			{name: typ + " * on NotResource fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::b"}`)}, wantFail: "full administrator"},
			{name: typ + " an unknown policy is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
		})
	}
}

func TestIamNoServiceWildcards(t *testing.T) {
	checkRule(t, IamNoServiceWildcards, iamRolePolicy, inputsOf(t, "prod", iamRolePolicy, "prod-file-gateway"), []mutation{
		{name: "the gateway's prefix wildcards (kms:ReEncrypt*, kms:GenerateDataKey*) pass"},
		{name: "s3:* fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":["s3:GetObject","s3:*"],"Resource":"arn:aws:s3:::b/*"}`)}, wantFail: "allows s3:*: every action of the service"},
		{name: "kms:** fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:**","Resource":"*"}`)}, wantFail: "allows kms:**"},
		{name: "* fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}`)}, wantFail: "allows *: every action"},
		{name: "a Deny of s3:* passes", set: map[string]any{"policy": stmt(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`)}},
		{name: "an action without a service passes (IAM refuses it)", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"iam","Resource":"*"}`)}},
	})
}

func TestIamNoNotAction(t *testing.T) {
	checkRule(t, IamNoNotAction, iamPolicy, inputsOf(t, "prod", iamPolicy, "prod-management-sessions"), []mutation{
		{name: "the sessions policy passes"},
		{name: "Allow NotAction fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)}, wantFail: "allows NotAction iam:*: every other action"},
		{name: "Allow NotResource fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}`)}, wantFail: "allows on NotResource arn:aws:s3:::secret/*"},
		{name: "Deny NotAction passes", set: map[string]any{"policy": stmt(`{"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*"}`)}},
	})
}

func TestIamNoDecryptAllKeys(t *testing.T) {
	checkRule(t, IamNoDecryptAllKeys, iamRolePolicy, inputsOf(t, "prod", iamRolePolicy, "prod-services-claims-api-task"), []mutation{
		{name: "decrypt on the file bucket's key passes"},
		{name: "decrypt on * fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}`)}, wantFail: `allows kms:Decrypt on every KMS key (Resource "*")`},
		{name: "ReEncryptFrom on * fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:ReEncrypt*","Resource":["*"]}`)}, wantFail: "allows kms:ReEncryptFrom on every KMS key"},
		{name: "kms:* on * fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`)}, wantFail: "kms:Decrypt"},
		{name: "decrypt on NotResource fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:Decrypt","NotResource":"arn:aws:kms:::key/x"}`)}, wantFail: "kms:Decrypt"},
		{name: "Encrypt on * passes KMS.1", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}`)}},
		{name: "a case-changed action is still Decrypt", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"KMS:decrypt","Resource":"*"}`)}, wantFail: "kms:Decrypt"},
	})
}

func TestIamNoObjectVersionDelete(t *testing.T) {
	checkRule(t, IamNoObjectVersionDelete, iamRolePolicy, inputsOf(t, "prod", iamRolePolicy, "prod-file-gateway"), []mutation{
		{name: "the gateway's role, without DeleteObjectVersion, passes"},
		{name: "DeleteObjectVersion under a share's prefix fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":["s3:DeleteObject","s3:DeleteObjectVersion"],"Resource":"arn:aws:s3:::prod-files-bucket/claims/*"}`)},
			wantFail: "allows s3:DeleteObjectVersion on arn:aws:s3:::prod-files-bucket/claims/*"},
	})
	checkRule(t, IamNoObjectVersionDelete, iamRolePolicy, inputsOf(t, "prod", iamRolePolicy, "prod-services-document-scanner-task"), []mutation{
		{name: "the scanner's DeleteObject (a delete marker, undone by versioning) passes"},
		{name: "s3:* on the objects fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::prod-files-bucket/*"}`)}, wantFail: "allows s3:DeleteObjectVersion on arn:aws:s3:::prod-files-bucket/*"},
		{name: "s3:Delete* on every bucket fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:Delete*","Resource":"arn:aws:s3:::*"}`)}, wantFail: "on arn:aws:s3:::*"},
		{name: "* on * fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`)}, wantFail: "on *"},
		{name: "on NotResource fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:DeleteObjectVersion","NotResource":"arn:aws:s3:::x/*"}`)}, wantFail: "on NotResource arn:aws:s3:::x/*"},
		{name: "on the bucket itself (no objects) passes", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::prod-files-bucket"}`)}},
		{name: "on one object fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"s3:DeleteObjectVersion","Resource":"arn:aws:s3:::b/claims/a.pdf"}`)}, wantFail: "on arn:aws:s3:::b/claims/a.pdf"},
		{name: "on another service's resources passes", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"*","Resource":["arn:aws:sqs:us-east-1:1:q","arn:aws:dynamodb:us-east-1:1:table/t","arn:aws:sns:*"]}`)}},
	})
}

func TestIamCreateGrantForAWSResource(t *testing.T) {
	checkRule(t, IamCreateGrantForAWSResource, iamRolePolicy, inputsOf(t, "prod", iamRolePolicy, "prod-file-gateway"), []mutation{
		{name: "the program's role policies grant no CreateGrant and pass"},
		{name: "an unconditioned CreateGrant fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":["kms:Decrypt","kms:CreateGrant"],"Resource":"arn:aws:kms:us-east-1:123456789012:key/db"}`)},
			wantFail: "allows kms:CreateGrant without kms:GrantIsForAWSResource"},
		{name: "with the condition it passes", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":["kms:Decrypt","kms:CreateGrant"],"Resource":"arn:aws:kms:us-east-1:123456789012:key/db","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}`)}},
		{name: "a boolean true passes", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":true}}}`)}},
		{name: "false fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"false"}}}`)}, wantFail: "without kms:GrantIsForAWSResource"},
		{name: "kms:Create* fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:Create*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "without CreateGrant it passes", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}`)}},
		{name: "a Deny passes", set: map[string]any{"policy": stmt(`{"Effect":"Deny","Action":"kms:*","Resource":"*"}`)}},
	})
	checkRule(t, IamCreateGrantForAWSResource, iamRole, inputsOf(t, "prod", iamRole, execution), []mutation{
		{name: "a role's inline policies are read", set: map[string]any{"inlinePolicies": []any{map[string]any{"name": "g", "policy": stmt(`{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*"}`)}}},
			wantFail: "inlinePolicies[0].policy statement [0] allows kms:CreateGrant"},
	})
	checkRule(t, IamCreateGrantForAWSResource, kmsKey, inputsOf(t, "prod", kmsKey, "prod-compute"), []mutation{
		{name: "the compute key's root delegation and conditioned Auto Scaling grant pass"},
		{name: "an unconditioned grant to a role fails", set: map[string]any{"policy": stmt(`{"Sid":"Grant","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/x"},"Action":"kms:CreateGrant","Resource":"*"}`)},
			wantFail: `policy statement "Grant" allows kms:CreateGrant`},
		{name: "a root given by account id delegates too", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"kms:*","Resource":"*"}`)}},
		{name: "a root beside a role does not", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:role/x"]},"Action":"kms:*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "a service principal is not a root", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"Service":"logs.amazonaws.com"},"Action":"kms:*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "a root and a service in one statement is not delegation", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root","Service":"logs.amazonaws.com"},"Action":"kms:*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "a short id is not an account", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"12345"},"Action":"kms:*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "twelve letters are not an account", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"abcdefghijkl"},"Action":"kms:*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "an STS root is no IAM account root", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::123456789012:root"},"Action":"kms:*","Resource":"*"}`)}, wantFail: "CreateGrant"},
		{name: "a Deny in a key policy passes", set: map[string]any{"policy": stmt(`{"Effect":"Deny","Principal":"*","Action":"kms:CreateGrant","Resource":"*"}`)}},
		{name: "a key with no policy has nothing to check", set: map[string]any{"policy": nil}},
		{name: "an unknown policy is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
	})
	checkRule(t, IamCreateGrantForAWSResource, kmsKeyPolicy, map[string]any{"keyId": "k", "policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/x"},"Action":"kms:CreateGrant","Resource":"*"}`)}, []mutation{
		{name: "a separate key policy is checked too", wantFail: "CreateGrant"},
		{name: "and passes with the condition", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/x"},"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}`)}},
	})
}

func TestIamDeniedManagedPolicies(t *testing.T) {
	checkRule(t, IamDeniedManagedPolicies, iamRole, inputsOf(t, "prod", iamRole, "prod-compute-hosts"), []mutation{
		{name: "the hosts' role, with attachments and a customer agent policy, passes"},
		{name: "AmazonEC2ContainerServiceforEC2Role fails", set: map[string]any{"managedPolicyArns": []any{"arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"}},
			wantFail: "managedPolicyArns attaches the AWS-managed arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role, which is on the deny list"},
		{name: "the SSM core policy alone passes", set: map[string]any{"managedPolicyArns": []any{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}}},
		{name: "AdministratorAccess fails", set: map[string]any{"managedPolicyArns": []any{"arn:aws:iam::aws:policy/AdministratorAccess"}}, wantFail: "AdministratorAccess"},
		{name: "another partition counts", set: map[string]any{"managedPolicyArns": []any{"arn:aws-us-gov:iam::aws:policy/PowerUserAccess"}}, wantFail: "PowerUserAccess"},
		{name: "a customer policy of the same name is not AWS's", set: map[string]any{"managedPolicyArns": []any{"arn:aws:iam::123456789012:policy/AdministratorAccess"}}},
		{name: "a list configured without it passes", config: map[string]any{"deniedManagedPolicies": []any{"IAMFullAccess"}}},
		{name: "a configured list is used", set: map[string]any{"managedPolicyArns": []any{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}},
			config: map[string]any{"deniedManagedPolicies": []any{"AmazonSSMManagedInstanceCore", 7}}, wantFail: "AmazonSSMManagedInstanceCore"},
		{name: "unknown ARNs are re-checked", set: map[string]any{"managedPolicyArns": unknown}, wantUnknown: "managedPolicyArns"},
		{name: "a blank entry in the configured list denies no customer policy", set: map[string]any{"managedPolicyArns": []any{"arn:aws:iam::123456789012:policy/x/"}},
			config: map[string]any{"deniedManagedPolicies": []any{""}}},
		{name: "an unknown ARN beside a denied one still fails", set: map[string]any{"managedPolicyArns": []any{unknown, "arn:aws:iam::aws:policy/IAMFullAccess"}}, wantFail: "IAMFullAccess", wantUnknown: "managedPolicyArns"},
	})
	checkRule(t, IamDeniedManagedPolicies, iamRolePolicyAttach, inputsOf(t, "prod", iamRolePolicyAttach, "prod-management-sessions-0"), []mutation{
		{name: "a customer policy attachment passes"},
		{name: "AmazonS3FullAccess attached fails", set: map[string]any{"policyArn": "arn:aws:iam::aws:policy/AmazonS3FullAccess"}, wantFail: "policyArn attaches the AWS-managed arn:aws:iam::aws:policy/AmazonS3FullAccess"},
		{name: "an unknown ARN is re-checked", set: map[string]any{"policyArn": unknown}, wantUnknown: "policyArn"},
	})
	checkRule(t, IamDeniedManagedPolicies, iamPolicyAttachment, map[string]any{"policyArn": "arn:aws:iam::aws:policy/IAMFullAccess", "roles": []any{"r"}}, []mutation{
		{name: "a policy attachment to roles is checked", wantFail: "IAMFullAccess"},
		{name: "one to users only is IAM.2's", set: map[string]any{"roles": nil, "users": []any{"u"}}},
	})
}

func TestAwsManagedPolicy(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:iam::aws:policy/AdministratorAccess":                              "AdministratorAccess",
		"arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role": "AmazonEC2ContainerServiceforEC2Role",
		"arn:aws:iam::123456789012:policy/AdministratorAccess":                     "",
		"arn:aws:iam::aws:role/x":                                                  "",
		"arn:aws:s3::aws:policy/x":                                                 "",
		"x:aws:iam::aws:policy/x":                                                  "",
		"AdministratorAccess":                                                      "",
		"arn:aws":                                                                  "",
		"arn:aws:iam::aws":                                                         "",
	} {
		got, ok := awsManagedPolicy(arn)
		if got != want || ok != (want != "") {
			t.Errorf("awsManagedPolicy(%q) = %q, %v; want %q", arn, got, ok, want)
		}
	}
}

func TestIamTrustSourceConditions(t *testing.T) {
	trust := func(service, condition string) string {
		return stmt(`{"Sid":"Trust","Effect":"Allow","Principal":{"Service":"` + service + `"},"Action":"sts:AssumeRole"` + condition + `}`)
	}
	const both = `,"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},"ArnLike":{"aws:SourceArn":"arn:aws:ecs:us-east-1:123456789012:*"}}`
	checkRule(t, IamTrustSourceConditions, iamRole, inputsOf(t, "prod", iamRole, execution), []mutation{
		{name: "the program's trust with SourceAccount and SourceArn passes"},
		{name: "SourceAccount alone fails", set: map[string]any{"assumeRolePolicy": trust("ecs-tasks.amazonaws.com", `,"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}`)},
			wantFail: `assumeRolePolicy statement "Trust" trusts ecs-tasks.amazonaws.com without aws:SourceArn, which the service sends`},
		{name: "no condition at all fails naming both keys", set: map[string]any{"assumeRolePolicy": trust("ecs-tasks.amazonaws.com", "")}, wantFail: "without aws:SourceAccount and aws:SourceArn"},
		{name: "SourceArn alone fails", set: map[string]any{"assumeRolePolicy": trust("ssm.amazonaws.com", `,"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:ssm:*"}}`)}, wantFail: "without aws:SourceAccount,"},
		{name: "log delivery without SourceArn fails", set: map[string]any{"assumeRolePolicy": trust("delivery.logs.amazonaws.com", `,"Condition":{"StringEquals":{"aws:SourceAccount":"1"}}`)},
			wantFail: "trusts delivery.logs.amazonaws.com without aws:SourceArn"},
		{name: "keys in another case count", set: map[string]any{"assumeRolePolicy": trust("vpc-flow-logs.amazonaws.com", `,"Condition":{"StringEquals":{"AWS:SOURCEACCOUNT":"1","aws:sourcearn":"x"}}`)}},
		{name: "EC2 is never held to them", set: map[string]any{"assumeRolePolicy": trust("ec2.amazonaws.com", "")}},
		{name: "Backup is never held to them", set: map[string]any{"assumeRolePolicy": trust("backup.amazonaws.com", "")}},
		{name: "ECR's repository-creation role is never held to them", set: map[string]any{"assumeRolePolicy": trust("ecr.amazonaws.com", "")}},
		{name: "S3 replication is never held to them", set: map[string]any{"assumeRolePolicy": trust("s3.amazonaws.com", "")}},
		{name: "a service missing from the table fails", set: map[string]any{"assumeRolePolicy": trust("lambda.amazonaws.com", both)}, wantFail: "trusts lambda.amazonaws.com, which is not in the rule's source-condition table"},
		{name: "one of two services without the keys fails", set: map[string]any{"assumeRolePolicy": stmt(`{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","monitoring.rds.amazonaws.com"]},"Action":"sts:AssumeRole"}`)},
			wantFail: "trusts monitoring.rds.amazonaws.com without"},
		{name: "a Deny is no trust", set: map[string]any{"assumeRolePolicy": stmt(`{"Effect":"Deny","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"}`)}},
		{name: "an account principal is not a service", set: map[string]any{"assumeRolePolicy": stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"sts:AssumeRole"}`)}},
		{name: "an unknown trust policy is re-checked", set: map[string]any{"assumeRolePolicy": unknown}, wantUnknown: "assumeRolePolicy"},
	})
	for _, name := range []string{"prod-compute-hosts", "prod-backup-jobs"} {
		checkRule(t, IamTrustSourceConditions, iamRole, inputsOf(t, "prod", iamRole, name), []mutation{{name: name + ": a service that sends no source keys passes without them"}})
	}
	checkRule(t, IamTrustSourceConditions, snsTopicPolicy, inputsOf(t, "prod", snsTopicPolicy, "prod-foundation-operations"), []mutation{
		{name: "the topic's publishers pinned with both keys pass"},
		{name: "a publisher with SourceAccount only fails", set: map[string]any{"policy": stmt(`{"Sid":"Alarms","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"SNS:Publish","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}`)},
			wantFail: `policy statement "Alarms" trusts cloudwatch.amazonaws.com without aws:SourceArn`},
	})
	checkRule(t, IamTrustSourceConditions, s3Policy, inputsOf(t, "prod", s3Policy, "prod-files-access-logs"), []mutation{
		{name: "S3 log delivery pinned with both keys passes"},
		{name: "log delivery without them fails", set: map[string]any{"policy": stmt(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}`)}, wantFail: "trusts logging.s3.amazonaws.com"},
	})
	checkRule(t, IamTrustSourceConditions, snsTopic, inputsOf(t, "prod", snsTopic, "prod-foundation-operations"), []mutation{
		{name: "a topic without an inline policy passes"},
		{name: "an inline topic policy is read", set: map[string]any{"policy": trust("events.amazonaws.com", "")}, wantFail: "trusts events.amazonaws.com"},
	})
}

func TestSourceConditionTable(t *testing.T) {
	table := SourceConditionTable()
	if len(table) != len(sourceConditions) {
		t.Fatalf("%d rows for %d services", len(table), len(sourceConditions))
	}
	for i, row := range table {
		if i > 0 && table[i-1][0] >= row[0] {
			t.Errorf("rows are not sorted: %s before %s", table[i-1][0], row[0])
		}
		want := "no: never demanded"
		if sourceConditions[row[0]].Sends {
			want = "yes: both demanded"
		}
		if row[1] != want || row[2] != sourceConditions[row[0]].Doc || row[2] == "" {
			t.Errorf("row %v", row)
		}
	}
	for _, never := range []string{"ec2.amazonaws.com", "backup.amazonaws.com", "ecr.amazonaws.com", "s3.amazonaws.com"} {
		if sourceConditions[never].Sends {
			t.Errorf("%s does not send the source keys", never)
		}
	}
	for _, sends := range []string{"ecs-tasks.amazonaws.com", "ssm.amazonaws.com", "monitoring.rds.amazonaws.com", "vpc-flow-logs.amazonaws.com", "storagegateway.amazonaws.com", "cloudwatch.amazonaws.com", "events.amazonaws.com", "events.rds.amazonaws.com"} {
		if !sourceConditions[sends].Sends {
			t.Errorf("%s sends the source keys", sends)
		}
	}
}

func TestIamRoleSingleAttachmentMechanism(t *testing.T) {
	checkStack(t, IamRoleSingleAttachmentMechanism, []stackCase{
		{name: "the program attaches policies one way on every role"},
		{name: "dev too", stack: "dev"},
		{name: "managedPolicyArns beside attachments fails", edit: func(s *stack) {
			s.set(iamRole, "prod-backup-jobs", "managedPolicyArns", []any{"arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"})
		}, on: "prod-backup-jobs", wantFail: `Role "prod-backup-jobs": sets managedPolicyArns and aws:iam/rolePolicy`, wantFails: 3},
		{name: "an empty managedPolicyArns still takes over", edit: func(s *stack) {
			s.set(iamRole, "prod-compute-hosts", "managedPolicyArns", []any{})
		}, on: "prod-compute-hosts", wantFail: `Role "prod-compute-hosts": sets managedPolicyArns and aws:iam/role`, wantFails: 3},
		{name: "inlinePolicies beside a role policy fails", edit: func(s *stack) {
			s.set(iamRole, "prod-file-gateway", "inlinePolicies", []any{})
		}, on: "prod-file-gateway", wantFail: `sets inlinePolicies and aws:iam/rolePolicy:RolePolicy "prod-file-gateway"`},
		{name: "a policy attachment naming the role fails", edit: func(s *stack) {
			s.drop(iamRolePolicy, "prod-file-gateway").set(iamRole, "prod-file-gateway", "managedPolicyArns", []any{"arn"}).
				add(iamPolicyAttachment, "legacy", map[string]any{"policyArn": "arn", "roles": []any{unknown}}).
				dep(iamPolicyAttachment, "legacy", "roles", iamRole, "prod-file-gateway")
		}, on: "prod-file-gateway", wantFail: `aws:iam/policyAttachment:PolicyAttachment "legacy"`},
	})
}

func TestIamNoUserPolicies(t *testing.T) {
	checkRule(t, IamNoUserPolicies, iamUserPolicy, map[string]any{"user": "alice", "policy": stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)}, []mutation{
		{name: "a user policy fails", wantFail: `attaches a policy to user "alice"`},
	})
	checkRule(t, IamNoUserPolicies, iamUserPolicyAttach, map[string]any{"user": "alice", "policyArn": "arn"}, []mutation{
		{name: "a user policy attachment fails", wantFail: "attaches a policy to user"},
	})
	checkRule(t, IamNoUserPolicies, iamPolicyAttachment, map[string]any{"policyArn": "arn", "roles": []any{"r"}}, []mutation{
		{name: "a policy attachment to roles passes"},
		{name: "one to users fails", set: map[string]any{"users": []any{"alice"}}, wantFail: `attaches a policy to users ["alice"]`},
		{name: "unknown users are re-checked", set: map[string]any{"users": unknown}, wantUnknown: "users"},
	})
}

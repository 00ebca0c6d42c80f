package rules

import "testing"

func TestS3PublicAccessBlock(t *testing.T) {
	cases := []mutation{{name: "all four flags pass"}}
	for _, k := range publicAccessFlags {
		cases = append(cases, mutation{name: k + " off fails", set: map[string]any{k: false}, wantFail: k + " is false; want true"},
			mutation{name: k + " unset fails", set: map[string]any{k: nil}, wantFail: k + " is unset"})
	}
	checkRule(t, S3PublicAccessBlock, s3PublicAccessBlock, inputsOf(t, "prod", s3PublicAccessBlock, "prod-files"), cases)
	account := map[string]any{"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true}
	checkRule(t, S3AccountPublicAccessBlock, s3AccountPublicAccess, account, cases)
}

func TestS3Encryption(t *testing.T) {
	const enc = s3Encryption
	checkStack(t, S3Encryption, []stackCase{
		{name: "KMS on the file bucket, SSE-S3 on the two log buckets pass"},
		{name: "dev passes", stack: "dev"},
		{name: "SSE-S3 on the file bucket fails", edit: func(s *stack) {
			s.set(enc, "prod-files", "rules[0].applyServerSideEncryptionByDefault", map[string]any{"sseAlgorithm": "AES256"})
		}, on: "prod-files", wantFail: `rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is "AES256"; want "aws:kms"`},
		{name: "KMS without a key of the stack fails", edit: func(s *stack) {
			s.set(enc, "prod-files", "rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId", nil)
		}, on: "prod-files", wantFail: "kmsMasterKeyId is unset: AWS uses its managed aws/s3 key"},
		{name: "DSSE-KMS passes", edit: func(s *stack) {
			s.set(enc, "prod-files", "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "aws:kms:dsse")
		}},
		{name: "no default encryption rule fails", edit: func(s *stack) { s.set(enc, "prod-files", "rules", []any{}) }, on: "prod-files", wantFail: "sseAlgorithm is unset"},
		{name: "a log bucket without encryption is no SSE-S3 exception", edit: func(s *stack) {
			s.set(enc, "prod-files-access-logs", "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", "none")
		}, on: "prod-files-access-logs", wantFail: `sseAlgorithm is "none"`},
		{name: "SSE-S3 on a bucket that receives no logs fails", edit: func(s *stack) {
			s.dep(s3Logging, "prod-files", "targetBucket")
		}, on: "prod-files-access-logs", wantFail: `"AES256"`},
		{name: "an unknown algorithm is re-checked", edit: func(s *stack) {
			s.set(enc, "prod-files", "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", unknown)
		}, wantUnknown: "sseAlgorithm"},
	})
}

func TestS3Versioning(t *testing.T) {
	checkRule(t, S3Versioning, s3Versioning, inputsOf(t, "prod", s3Versioning, "prod-files"), []mutation{
		{name: "enabled passes"},
		{name: "suspended fails", set: map[string]any{"versioningConfiguration.status": "Suspended"}, wantFail: `versioningConfiguration.status is "Suspended"; want "Enabled"`},
		{name: "unknown is re-checked", set: map[string]any{"versioningConfiguration.status": unknown}, wantUnknown: "versioningConfiguration.status"},
	})
}

func TestS3TLSOnly(t *testing.T) {
	const files = `"arn:aws:s3:::prod-files-bucket"`
	doc := func(statement string) string { return `{"Version":"2012-10-17","Statement":` + statement + `}` }
	deny := func(mods string) string {
		return `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":[` + files + `,"arn:aws:s3:::prod-files-bucket/*"],` + mods + `}`
	}
	const insecure = `"Condition":{"Bool":{"aws:SecureTransport":"false"}}`
	checkRule(t, S3TLSOnly, s3Policy, inputsOf(t, "prod", s3Policy, "prod-files"), []mutation{
		{name: "the program's deny passes"},
		{name: "a single-object Statement passes", set: map[string]any{"policy": doc(deny(insecure))}},
		{name: "a list-valued condition passes", set: map[string]any{"policy": doc(deny(`"Condition":{"Bool":{"aws:SecureTransport":["false"]}}`))}},
		{name: "a boolean condition value passes", set: map[string]any{"policy": doc(deny(`"Condition":{"Bool":{"aws:SecureTransport":false}}`))}},
		{name: "a condition key in another case passes", set: map[string]any{"policy": doc(deny(`"Condition":{"Bool":{"AWS:securetransport":"false"}}`))}},
		{name: "BoolIfExists passes", set: map[string]any{"policy": doc(deny(`"Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}`))}},
		{name: "Principal AWS * passes", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"*",` + insecure + `}`)}},
		{name: "a pattern covering bucket and objects passes", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::prod-files-bucket*",` + insecure + `}`)}},
		{name: "no policy statement fails", set: map[string]any{"policy": doc(`[]`)}, wantFail: "policy has no statement that denies s3:* on the bucket and its objects"},
		{name: "an empty policy fails", set: map[string]any{"policy": ""}, wantFail: "policy has no statement"},
		{name: "an Allow with the condition fails", set: map[string]any{"policy": doc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":[` + files + `,"arn:aws:s3:::prod-files-bucket/*"],` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny for one principal fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/x"},"Action":"s3:*","Resource":[` + files + `,"arn:aws:s3:::prod-files-bucket/*"],` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny of GetObject only fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":[` + files + `,"arn:aws:s3:::prod-files-bucket/*"],` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny of PutObject only fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":[` + files + `,"arn:aws:s3:::prod-files-bucket/*"],` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny on the objects only fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::prod-files-bucket/*",` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny on the bucket only fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + files + `,` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny on another bucket's objects fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":[` + files + `,"arn:aws:s3:::other/*"],` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a non-ARN resource does not cover the bucket", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["prod-files-bucket","prod-files-bucket/*"],` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "a deny narrowed by another condition fails", set: map[string]any{"policy": doc(deny(`"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:PrincipalAccount":"111111111111"}}`))}, wantFail: "policy has no statement"},
		{name: "a deny on true fails", set: map[string]any{"policy": doc(deny(`"Condition":{"Bool":{"aws:SecureTransport":"true"}}`))}, wantFail: "policy has no statement"},
		{name: "a deny on false and true fails", set: map[string]any{"policy": doc(deny(`"Condition":{"Bool":{"aws:SecureTransport":["false","true"]}}`))}, wantFail: "policy has no statement"},
		{name: "a deny under another operator fails", set: map[string]any{"policy": doc(deny(`"Condition":{"StringEquals":{"aws:SecureTransport":"false"}}`))}, wantFail: "policy has no statement"},
		{name: "a deny without a condition fails", set: map[string]any{"policy": doc(deny(`"Sid":"x"`))}, wantFail: "policy has no statement"},
		{name: "NotAction fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*",` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "NotResource fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::x",` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "NotPrincipal fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"s3:*","Resource":"*",` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "NotAction that still covers reads and writes fails", set: map[string]any{"policy": doc(`{"Effect":"Deny","Principal":"*","NotAction":"s3:ListBucket","Resource":"*",` + insecure + `}`)}, wantFail: "policy has no statement"},
		{name: "invalid JSON fails", set: map[string]any{"policy": "{"}, wantFail: "policy is not a valid policy document"},
		{name: "an invalid statement fails", set: map[string]any{"policy": doc(`[{"Effect":1}]`)}, wantFail: "policy is not a valid policy document"},
		{name: "unknown is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
	})
}

func TestS3BucketControls(t *testing.T) {
	cases := []stackCase{{name: "every bucket has all four"}, {name: "dev too", stack: "dev"}}
	for _, side := range []string{s3PublicAccessBlock, s3Encryption, s3Versioning, s3Policy} {
		cases = append(cases, stackCase{name: "no " + side + " fails", edit: func(s *stack) { s.drop(side, "prod-files") }, on: "prod-files",
			wantFail: "no " + side + " has bucket = this bucket"})
	}
	cases = append(cases, stackCase{name: "a side resource matched by the bucket's known name counts (up)", edit: func(s *stack) {
		s.dep(s3Versioning, "prod-files", "bucket").set(s3Versioning, "prod-files", "bucket", "prod-files-bucket").
			output(s3Bucket, "prod-files", "bucket", "prod-files-bucket")
	}})
	checkStack(t, S3BucketControls, cases)
}

func TestS3AccessLogging(t *testing.T) {
	checkStack(t, S3AccessLogging, []stackCase{
		{name: "the file bucket logs; the log buckets are excepted"},
		{name: "dev too", stack: "dev"},
		{name: "the file bucket without logging fails, and the access-log bucket is then no log target", edit: func(s *stack) { s.drop(s3Logging) }, on: "prod-files",
			wantFail: "no aws:s3/bucketLoggingV2:BucketLoggingV2 has bucket = this bucket", wantFails: 2},
		{name: "a bucket that stops receiving ALB logs must log", edit: func(s *stack) { s.dep(lbType, "prod-compute", "accessLogs") }, on: "prod-compute-alb-logs",
			wantFail: "no aws:s3/bucketLoggingV2"},
	})
}

func TestS3OwnershipEnforced(t *testing.T) {
	checkStack(t, S3OwnershipEnforced, []stackCase{
		{name: "every bucket enforces bucket ownership"},
		{name: "no ownership controls fail", edit: func(s *stack) { s.drop(s3Ownership, "prod-files") }, on: "prod-files",
			wantFail: "sets objectOwnership BucketOwnerEnforced for it: ACLs stay in effect"},
		{name: "ObjectWriter fails", edit: func(s *stack) { s.set(s3Ownership, "prod-files", "rule.objectOwnership", "ObjectWriter") }, on: "prod-files",
			wantFail: "ACLs stay in effect"},
		{name: "an unknown mode is re-checked", edit: func(s *stack) { s.set(s3Ownership, "prod-files", "rule.objectOwnership", unknown) },
			wantUnknown: "objectOwnership"},
		{name: "an enforcing control beside another passes", edit: func(s *stack) {
			s.add(s3Ownership, "prod-files-2", map[string]any{"bucket": "b", "rule": map[string]any{"objectOwnership": "ObjectWriter"}}).
				dep(s3Ownership, "prod-files-2", "bucket", s3Bucket, "prod-files")
		}},
		{name: "an unknown mode beside a wrong one is re-checked", edit: func(s *stack) {
			s.set(s3Ownership, "prod-files", "rule.objectOwnership", unknown).
				add(s3Ownership, "prod-files-2", map[string]any{"bucket": "b", "rule": map[string]any{"objectOwnership": "ObjectWriter"}}).
				dep(s3Ownership, "prod-files-2", "bucket", s3Bucket, "prod-files")
		}, wantUnknown: "objectOwnership"},
		{name: "an ACL fails", edit: func(s *stack) {
			s.add(s3ACL, "prod-files-acl", map[string]any{"bucket": "b", "acl": "private"}).dep(s3ACL, "prod-files-acl", "bucket", s3Bucket, "prod-files")
		}, on: "prod-files", wantFail: `aws:s3/bucketAclV2:BucketAclV2 "prod-files-acl" sets an ACL on it`},
	})
}

func TestS3Lifecycle(t *testing.T) {
	checkStack(t, S3Lifecycle, []stackCase{
		{name: "every bucket has an enabled rule"},
		{name: "no lifecycle fails", edit: func(s *stack) { s.drop(s3Lifecycle, "prod-files") }, on: "prod-files", wantFail: "with an Enabled rule has bucket = this bucket"},
		{name: "a disabled rule fails", edit: func(s *stack) { s.set(s3Lifecycle, "prod-files", "rules[0].status", "Disabled") }, on: "prod-files", wantFail: "Enabled rule"},
		{name: "an enabled rule after a disabled one passes", edit: func(s *stack) {
			s.set(s3Lifecycle, "prod-files", "rules[0].status", "Disabled").set(s3Lifecycle, "prod-files", "rules[1]", map[string]any{"id": "x", "status": "Enabled"})
		}},
		{name: "an unknown status is re-checked", edit: func(s *stack) { s.set(s3Lifecycle, "prod-files", "rules[0].status", unknown) }, wantUnknown: "rules of its lifecycle"},
		{name: "an unknown status before a disabled one is re-checked", edit: func(s *stack) {
			s.set(s3Lifecycle, "prod-files", "rules[0].status", unknown).set(s3Lifecycle, "prod-files", "rules[1]", map[string]any{"id": "x", "status": "Disabled"})
		}, wantUnknown: "rules of its lifecycle"},
		{name: "an enabled configuration beside a disabled one passes", edit: func(s *stack) {
			s.add(s3Lifecycle, "prod-files-2", map[string]any{"bucket": "b", "rules": []any{map[string]any{"id": "y", "status": "Disabled"}}}).
				dep(s3Lifecycle, "prod-files-2", "bucket", s3Bucket, "prod-files")
		}},
		{name: "unknown rules beside a disabled configuration are re-checked", edit: func(s *stack) {
			s.set(s3Lifecycle, "prod-files", "rules", unknown).add(s3Lifecycle, "prod-files-2", map[string]any{"bucket": "b", "rules": []any{map[string]any{"id": "y", "status": "Disabled"}}}).
				dep(s3Lifecycle, "prod-files-2", "bucket", s3Bucket, "prod-files")
		}, wantUnknown: "rules of its lifecycle"},
		{name: "unknown rules are re-checked", edit: func(s *stack) { s.set(s3Lifecycle, "prod-files", "rules", unknown) }, wantUnknown: "rules of its lifecycle"},
	})
}

func TestS3NoCrossAccountAdmin(t *testing.T) {
	doc := func(principal, action string) string {
		return `{"Statement":[{"Sid":"Grant","Effect":"Allow","Principal":` + principal + `,"Action":` + action + `,"Resource":"arn:aws:s3:::b/*"}]}`
	}
	cases := []mutation{
		{name: "the ALB log delivery grant (PutObject to ELB's account) passes"},
		{name: "a service principal is not an account", set: map[string]any{"policy": doc(`{"Service":"logging.s3.amazonaws.com"}`, `"s3:PutObjectAcl"`)}},
		{name: "a deny is no grant", set: map[string]any{"policy": `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`}},
		{name: "s3:* to everyone fails", set: map[string]any{"policy": doc(`"*"`, `"s3:*"`)}, wantFail: `statement "Grant" allows * to s3:DeleteBucketPolicy`},
		{name: "NotAction that leaves PutObjectAcl fails", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"NotAction":"s3:GetObject","Resource":"*"}]}`},
			wantFail: "statement [0] allows arn:aws:iam::999999999999:root to s3:DeleteBucketPolicy"},
		{name: "unknown is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
	}
	for _, a := range bucketAdminActions {
		cases = append(cases, mutation{name: a + " to another account fails", set: map[string]any{"policy": doc(`{"AWS":["arn:aws:iam::999999999999:root"]}`, `"`+a+`"`)},
			wantFail: "allows arn:aws:iam::999999999999:root to " + a})
	}
	checkRule(t, S3NoCrossAccountAdmin, s3Policy, inputsOf(t, "prod", s3Policy, "prod-compute-alb-logs"), cases)
}

func TestS3NoPublicGrants(t *testing.T) {
	var restricted []mutation
	for _, k := range restrictingKeys {
		restricted = append(restricted, mutation{name: "everyone restricted by " + k + " passes", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":"*",` +
			`"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"` + k + `":"x"}}}]}`}})
	}
	checkRule(t, S3NoPublicGrants, s3Policy, inputsOf(t, "prod", s3Policy, "prod-files-access-logs"), restricted)
	checkRule(t, S3NoPublicGrants, s3Policy, inputsOf(t, "prod", s3Policy, "prod-files-access-logs"), []mutation{
		{name: "the log delivery grant with SourceAccount and SourceArn passes"},
		{name: "public read fails", set: map[string]any{"policy": `{"Statement":[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`},
			wantFail: `policy statement "Public" allows everyone s3:GetObject with no restricting condition`},
		{name: "public write fails", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}`},
			wantFail: "allows everyone s3:PutObject"},
		{name: "a named principal without a condition passes", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/r"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`}},
		{name: "a public deny passes", set: map[string]any{"policy": `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`}},
		{name: "everyone from the organisation passes", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`}},
		{name: "everyone from the VPC endpoint passes", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:sourcevpce":"vpce-1"}}}]}`}},
		{name: "an unrestricting condition does not restrict", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`},
			wantFail: "allows everyone"},
		{name: "unknown is re-checked", set: map[string]any{"policy": unknown}, wantUnknown: "policy"},
	})
	checkRule(t, S3NoPublicGrants, s3ACL, map[string]any{"bucket": "b", "acl": "private"}, []mutation{
		{name: "a private ACL passes"},
		{name: "public-read fails", set: map[string]any{"acl": "public-read"}, wantFail: `acl is "public-read": public`},
		{name: "authenticated-read fails", set: map[string]any{"acl": "authenticated-read"}, wantFail: "public"},
		{name: "public-read-write fails", set: map[string]any{"acl": "public-read-write"}, wantFail: "public"},
		{name: "a grant to every AWS account fails", set: map[string]any{"acl": nil, "accessControlPolicy": map[string]any{"grants": []any{
			map[string]any{"permission": "READ", "grantee": map[string]any{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}}}}},
			wantFail: "AuthenticatedUsers"},
		{name: "a grant to AllUsers fails", set: map[string]any{"acl": nil, "accessControlPolicy": map[string]any{"grants": []any{
			map[string]any{"permission": "READ", "grantee": map[string]any{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}}}},
			wantFail: "accessControlPolicy.grants[0] grants http://acs.amazonaws.com/groups/global/AllUsers"},
		{name: "a grant to a canonical user passes", set: map[string]any{"acl": nil, "accessControlPolicy": map[string]any{"grants": []any{
			map[string]any{"permission": "READ", "grantee": map[string]any{"type": "CanonicalUser", "id": "abc"}}}}}},
		{name: "an unknown ACL is re-checked", set: map[string]any{"acl": unknown}, wantUnknown: "acl"},
		{name: "unknown grants are re-checked", set: map[string]any{"accessControlPolicy": map[string]any{"grants": unknown}}, wantUnknown: "grants"},
	})
}

func TestNfsShares(t *testing.T) {
	for _, name := range namesOf(t, nfsFileShare) {
		base := inputsOf(t, "prod", nfsFileShare, name)
		checkRule(t, NfsClients, nfsFileShare, base, []mutation{
			{name: name + " on-premises clients pass"},
			{name: name + " the world fails", set: map[string]any{"clientLists": []any{"10.100.0.0/16", "0.0.0.0/0"}}, wantFail: `clientLists is ["10.100.0.0/16", "0.0.0.0/0"]: open to the whole internet`},
			{name: name + " the world in halves fails", set: map[string]any{"clientLists": []any{"0.0.0.0/1", "128.0.0.0/1"}}, wantFail: "open to the whole internet"},
			{name: name + " an empty entry fails", set: map[string]any{"clientLists": []any{"10.100.0.0/16", ""}}, wantFail: "clientLists has an empty entry"},
			{name: name + " an unknown entry is re-checked", set: map[string]any{"clientLists": []any{unknown}}, wantUnknown: "clientLists"},
		})
		checkRule(t, NfsSquash, nfsFileShare, base, []mutation{
			{name: name + " RootSquash passes"},
			{name: name + " AllSquash passes", set: map[string]any{"squash": "AllSquash"}},
			{name: name + " unset is RootSquash", set: map[string]any{"squash": nil}},
			{name: name + " NoSquash fails", set: map[string]any{"squash": "NoSquash"}, wantFail: `squash is "NoSquash"`},
		})
		checkRule(t, NfsKMS, nfsFileShare, base, []mutation{
			{name: name + " KMS passes"},
			{name: name + " SSE-S3 fails", set: map[string]any{"kmsEncrypted": false}, wantFail: "kmsEncrypted is false"},
			{name: name + " KMS without a key fails", set: map[string]any{"kmsKeyArn": nil}, wantFail: "kmsKeyArn is unset"},
		})
	}
}

func TestProdProtectStateful(t *testing.T) {
	for _, r := range []struct{ typ, name string }{{rdsInstance, "prod-db"}, {s3Bucket, "prod-files"}, {backupVault, "prod-backup"}} {
		checkRule(t, ProdProtectStateful, r.typ, inputsOf(t, "prod", r.typ, r.name), []mutation{
			{name: r.name + " protected passes", protect: true},
			{name: r.name + " unprotected fails", wantFail: "protect is false; want pulumi.Protect(true)"},
		})
	}
}

func TestBackupVaultKMS(t *testing.T) {
	checkRule(t, BackupVaultKMS, backupVault, inputsOf(t, "prod", backupVault, "prod-backup"), []mutation{
		{name: "a vault key passes"},
		{name: "no key fails", set: map[string]any{"kmsKeyArn": nil}, wantFail: "kmsKeyArn is unset: AWS uses its managed aws/backup key"},
	})
}

func TestBackupVaultLock(t *testing.T) {
	checkStack(t, BackupVaultLock, []stackCase{
		{name: "prod locks both vaults"},
		{name: "dev locks none of its vaults, the one it has (advisory in dev)", stack: "dev", on: "dev-backup", wantFail: "no aws:backup/vaultLockConfiguration:VaultLockConfiguration locks this vault", wantFails: 1},
		{name: "an unlocked vault fails", edit: func(s *stack) { s.drop(backupVaultLock, "prod-backup-dr") }, on: "prod-backup-dr", wantFail: "locks this vault"},
	})
}

func TestBackupCoverage(t *testing.T) {
	checkStack(t, BackupCoverage, []stackCase{
		{name: "the database and the file bucket are selected; the log buckets are excepted"},
		{name: "dev too", stack: "dev"},
		{name: "an unselected database fails", edit: func(s *stack) {
			s.dep(backupSelection, "prod-backup", "resources", s3Bucket, "prod-files").set(backupSelection, "prod-backup", "resources", []any{"arn:aws:s3:::prod-files-bucket"})
		}, on: "prod-db", wantFail: "no aws:backup/selection:Selection lists this resource"},
		{name: "a resource matched by its known ARN counts", edit: func(s *stack) {
			s.dep(backupSelection, "prod-backup", "resources", s3Bucket, "prod-files").output(rdsInstance, "prod-db", "arn", "arn:aws:rds:us-east-1:123456789012:prod-db")
		}},
		{name: "no selection fails for both", edit: func(s *stack) { s.drop(backupSelection) }, on: "prod-db", wantFail: "lists this resource", wantFails: 2},
		{name: "a read replica is a copy of its backed-up source", edit: func(s *stack) {
			s.add(rdsInstance, "prod-dr-db", map[string]any{"replicateSourceDb": "arn:aws:rds:us-east-1:123456789012:db:hybridcloud-prod"})
		}},
		{name: "an instance with an empty source is none", edit: func(s *stack) {
			s.add(rdsInstance, "prod-dr-db", map[string]any{"replicateSourceDb": ""})
		}, on: "prod-dr-db", wantFail: "lists this resource"},
		{name: "a replication destination is a copy of its backed-up source", edit: func(s *stack) {
			s.add(s3Bucket, "prod-dr-files", map[string]any{}).add(s3Replication, "prod-dr-replication-files", map[string]any{"bucket": "b"}).
				dep(s3Replication, "prod-dr-replication-files", "rules", s3Bucket, "prod-dr-files")
		}},
		{name: "a bucket no rule replicates to must be selected", edit: func(s *stack) { s.add(s3Bucket, "prod-dr-files", map[string]any{}) },
			on: "prod-dr-files", wantFail: "lists this resource"},
	})
}

func TestBackupVaultDeletionDenied(t *testing.T) {
	allowAll := stmt(`{"Sid":"Open","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"backup:*","Resource":"*"}`)
	checkStack(t, BackupVaultDeletionDenied, []stackCase{
		{name: "prod denies deletion in both vaults"},
		{name: "dev too", stack: "dev"},
		{name: "a vault without a policy fails", edit: func(s *stack) { s.drop(backupVaultPolicy, "prod-backup-dr") },
			on: "prod-backup-dr", wantFail: "no aws:backup/vaultPolicy:VaultPolicy denies backup:DeleteRecoveryPoint to everyone"},
		{name: "a policy that allows instead fails", edit: func(s *stack) { s.set(backupVaultPolicy, "prod-backup", "policy", allowAll) },
			on: "prod-backup", wantFail: "denies backup:DeleteRecoveryPoint"},
		{name: "a deny of another action fails", edit: func(s *stack) {
			s.set(backupVaultPolicy, "prod-backup", "policy", stmt(`{"Effect":"Deny","Principal":"*","Action":"backup:DeleteBackupVault","Resource":"*"}`))
		}, on: "prod-backup", wantFail: "denies backup:DeleteRecoveryPoint"},
		{name: "an allow to everyone is no deny", edit: func(s *stack) {
			s.set(backupVaultPolicy, "prod-backup", "policy", stmt(`{"Effect":"Allow","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}`))
		}, on: "prod-backup", wantFail: "denies backup:DeleteRecoveryPoint"},
		{name: "a second policy without the deny does not undo the first", edit: func(s *stack) {
			s.add(backupVaultPolicy, "second", map[string]any{"backupVaultName": unknown, "policy": allowAll}).
				dep(backupVaultPolicy, "second", "backupVaultName", backupVault, "prod-backup")
		}},
		{name: "a deny by wildcard counts", edit: func(s *stack) {
			s.set(backupVaultPolicy, "prod-backup", "policy", stmt(`{"Effect":"Deny","Principal":"*","Action":"backup:Delete*","Resource":"*"}`))
		}},
		{name: "a deny to one role only fails", edit: func(s *stack) {
			s.set(backupVaultPolicy, "prod-backup", "policy", stmt(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::1:role/x"},"Action":"backup:DeleteRecoveryPoint","Resource":"*"}`))
		}, on: "prod-backup", wantFail: "denies backup:DeleteRecoveryPoint"},
		{name: "an unknown policy is re-checked", edit: func(s *stack) { s.set(backupVaultPolicy, "prod-backup", "policy", unknown) },
			wantUnknown: "the policy of its aws:backup/vaultPolicy:VaultPolicy"},
	})
}

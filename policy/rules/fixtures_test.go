package rules

// Compliant inputs per resource type: each rule test starts from one and changes one field per case.
var (
	okLaunchTemplate = map[string]any{
		"metadataOptions":     map[string]any{"httpTokens": "required", "httpPutResponseHopLimit": 2},
		"networkInterfaces":   []any{map[string]any{"associatePublicIpAddress": "false"}},
		"blockDeviceMappings": []any{map[string]any{"deviceName": "/dev/xvda", "ebs": map[string]any{"encrypted": "true", "volumeType": "gp3"}}},
	}
	okLoadBalancer = map[string]any{"internal": true, "accessLogs": map[string]any{"enabled": true, "bucket": "prod-alb-logs"}}
	okEcr          = map[string]any{
		"imageTagMutability":         "IMMUTABLE",
		"imageScanningConfiguration": map[string]any{"scanOnPush": true},
		"encryptionConfigurations":   []any{map[string]any{"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:111111111111:key/ecr"}},
	}
	okRds = map[string]any{
		"multiAz": true, "storageEncrypted": true, "kmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/db", "publiclyAccessible": false,
		"backupRetentionPeriod": 35, "deletionProtection": true, "skipFinalSnapshot": false, "finalSnapshotIdentifier": "prod-db-final",
	}
	okNfsShare = map[string]any{"clientLists": []any{"10.100.0.0/16"}, "squash": "RootSquash", "kmsEncrypted": true, "kmsKeyArn": "arn:aws:kms:us-east-1:111111111111:key/files"}
	okVpn      = map[string]any{"staticRoutesOnly": false, "tunnel1IkeVersions": []any{"ikev2"}, "tunnel2IkeVersions": []any{"ikev2"}}
	okLogGroup = map[string]any{"retentionInDays": 14, "kmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/logs"}
)

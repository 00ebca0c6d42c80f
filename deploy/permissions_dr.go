package deploy

import "maps"

// drTypes are the types the DR strategies add (issue 19): kept apart so the table's other areas merge
// cleanly; init adds them to Types, which every generator and test reads.
var drTypes = map[string]Access{
	"hybridcloud:hybrid:DRTransit": {},
	"hybridcloud:dr:Replica":       {},
	"hybridcloud:dr:Replication":   {},
	"hybridcloud:dr:Names":         {},
	"aws:s3/bucketReplicationConfig:BucketReplicationConfig": {
		Create: []string{"s3:PutReplicationConfiguration"}, Read: []string{"s3:GetReplicationConfiguration"},
		Update: []string{"s3:PutReplicationConfiguration"}, Delete: []string{"s3:PutReplicationConfiguration"},
		Resources:  []string{"arn:aws:s3:::{stack}-*"},
		PassRoleTo: []string{"s3.amazonaws.com"},
		Note:       "S3 checks the caller may pass the replication role (S3 user guide, \"Setting up permissions for live replication\", step 1)",
	},
	"aws:ecr/replicationConfiguration:ReplicationConfiguration": {
		Create: []string{"ecr:PutReplicationConfiguration"}, Read: []string{"ecr:DescribeRegistry"},
		Update: []string{"ecr:PutReplicationConfiguration"}, Delete: []string{"ecr:PutReplicationConfiguration"},
		ServiceLinkedRoles: []string{"replication.ecr.amazonaws.com"},
		Note:               "ECR replicates through its service-linked role, created on the first replication configuration",
	},
	"aws:route53/zone:Zone": {
		Create: []string{"route53:CreateHostedZone", "route53:ChangeTagsForResource", "route53:GetChange", "route53:AssociateVPCWithHostedZone", "ec2:DescribeVpcs"},
		Read:   []string{"route53:GetHostedZone", "route53:ListTagsForResource", "route53:ListResourceRecordSets"},
		Update: []string{"route53:UpdateHostedZoneComment", "route53:ChangeTagsForResource", "route53:AssociateVPCWithHostedZone",
			"route53:DisassociateVPCFromHostedZone", "route53:GetChange", "ec2:DescribeVpcs"},
		Delete: []string{"route53:DeleteHostedZone", "route53:GetChange", "route53:DisassociateVPCFromHostedZone"},
	},
	"aws:route53/record:Record": {
		Create: []string{"route53:ChangeResourceRecordSets", "route53:GetChange"},
		Read:   []string{"route53:ListResourceRecordSets", "route53:GetHostedZone"},
		Update: []string{"route53:ChangeResourceRecordSets", "route53:GetChange"},
		Delete: []string{"route53:ChangeResourceRecordSets", "route53:GetChange"},
	},
}

func init() { maps.Copy(Types, drTypes) }

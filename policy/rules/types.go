package rules

// Type tokens the rules inspect (pulumi-aws v6).
const (
	ecrRepository       = "aws:ecr/repository:Repository"
	launchTemplate      = "aws:ec2/launchTemplate:LaunchTemplate"
	nfsFileShare        = "aws:storagegateway/nfsFileShare:NfsFileShare"
	rdsInstance         = "aws:rds/instance:Instance"
	vpnConnection       = "aws:ec2/vpnConnection:VpnConnection"
	s3Bucket            = "aws:s3/bucketV2:BucketV2"
	s3PublicAccessBlock = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	s3Encryption        = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	s3Versioning        = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	s3Policy            = "aws:s3/bucketPolicy:BucketPolicy"
	s3Logging           = "aws:s3/bucketLoggingV2:BucketLoggingV2"
)

// loadBalancerTypes are the two tokens pulumi-aws v6 has for the same load balancer.
var loadBalancerTypes = []string{"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"}

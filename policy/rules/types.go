package rules

// Type tokens the rules inspect (pulumi-aws v6).
const (
	vpc                   = "aws:ec2/vpc:Vpc"
	subnet                = "aws:ec2/subnet:Subnet"
	securityGroup         = "aws:ec2/securityGroup:SecurityGroup"
	securityGroupRule     = "aws:ec2/securityGroupRule:SecurityGroupRule"
	sgIngressRule         = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	sgEgressRule          = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	defaultSecurityGroup  = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	flowLog               = "aws:ec2/flowLog:FlowLog"
	vpcEndpoint           = "aws:ec2/vpcEndpoint:VpcEndpoint"
	networkACL            = "aws:ec2/networkAcl:NetworkAcl"
	networkACLRule        = "aws:ec2/networkAclRule:NetworkAclRule"
	defaultNetworkACL     = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
	networkACLAssociation = "aws:ec2/networkAclAssociation:NetworkAclAssociation"
	networkInterface      = "aws:ec2/networkInterface:NetworkInterface"
	vpcBlockPublicAccess  = "aws:ec2/vpcBlockPublicAccessOptions:VpcBlockPublicAccessOptions"
	routeTable            = "aws:ec2/routeTable:RouteTable"
	route                 = "aws:ec2/route:Route"
	routeTableAssociation = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	internetGateway       = "aws:ec2/internetGateway:InternetGateway"
	transitGateway        = "aws:ec2transitgateway/transitGateway:TransitGateway"
	vpnConnection         = "aws:ec2/vpnConnection:VpnConnection"
	launchTemplate        = "aws:ec2/launchTemplate:LaunchTemplate"
	ec2Instance           = "aws:ec2/instance:Instance"
	ebsDefaultEncryption  = "aws:ebs/encryptionByDefault:EncryptionByDefault"
	autoScalingGroup      = "aws:autoscaling/group:Group"
	logGroup              = "aws:cloudwatch/logGroup:LogGroup"
	logResourcePolicy     = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
	metricAlarm           = "aws:cloudwatch/metricAlarm:MetricAlarm"
	snsTopic              = "aws:sns/topic:Topic"
	snsTopicPolicy        = "aws:sns/topicPolicy:TopicPolicy"
	ecrRepository         = "aws:ecr/repository:Repository"
	ecrCreationTemplate   = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"
	ecrLifecyclePolicy    = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
	ecsCluster            = "aws:ecs/cluster:Cluster"
	ecsService            = "aws:ecs/service:Service"
	ecsTaskSet            = "aws:ecs/taskSet:TaskSet"
	ecsTaskDefinition     = "aws:ecs/taskDefinition:TaskDefinition"
	ecsCapacityProvider   = "aws:ecs/capacityProvider:CapacityProvider"
	ssmActivation         = "aws:ssm/activation:Activation"
	ssmDocument           = "aws:ssm/document:Document"
	ssmServiceSetting     = "aws:ssm/serviceSetting:ServiceSetting"
	ssmPatchBaseline      = "aws:ssm/patchBaseline:PatchBaseline"
	ssmAssociation        = "aws:ssm/association:Association"
	ssmWindowTask         = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask"
	rdsInstance           = "aws:rds/instance:Instance"
	rdsParameterGroup     = "aws:rds/parameterGroup:ParameterGroup"
	rdsSubnetGroup        = "aws:rds/subnetGroup:SubnetGroup"
	rdsEventSubscription  = "aws:rds/eventSubscription:EventSubscription"
	nfsFileShare          = "aws:storagegateway/nfsFileShare:NfsFileShare"
	backupVault           = "aws:backup/vault:Vault"
	backupVaultLock       = "aws:backup/vaultLockConfiguration:VaultLockConfiguration"
	backupVaultPolicy     = "aws:backup/vaultPolicy:VaultPolicy"
	backupSelection       = "aws:backup/selection:Selection"
	s3Bucket              = "aws:s3/bucketV2:BucketV2"
	s3PublicAccessBlock   = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	s3AccountPublicAccess = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"
	s3Encryption          = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	s3Versioning          = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	s3Policy              = "aws:s3/bucketPolicy:BucketPolicy"
	s3Logging             = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	s3Lifecycle           = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	s3Ownership           = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	s3ACL                 = "aws:s3/bucketAclV2:BucketAclV2"
	s3Replication         = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"
	iamRole               = "aws:iam/role:Role"
	iamPolicy             = "aws:iam/policy:Policy"
	iamRolePolicy         = "aws:iam/rolePolicy:RolePolicy"
	iamRolePolicyAttach   = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	iamPolicyAttachment   = "aws:iam/policyAttachment:PolicyAttachment"
	iamInstanceProfile    = "aws:iam/instanceProfile:InstanceProfile"
	iamUserPolicy         = "aws:iam/userPolicy:UserPolicy"
	iamUserPolicyAttach   = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
	iamGroupPolicy        = "aws:iam/groupPolicy:GroupPolicy"
	kmsKey                = "aws:kms/key:Key"
	kmsKeyPolicy          = "aws:kms/keyPolicy:KeyPolicy"
	smSecret              = "aws:secretsmanager/secret:Secret"
	secretRotation        = "aws:secretsmanager/secretRotation:SecretRotation"
)

// loadBalancerTypes are the two tokens pulumi-aws v6 has for the same load balancer.
var loadBalancerTypes = []string{"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"}

// listenerTypes are the two tokens pulumi-aws v6 has for the same listener.
var listenerTypes = []string{"aws:lb/listener:Listener", "aws:alb/listener:Listener"}

// reads declares the same property paths for several type tokens (the lb/alb twins).
func reads(types []string, paths ...string) map[string][]string {
	out := make(map[string][]string, len(types))
	for _, t := range types {
		out[t] = paths
	}
	return out
}

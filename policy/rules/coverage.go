package rules

import "slices"

// reviewedTypes are resource types the program may declare that the pack deliberately has no rule for:
// nothing in their inputs can make them unsafe on its own, or what matters is checked on the resource they
// configure. Keep it reviewed: CoveredType reports a type that is in neither list, so a new type gets a rule
// or a decision here.
var reviewedTypes = []string{
	// providers and components
	"pulumi:providers:aws", "pulumi:pulumi:Stack",
	// routing: reachability is governed by security groups, subnets' public IPs and the TGW rules
	"aws:ec2/route:Route", "aws:ec2/routeTable:RouteTable", "aws:ec2/routeTableAssociation:RouteTableAssociation",
	"aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway", "aws:ec2/internetGateway:InternetGateway",
	"aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog", // by the vpc-flow-logs stack rule
	"aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/customerGateway:CustomerGateway",
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment", "aws:ec2transitgateway/routeTable:RouteTable",
	"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
	"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", "aws:ec2transitgateway/route:Route",
	"aws:directconnect/gateway:Gateway", "aws:directconnect/gatewayAssociation:GatewayAssociation",
	"aws:directconnect/connection:Connection",
	"aws:route53/resolverEndpoint:ResolverEndpoint", "aws:route53/resolverRule:ResolverRule",
	"aws:route53/resolverRuleAssociation:ResolverRuleAssociation",
	// hybrid: MACsec keys are secrets checked by config; query logs go to a log group the log rules check
	"aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation",
	"aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig",
	"aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation",
	// keys, topics, roles: the keys' rotation and the policies' wildcards are checked
	"aws:kms/alias:Alias", "aws:sns/topicSubscription:TopicSubscription", "aws:sns/topicPolicy:TopicPolicy",
	"aws:iam/instanceProfile:InstanceProfile", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
	// compute plumbing
	"aws:lb/targetGroup:TargetGroup", "aws:lb/listenerRule:ListenerRule",
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
	"aws:appautoscaling/target:Target", "aws:appautoscaling/policy:Policy",
	"aws:ecr/lifecyclePolicy:LifecyclePolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy",
	// data plumbing (buckets are checked through their side resources and the stack rules)
	"aws:s3/bucketLoggingV2:BucketLoggingV2",
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls",
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", // by the s3-sse-kms stack rule
	"aws:s3/bucketNotification:BucketNotification", "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration",
	"aws:cloudwatch/eventRule:EventRule", "aws:cloudwatch/eventTarget:EventTarget",
	"aws:rds/subnetGroup:SubnetGroup", "aws:storagegateway/gateway:Gateway", "aws:storagegateway/cache:Cache",
	// backup and management plumbing
	"aws:backup/plan:Plan", "aws:backup/selection:Selection", // selections: by the backup-coverage stack rule
	"aws:backup/vaultNotifications:VaultNotifications",
	"aws:backup/vaultLockConfiguration:VaultLockConfiguration", "aws:backup/vaultPolicy:VaultPolicy",
	"aws:ssm/patchBaseline:PatchBaseline", "aws:ssm/patchGroup:PatchGroup",
	"aws:ssm/maintenanceWindow:MaintenanceWindow", "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget",
	"aws:ssm/maintenanceWindowTask:MaintenanceWindowTask", "aws:ssm/association:Association",
}

// CoveredType says whether the pack has a resource rule for typ, or typ was reviewed as needing none.
// Component types (hybridcloud:...) only group children and are always covered.
func CoveredType(typ string) bool {
	if len(typ) > len("hybridcloud:") && typ[:len("hybridcloud:")] == "hybridcloud:" {
		return true
	}
	if slices.Contains(reviewedTypes, typ) {
		return true
	}
	return slices.ContainsFunc(All(), func(r Rule) bool { return slices.Contains(r.Types, typ) })
}

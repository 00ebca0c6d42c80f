package rules

import (
	"slices"
	"strings"
)

// reviewedTypes are resource types the program declares (in a stack or a config variant) that the pack
// deliberately has no rule for:
// nothing in their inputs can make them unsafe on its own, or what matters is checked on the resource they
// configure. Keep it reviewed: CoveredType reports a type that is in neither list, so a new type gets a rule
// or a decision here.
var reviewedTypes = []string{
	// providers
	"pulumi:providers:aws",
	// routing: reachability is governed by security groups, subnets' public IPs, the TGW rules and
	// rds-private-subnets (which reads routes, route tables and their associations)
	"aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway", "aws:ec2/customerGateway:CustomerGateway",
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment", "aws:ec2transitgateway/routeTable:RouteTable",
	"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
	"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
	"aws:directconnect/gateway:Gateway", "aws:directconnect/gatewayAssociation:GatewayAssociation",
	"aws:directconnect/connection:Connection",
	"aws:route53/resolverEndpoint:ResolverEndpoint", "aws:route53/resolverRule:ResolverRule",
	// DR names: a private zone (no public exposure: its VPC associations are inputs) and CNAMEs to internal
	// load balancers and the database
	"aws:route53/zone:Zone", "aws:route53/record:Record",
	// DR registry replication: a registry setting (its template, which the copies get the repository rules'
	// settings from, is checked by ecr-kms)
	"aws:ecr/replicationConfiguration:ReplicationConfiguration",
	"aws:route53/resolverRuleAssociation:ResolverRuleAssociation",
	// hybrid: MACsec keys are secrets checked by config; query logs go to a log group the log rules check
	"aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation",
	"aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig",
	"aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation",
	// aliases name keys; subscriptions deliver a topic the topic rules check
	"aws:kms/alias:Alias", "aws:sns/topicSubscription:TopicSubscription",
	// compute plumbing
	"aws:lb/targetGroup:TargetGroup", "aws:lb/listenerRule:ListenerRule",
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
	"aws:appautoscaling/target:Target", "aws:appautoscaling/policy:Policy",
	// image cache: a rule caches nothing unsafe by itself (its repositories get the template's controls,
	// which ecr-kms checks; its credential is a secret the secret rules check); the registry's scanning
	// configuration turns scan on push on; a secret version's value is a Pulumi secret
	"aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
	"aws:secretsmanager/secretVersion:SecretVersion",
	// data plumbing (buckets are checked through their side resources and the stack rules)
	"aws:s3/bucketNotification:BucketNotification", "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration",
	"aws:cloudwatch/eventRule:EventRule", "aws:cloudwatch/eventTarget:EventTarget",
	"aws:storagegateway/gateway:Gateway", "aws:storagegateway/cache:Cache",
	// backup and management plumbing
	"aws:backup/plan:Plan",
	"aws:ssm/patchGroup:PatchGroup", "aws:ssm/maintenanceWindow:MaintenanceWindow",
	"aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget",
}

// CoveredType says whether a rule inspects typ (a resource rule's type, or a type a stack rule reads), or
// typ was reviewed as needing none. Component types (hybridcloud:...) only group children and are always
// covered.
func CoveredType(typ string) bool {
	if strings.HasPrefix(typ, "hybridcloud:") || slices.Contains(reviewedTypes, typ) {
		return true
	}
	// A resource rule's types are among the types it reads (a test holds every rule to it).
	return slices.ContainsFunc(All(), func(r Rule) bool { _, reads := r.Reads[typ]; return reads })
}

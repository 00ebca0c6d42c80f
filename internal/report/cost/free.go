package cost

// Why a resource carries no line.
const (
	noCharge        = "no charge"
	pricedViaASG    = "no charge of its own: its instances and volumes are priced on the Auto Scaling group"
	pricedViaLogs   = "no charge of its own: its delivery is priced on its log group"
	pricedOnGateway = "no charge of its own: data written is priced on the gateway, storage on the bucket"
	pricedOnVault   = "no charge of its own: recovery points are priced on the vault"
	pricedOnTGW     = "no charge of its own: data processing is priced on the Transit Gateway"
)

// freeTypes are types known to cost nothing by themselves, with why. Anything neither here nor in rules
// is listed as not priced.
var freeTypes = map[string]string{
	// DR (issue 19): the replication's transfer and S3 Replication Time Control are usage the DR region's
	// price column (issue 22) prices; a hosted zone's $0.50 a month is below the report's resolution.
	"aws:s3/bucketReplicationConfig:BucketReplicationConfig":        "no charge of its own: replicated bytes are priced as inter-region transfer and DR storage",
	"aws:ecr/replicationConfiguration:ReplicationConfiguration":     "no charge of its own: replicated images are priced as inter-region transfer and DR storage",
	"aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": noCharge,
	"aws:route53/zone:Zone":     "$0.50 a month per private hosted zone (Route 53 pricing), not itemised",
	"aws:route53/record:Record": noCharge,
	// network
	"aws:ec2/vpc:Vpc":                                             noCharge,
	"aws:ec2/subnet:Subnet":                                       noCharge,
	"aws:ec2/routeTable:RouteTable":                               noCharge,
	"aws:ec2/route:Route":                                         noCharge,
	"aws:ec2/routeTableAssociation:RouteTableAssociation":         noCharge,
	"aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": noCharge,
	"aws:ec2/internetGateway:InternetGateway":                     "no charge of its own: internet data transfer out is priced on the NAT gateways (natInternetEgressGb)",
	"aws:ec2/securityGroup:SecurityGroup":                         noCharge,
	"aws:ec2/securityGroupRule:SecurityGroupRule":                 noCharge,
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":   noCharge,
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":     noCharge,
	// image cache: basic scanning is free; a template only configures the repositories ECR creates
	"aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration":       noCharge,
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":                         noCharge,
	"aws:ec2/defaultRouteTable:DefaultRouteTable":                               noCharge,
	"aws:ec2/defaultNetworkAcl:DefaultNetworkAcl":                               noCharge,
	"aws:ec2/networkAcl:NetworkAcl":                                             noCharge,
	"aws:ec2/networkAclRule:NetworkAclRule":                                     noCharge,
	"aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation": noCharge,
	"aws:ec2/flowLog:FlowLog":                                                   pricedViaLogs,
	// hybrid
	"aws:ec2/customerGateway:CustomerGateway":                                         noCharge,
	"aws:ec2transitgateway/routeTable:RouteTable":                                     pricedOnTGW,
	"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation":               pricedOnTGW,
	"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation":               pricedOnTGW,
	"aws:ec2transitgateway/route:Route":                                               pricedOnTGW,
	"aws:ec2transitgateway/prefixListReference:PrefixListReference":                   pricedOnTGW,
	"aws:directconnect/gateway:Gateway":                                               noCharge,
	"aws:route53/resolverRule:ResolverRule":                                           "no charge of its own: queries are priced on the Resolver endpoints",
	"aws:route53/resolverRuleAssociation:ResolverRuleAssociation":                     noCharge,
	"aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig":                       pricedViaLogs,
	"aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation": pricedViaLogs,
	// compute
	"aws:ec2/launchTemplate:LaunchTemplate":                     pricedViaASG,
	"aws:ecs/cluster:Cluster":                                   "no charge for ECS on EC2: its instances are priced on the Auto Scaling group",
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": noCharge,
	"aws:ecs/capacityProvider:CapacityProvider":                 noCharge,
	"aws:ecs/taskDefinition:TaskDefinition":                     noCharge,
	"aws:ecs/service:Service":                                   "no charge of its own: EC2 capacity is priced on the Auto Scaling group, ECS Anywhere hosts on the activation",
	"aws:lb/targetGroup:TargetGroup":                            noCharge,
	"aws:lb/listener:Listener":                                  noCharge,
	"aws:lb/listenerRule:ListenerRule":                          noCharge,
	"aws:lb/listenerCertificate:ListenerCertificate":            noCharge,
	"aws:appautoscaling/target:Target":                          noCharge,
	"aws:appautoscaling/policy:Policy":                          noCharge,
	"aws:autoscaling/lifecycleHook:LifecycleHook":               noCharge,
	"aws:ecr/lifecyclePolicy:LifecyclePolicy":                   noCharge,
	"aws:ecr/repositoryPolicy:RepositoryPolicy":                 noCharge,
	"aws:iam/role:Role":                                         noCharge,
	"aws:iam/policy:Policy":                                     noCharge,
	"aws:iam/rolePolicy:RolePolicy":                             noCharge,
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":         noCharge,
	"aws:iam/instanceProfile:InstanceProfile":                   noCharge,
	"aws:iam/serviceLinkedRole:ServiceLinkedRole":               noCharge,
	// data
	"aws:rds/subnetGroup:SubnetGroup":                                                            noCharge,
	"aws:rds/parameterGroup:ParameterGroup":                                                      noCharge,
	"aws:rds/eventSubscription:EventSubscription":                                                "no charge of its own: RDS event notifications are free, the topic's deliveries are SNS's",
	"aws:rds/optionGroup:OptionGroup":                                                            noCharge,
	"aws:s3/bucketPolicy:BucketPolicy":                                                           noCharge,
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                     noCharge,
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls":                                     noCharge,
	"aws:s3/bucketVersioningV2:BucketVersioningV2":                                               "no charge of its own: noncurrent versions are storage of the bucket",
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": noCharge,
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       noCharge,
	"aws:s3/bucketLoggingV2:BucketLoggingV2":                                                     noCharge,
	"aws:s3/bucketNotification:BucketNotification":                                               noCharge,
	"aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration":         "no charge of its own: tiers are priced as the bucket's storage",
	"aws:storagegateway/cache:Cache":                                                             pricedOnGateway,
	"aws:storagegateway/nfsFileShare:NfsFileShare":                                               pricedOnGateway,
	"aws:storagegateway/smbFileShare:SmbFileShare":                                               pricedOnGateway,
	"aws:backup/plan:Plan":                                                                       pricedOnVault,
	"aws:backup/selection:Selection":                                                             pricedOnVault,
	"aws:backup/vaultLockConfiguration:VaultLockConfiguration":                                   noCharge,
	"aws:backup/vaultNotifications:VaultNotifications":                                           noCharge,
	"aws:backup/vaultPolicy:VaultPolicy":                                                         noCharge,
	// operations
	"aws:kms/alias:Alias":                                     noCharge,
	"aws:kms/grant:Grant":                                     noCharge,
	"aws:sns/topic:Topic":                                     "no charge within the free tier (1 million publishes, 1,000 e-mails a month)",
	"aws:sns/topicSubscription:TopicSubscription":             noCharge,
	"aws:sns/topicPolicy:TopicPolicy":                         noCharge,
	"aws:cloudwatch/logResourcePolicy:LogResourcePolicy":      noCharge,
	"aws:cloudwatch/eventRule:EventRule":                      "no charge for rules on AWS service events",
	"aws:cloudwatch/eventTarget:EventTarget":                  noCharge,
	"aws:secretsmanager/secretVersion:SecretVersion":          noCharge,
	"aws:secretsmanager/secretPolicy:SecretPolicy":            noCharge,
	"aws:ssm/document:Document":                               noCharge,
	"aws:ssm/association:Association":                         "no charge for State Manager on managed instances",
	"aws:ssm/patchBaseline:PatchBaseline":                     noCharge,
	"aws:ssm/patchGroup:PatchGroup":                           noCharge,
	"aws:ssm/defaultPatchBaseline:DefaultPatchBaseline":       noCharge,
	"aws:ssm/maintenanceWindow:MaintenanceWindow":             noCharge,
	"aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": noCharge,
	"aws:ssm/maintenanceWindowTask:MaintenanceWindowTask":     noCharge,
	"aws:ssm/parameter:Parameter":                             "no charge for standard parameters",
}

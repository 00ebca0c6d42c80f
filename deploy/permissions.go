package deploy

import "github.com/insurance/hybridcloud/internal/plan/token"

// Access is what Pulumi (the AWS provider, which is the Terraform AWS provider v5 underneath) calls to
// manage one resource type or to run one provider function. Actions are IAM action names as the Service
// Authorization Reference spells them (s3:GetLifecycleConfiguration, not the API's
// GetBucketLifecycleConfiguration). Unless Resources says otherwise they apply to every resource ("*"):
// most EC2, ELB and Auto Scaling actions cannot be scoped by name at create time.
type Access struct {
	// Create, Read, Update and Delete are the actions of each operation. Read is also what `pulumi refresh`
	// and a preview role need; tag reads and writes are listed because the provider's default tags reach
	// every taggable resource.
	Create, Read, Update, Delete []string
	// Resources narrows every action above to these ARN patterns; {stack} stands for each stack name the
	// policy is generated for (the program names these resources after the stack).
	Resources []string
	// PassRoleTo lists the services the type hands a role to; iam:PassRole is allowed only to them
	// (iam:PassedToService) and only for the stack's own roles.
	PassRoleTo []string
	// ServiceLinkedRoles lists the services whose service-linked role AWS creates on first use, on the
	// caller's behalf (iam:CreateServiceLinkedRole with iam:AWSServiceName).
	ServiceLinkedRoles []string
	// KeysVia lists the services that use the stack's customer-managed KMS keys on the caller's behalf
	// (grants, data keys) while creating the resource; allowed only through them (kms:ViaService).
	KeysVia []string
	// Grants are permissions with their own resources or conditions.
	Grants []Grant
	// Note says what is not obvious (why an action of another service is here).
	Note string
}

// Grant is one permission with its resources and conditions, merged into a statement of its own.
type Grant struct {
	Sid        string
	Actions    []string
	Resources  []string
	Conditions map[string]map[string][]string
}

// Types maps every resource type token the program can declare to its Access. Components
// (hybridcloud:*) only group children and make no AWS calls: their entry is empty, and present, so a new
// component is a conscious entry too.
var Types = map[string]Access{
	// Components and the provider itself.
	"hybridcloud:foundation:Baseline": {},
	"hybridcloud:network:Vpc":         {},
	"hybridcloud:hybrid:Connectivity": {},
	"hybridcloud:hybrid:DNS":          {},
	"hybridcloud:hybrid:Management":   {},
	"hybridcloud:compute:Cluster":     {},
	"hybridcloud:compute:AccessLogs":  {},
	"hybridcloud:compute:Services":    {},
	"hybridcloud:data:Database":       {},
	"hybridcloud:data:Files":          {},
	"hybridcloud:data:FileGateway":    {},
	"hybridcloud:data:Backup":         {},
	token.AWSProvider:                 {Read: []string{"sts:GetCallerIdentity"}, Note: "the provider checks its credentials; STS allows this call to every principal"},

	// Network.
	token.EC2VPC: {
		Create: []string{"ec2:CreateVpc", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups"},
		Update: []string{"ec2:ModifyVpcAttribute", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteVpc"},
	},
	token.EC2Subnet: {
		Create: []string{"ec2:CreateSubnet", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeSubnets"},
		Update: []string{"ec2:ModifySubnetAttribute", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteSubnet", "ec2:DescribeNetworkInterfaces"},
	},
	token.EC2InternetGateway: {
		Create: []string{"ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeInternetGateways"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"},
	},
	token.EC2EIP: {
		Create: []string{"ec2:AllocateAddress", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DisassociateAddress", "ec2:ReleaseAddress"},
	},
	token.EC2NATGateway: {
		Create: []string{"ec2:CreateNatGateway", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeNatGateways"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteNatGateway"},
	},
	token.EC2RouteTable: {
		Create: []string{"ec2:CreateRouteTable", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeRouteTables"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteRouteTable"},
	},
	token.EC2Route: {
		Create: []string{"ec2:CreateRoute"},
		Read:   []string{"ec2:DescribeRouteTables"},
		Update: []string{"ec2:ReplaceRoute"},
		Delete: []string{"ec2:DeleteRoute"},
	},
	token.EC2RouteTableAssociation: {
		Create: []string{"ec2:AssociateRouteTable"},
		Read:   []string{"ec2:DescribeRouteTables"},
		Update: []string{"ec2:ReplaceRouteTableAssociation"},
		Delete: []string{"ec2:DisassociateRouteTable"},
	},
	token.EC2SecurityGroup: {
		Create: []string{"ec2:CreateSecurityGroup", "ec2:CreateTags", "ec2:RevokeSecurityGroupEgress"},
		Read:   []string{"ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteSecurityGroup", "ec2:DescribeNetworkInterfaces"},
		Note:   "the provider revokes the allow-all egress rule AWS adds to a new group",
	},
	token.EC2DefaultSecurityGroup: {
		Create: []string{"ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"},
		Update: []string{"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags", "ec2:DeleteTags"},
		Note:   "adopted, never created or deleted: the provider strips its rules",
	},
	token.VPCSecurityGroupIngressRule: {
		Create: []string{"ec2:AuthorizeSecurityGroupIngress", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeSecurityGroupRules"},
		Update: []string{"ec2:ModifySecurityGroupRules", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:RevokeSecurityGroupIngress"},
	},
	token.VPCSecurityGroupEgressRule: {
		Create: []string{"ec2:AuthorizeSecurityGroupEgress", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeSecurityGroupRules"},
		Update: []string{"ec2:ModifySecurityGroupRules", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:RevokeSecurityGroupEgress"},
	},
	token.EC2FlowLog: {
		Create:     []string{"ec2:CreateFlowLogs", "ec2:CreateTags"},
		Read:       []string{"ec2:DescribeFlowLogs"},
		Update:     []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete:     []string{"ec2:DeleteFlowLogs"},
		PassRoleTo: []string{"vpc-flow-logs.amazonaws.com"},
	},
	token.EC2VPCEndpoint: {
		Create: []string{"ec2:CreateVpcEndpoint", "ec2:CreateTags", "route53:AssociateVPCWithHostedZone"},
		Read:   []string{"ec2:DescribeVpcEndpoints", "ec2:DescribeVpcEndpointServices", "ec2:DescribePrefixLists"},
		Update: []string{"ec2:ModifyVpcEndpoint", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteVpcEndpoints"},
		Note:   "an interface endpoint with private DNS associates the VPC with the service's private hosted zone",
	},

	// Hybrid connectivity: Transit Gateway, VPN, Direct Connect.
	token.TGWTransitGateway: {
		Create: []string{"ec2:CreateTransitGateway", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeTransitGateways"},
		Update: []string{"ec2:ModifyTransitGateway", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteTransitGateway"},
	},
	token.TGWRouteTable: {
		Create: []string{"ec2:CreateTransitGatewayRouteTable", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeTransitGatewayRouteTables"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteTransitGatewayRouteTable"},
	},
	token.TGWRouteTableAssociation: {
		Create: []string{"ec2:AssociateTransitGatewayRouteTable"},
		Read:   []string{"ec2:GetTransitGatewayRouteTableAssociations", "ec2:DescribeTransitGatewayAttachments"},
		Delete: []string{"ec2:DisassociateTransitGatewayRouteTable"},
	},
	token.TGWRouteTablePropagation: {
		Create: []string{"ec2:EnableTransitGatewayRouteTablePropagation"},
		Read:   []string{"ec2:GetTransitGatewayRouteTablePropagations"},
		Delete: []string{"ec2:DisableTransitGatewayRouteTablePropagation"},
	},
	token.TGWVPCAttachment: {
		Create:             []string{"ec2:CreateTransitGatewayVpcAttachment", "ec2:CreateTags"},
		Read:               []string{"ec2:DescribeTransitGatewayVpcAttachments", "ec2:GetTransitGatewayRouteTableAssociations", "ec2:GetTransitGatewayRouteTablePropagations"},
		Update:             []string{"ec2:ModifyTransitGatewayVpcAttachment", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete:             []string{"ec2:DeleteTransitGatewayVpcAttachment"},
		ServiceLinkedRoles: []string{"transitgateway.amazonaws.com"},
	},
	token.EC2CustomerGateway: {
		Create: []string{"ec2:CreateCustomerGateway", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeCustomerGateways"},
		Update: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteCustomerGateway"},
	},
	token.EC2VPNConnection: {
		Create: []string{"ec2:CreateVpnConnection", "ec2:CreateTags"},
		Read:   []string{"ec2:DescribeVpnConnections", "ec2:DescribeTransitGatewayAttachments"},
		Update: []string{"ec2:ModifyVpnConnection", "ec2:ModifyVpnConnectionOptions", "ec2:ModifyVpnTunnelOptions", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:DeleteVpnConnection"},
		Grants: []Grant{logDelivery},
		Note:   "tunnel logs go to CloudWatch Logs through a log delivery the caller sets up",
	},
	token.DXGateway: {
		Create: []string{"directconnect:CreateDirectConnectGateway"},
		Read:   []string{"directconnect:DescribeDirectConnectGateways"},
		Update: []string{"directconnect:UpdateDirectConnectGateway"},
		Delete: []string{"directconnect:DeleteDirectConnectGateway"},
	},
	token.DXGatewayAssociation: {
		Create: []string{"directconnect:CreateDirectConnectGatewayAssociation"},
		Read:   []string{"directconnect:DescribeDirectConnectGatewayAssociations"},
		Update: []string{"directconnect:UpdateDirectConnectGatewayAssociation"},
		Delete: []string{"directconnect:DeleteDirectConnectGatewayAssociation"},
	},
	token.DXTransitVirtualInterface: {
		Create: []string{"directconnect:CreateTransitVirtualInterface", "directconnect:TagResource"},
		Read:   []string{"directconnect:DescribeVirtualInterfaces", "directconnect:DescribeTags"},
		Update: []string{"directconnect:UpdateVirtualInterfaceAttributes", "directconnect:TagResource", "directconnect:UntagResource"},
		Delete: []string{"directconnect:DeleteVirtualInterface"},
	},
	token.DXConnection: {
		Create: []string{"directconnect:CreateConnection", "directconnect:TagResource"},
		Read:   []string{"directconnect:DescribeConnections", "directconnect:DescribeTags"},
		Update: []string{"directconnect:UpdateConnection", "directconnect:TagResource", "directconnect:UntagResource"},
		Delete: []string{"directconnect:DeleteConnection"},
		Note:   "hybrid.directConnect.connections[].order (directConnectEncrypted): a dedicated connection ordered from AWS",
	},
	token.DXMACsecKeyAssociation: {
		Create:             []string{"directconnect:AssociateMacSecKey"},
		Read:               []string{"directconnect:DescribeConnections"},
		Delete:             []string{"directconnect:DisassociateMacSecKey"},
		ServiceLinkedRoles: []string{"directconnect.amazonaws.com"},
		Grants: []Grant{{
			Sid:       "MacsecKeysInSecretsManager",
			Actions:   []string{"secretsmanager:CreateSecret", "secretsmanager:DescribeSecret", "secretsmanager:TagResource", "secretsmanager:DeleteSecret"},
			Resources: []string{"arn:aws:secretsmanager:*:*:secret:directconnect!*"},
		}},
		Note: "Direct Connect keeps the CKN/CAK pair in a Secrets Manager secret it names directconnect!…",
	},

	// Hybrid DNS: Route 53 Resolver.
	token.Route53ResolverEndpoint: {
		Create: []string{"route53resolver:CreateResolverEndpoint", "route53resolver:TagResource",
			"ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeAvailabilityZones"},
		Read: []string{"route53resolver:GetResolverEndpoint", "route53resolver:ListResolverEndpointIpAddresses", "route53resolver:ListTagsForResource", "ec2:DescribeNetworkInterfaces"},
		Update: []string{"route53resolver:UpdateResolverEndpoint", "route53resolver:AssociateResolverEndpointIpAddress", "route53resolver:DisassociateResolverEndpointIpAddress",
			"route53resolver:TagResource", "route53resolver:UntagResource", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"},
		Delete: []string{"route53resolver:DeleteResolverEndpoint", "ec2:DeleteNetworkInterface"},
		Note:   "Resolver creates the endpoint's network interfaces with the caller's EC2 permissions",
	},
	token.Route53ResolverRule: {
		Create: []string{"route53resolver:CreateResolverRule", "route53resolver:TagResource"},
		Read:   []string{"route53resolver:GetResolverRule", "route53resolver:ListTagsForResource"},
		Update: []string{"route53resolver:UpdateResolverRule", "route53resolver:TagResource", "route53resolver:UntagResource"},
		Delete: []string{"route53resolver:DeleteResolverRule"},
	},
	token.Route53ResolverRuleAssociation: {
		Create: []string{"route53resolver:AssociateResolverRule", "ec2:DescribeVpcs"},
		Read:   []string{"route53resolver:GetResolverRuleAssociation"},
		Delete: []string{"route53resolver:DisassociateResolverRule"},
	},
	token.Route53ResolverQueryLogConfig: {
		Create: []string{"route53resolver:CreateResolverQueryLogConfig", "route53resolver:TagResource"},
		Read:   []string{"route53resolver:GetResolverQueryLogConfig", "route53resolver:ListTagsForResource"},
		Update: []string{"route53resolver:TagResource", "route53resolver:UntagResource"},
		Delete: []string{"route53resolver:DeleteResolverQueryLogConfig"},
		Grants: []Grant{logDelivery},
	},
	token.Route53ResolverQueryLogConfigAssociation: {
		Create: []string{"route53resolver:AssociateResolverQueryLogConfig"},
		Read:   []string{"route53resolver:GetResolverQueryLogConfigAssociation"},
		Delete: []string{"route53resolver:DisassociateResolverQueryLogConfig"},
	},

	// Logs, alarms, events, notifications.
	token.CloudWatchLogGroup: {
		Create: []string{"logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:AssociateKmsKey", "logs:TagResource"},
		Read:   []string{"logs:DescribeLogGroups", "logs:ListTagsForResource"},
		Update: []string{"logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource"},
		Delete: []string{"logs:DeleteLogGroup"},
	},
	token.CloudWatchLogResourcePolicy: {
		Create: []string{"logs:PutResourcePolicy"},
		Read:   []string{"logs:DescribeResourcePolicies"},
		Update: []string{"logs:PutResourcePolicy"},
		Delete: []string{"logs:DeleteResourcePolicy"},
	},
	token.CloudWatchMetricAlarm: {
		Create: []string{"cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"},
		Read:   []string{"cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"},
		Update: []string{"cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:UntagResource"},
		Delete: []string{"cloudwatch:DeleteAlarms"},
	},
	token.CloudWatchEventRule: {
		Create: []string{"events:PutRule", "events:TagResource"},
		Read:   []string{"events:DescribeRule", "events:ListTagsForResource"},
		Update: []string{"events:PutRule", "events:EnableRule", "events:DisableRule", "events:TagResource", "events:UntagResource"},
		Delete: []string{"events:DeleteRule", "events:ListTargetsByRule"},
	},
	token.CloudWatchEventTarget: {
		Create: []string{"events:PutTargets"},
		Read:   []string{"events:ListTargetsByRule"},
		Update: []string{"events:PutTargets"},
		Delete: []string{"events:RemoveTargets"},
	},
	token.SNSTopic: {
		Create: []string{"sns:CreateTopic", "sns:SetTopicAttributes", "sns:TagResource"},
		Read:   []string{"sns:GetTopicAttributes", "sns:ListTagsForResource"},
		Update: []string{"sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource"},
		Delete: []string{"sns:DeleteTopic"},
	},
	token.SNSTopicPolicy: {
		Create: []string{"sns:SetTopicAttributes"},
		Read:   []string{"sns:GetTopicAttributes"},
		Update: []string{"sns:SetTopicAttributes"},
		Delete: []string{"sns:SetTopicAttributes"},
	},
	token.SNSTopicSubscription: {
		Create: []string{"sns:Subscribe"},
		Read:   []string{"sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic"},
		Update: []string{"sns:SetSubscriptionAttributes"},
		Delete: []string{"sns:Unsubscribe"},
		Note:   "an email subscription stays pending until its recipient confirms it",
	},

	// Keys and identity.
	token.KMSKey: {
		Create: []string{"kms:CreateKey", "kms:EnableKeyRotation", "kms:TagResource"},
		Read:   []string{"kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"},
		Update: []string{"kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:UpdateKeyDescription", "kms:EnableKey", "kms:DisableKey", "kms:TagResource", "kms:UntagResource"},
		Delete: []string{"kms:ScheduleKeyDeletion"},
		Note:   "keys have no name to scope by; each key policy lets the account's IAM policies administer it",
	},
	token.KMSAlias: {
		Create: []string{"kms:CreateAlias"},
		Read:   []string{"kms:ListAliases"},
		Update: []string{"kms:UpdateAlias"},
		Delete: []string{"kms:DeleteAlias"},
		Note:   "CreateAlias needs the alias and the key; ListAliases cannot be scoped",
	},
	token.IAMRole: {
		Create:    []string{"iam:CreateRole", "iam:TagRole"},
		Read:      []string{"iam:GetRole", "iam:ListRoleTags", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"},
		Update:    []string{"iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole"},
		Delete:    []string{"iam:DeleteRole", "iam:ListInstanceProfilesForRole"},
		Resources: []string{"arn:aws:iam::*:role/{stack}-*"},
	},
	token.IAMRolePolicy: {
		Create:    []string{"iam:PutRolePolicy"},
		Read:      []string{"iam:GetRolePolicy"},
		Update:    []string{"iam:PutRolePolicy"},
		Delete:    []string{"iam:DeleteRolePolicy"},
		Resources: []string{"arn:aws:iam::*:role/{stack}-*"},
	},
	token.IAMPolicy: {
		Create:    []string{"iam:CreatePolicy", "iam:TagPolicy"},
		Read:      []string{"iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"},
		Update:    []string{"iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"},
		Delete:    []string{"iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:ListEntitiesForPolicy"},
		Resources: []string{"arn:aws:iam::*:policy/{stack}-*"},
	},
	token.IAMRolePolicyAttachment: {
		Read: []string{"iam:ListAttachedRolePolicies"},
		Grants: []Grant{{
			Sid:        "AttachOnlyTheStacksOwnPolicies",
			Actions:    []string{"iam:AttachRolePolicy", "iam:DetachRolePolicy"},
			Resources:  []string{"arn:aws:iam::*:role/{stack}-*"},
			Conditions: map[string]map[string][]string{"ArnLike": {"iam:PolicyARN": {"arn:aws:iam::*:policy/{stack}-*"}}},
		}},
		Resources: []string{"arn:aws:iam::*:role/{stack}-*"},
		Note:      "the condition keeps the deployer from attaching any policy but the stack's own (no AdministratorAccess)",
	},
	token.IAMInstanceProfile: {
		Create:     []string{"iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:TagInstanceProfile"},
		Read:       []string{"iam:GetInstanceProfile", "iam:ListInstanceProfileTags"},
		Update:     []string{"iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"},
		Delete:     []string{"iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"},
		Resources:  []string{"arn:aws:iam::*:instance-profile/{stack}-*"},
		PassRoleTo: []string{"ec2.amazonaws.com"},
		Note:       "adding a role to an instance profile passes it to EC2",
	},

	// Compute: ECS, ECR, the load balancer, Auto Scaling.
	token.EC2LaunchTemplate: {
		Create:     []string{"ec2:CreateLaunchTemplate", "ec2:CreateTags"},
		Read:       []string{"ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"},
		Update:     []string{"ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete:     []string{"ec2:DeleteLaunchTemplate"},
		PassRoleTo: []string{"ec2.amazonaws.com"},
	},
	token.AutoScalingGroup: {
		Create: []string{"autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags", "autoscaling:EnableMetricsCollection",
			"ec2:RunInstances", "ec2:CreateTags", "ec2:DescribeLaunchTemplateVersions"},
		Read: []string{"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeScalingActivities", "autoscaling:DescribeInstanceRefreshes",
			"autoscaling:DescribeLifecycleHooks", "autoscaling:DescribeWarmPool", "autoscaling:DescribeTrafficSources"},
		Update: []string{"autoscaling:UpdateAutoScalingGroup", "autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags", "autoscaling:StartInstanceRefresh",
			"autoscaling:CancelInstanceRefresh", "autoscaling:SetInstanceProtection", "autoscaling:EnableMetricsCollection", "autoscaling:DisableMetricsCollection",
			"autoscaling:SuspendProcesses", "autoscaling:ResumeProcesses", "ec2:RunInstances"},
		Delete:             []string{"autoscaling:DeleteAutoScalingGroup"},
		PassRoleTo:         []string{"ec2.amazonaws.com"},
		ServiceLinkedRoles: []string{"autoscaling.amazonaws.com"},
		Note:               "a group with a launch template needs ec2:RunInstances and the profile's role from its creator",
	},
	token.ECSCluster: {
		Create:             []string{"ecs:CreateCluster", "ecs:TagResource"},
		Read:               []string{"ecs:DescribeClusters", "ecs:ListTagsForResource"},
		Update:             []string{"ecs:UpdateCluster", "ecs:UpdateClusterSettings", "ecs:TagResource", "ecs:UntagResource"},
		Delete:             []string{"ecs:DeleteCluster"},
		ServiceLinkedRoles: []string{"ecs.amazonaws.com"},
	},
	token.ECSCapacityProvider: {
		Create: []string{"ecs:CreateCapacityProvider", "ecs:TagResource", "autoscaling:DescribeAutoScalingGroups", "autoscaling:CreateOrUpdateTags"},
		Read:   []string{"ecs:DescribeCapacityProviders", "ecs:ListTagsForResource"},
		Update: []string{"ecs:UpdateCapacityProvider", "ecs:TagResource", "ecs:UntagResource"},
		Delete: []string{"ecs:DeleteCapacityProvider"},
		Note:   "ECS tags the Auto Scaling group it manages (AmazonECSManaged)",
	},
	token.ECSClusterCapacityProviders: {
		Create: []string{"ecs:PutClusterCapacityProviders"},
		Read:   []string{"ecs:DescribeClusters"},
		Update: []string{"ecs:PutClusterCapacityProviders"},
		Delete: []string{"ecs:PutClusterCapacityProviders"},
	},
	token.ECSTaskDefinition: {
		Create:     []string{"ecs:RegisterTaskDefinition", "ecs:TagResource"},
		Read:       []string{"ecs:DescribeTaskDefinition", "ecs:ListTagsForResource"},
		Update:     []string{"ecs:TagResource", "ecs:UntagResource"},
		Delete:     []string{"ecs:DeregisterTaskDefinition"},
		PassRoleTo: []string{"ecs-tasks.amazonaws.com"},
	},
	token.ECSService: {
		Create:             []string{"ecs:CreateService", "ecs:TagResource"},
		Read:               []string{"ecs:DescribeServices", "ecs:ListTagsForResource"},
		Update:             []string{"ecs:UpdateService", "ecs:TagResource", "ecs:UntagResource"},
		Delete:             []string{"ecs:UpdateService", "ecs:DeleteService"},
		ServiceLinkedRoles: []string{"ecs.amazonaws.com"},
	},
	token.ECRRepository: {
		Create:  []string{"ecr:CreateRepository", "ecr:TagResource"},
		Read:    []string{"ecr:DescribeRepositories", "ecr:ListTagsForResource"},
		Update:  []string{"ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability", "ecr:TagResource", "ecr:UntagResource"},
		Delete:  []string{"ecr:DeleteRepository"},
		KeysVia: []string{"ecr"},
	},
	token.ECRPullThroughCacheRule: {
		Create:             []string{"ecr:CreatePullThroughCacheRule"},
		Read:               []string{"ecr:DescribePullThroughCacheRules"},
		Update:             []string{"ecr:UpdatePullThroughCacheRule"},
		Delete:             []string{"ecr:DeletePullThroughCacheRule"},
		ServiceLinkedRoles: []string{"pullthroughcache.ecr.amazonaws.com"},
		Note:               "ECR reads the rule's credential itself, through its service-linked role",
	},
	token.ECRRepositoryCreationTemplate: {
		Create:     []string{"ecr:CreateRepositoryCreationTemplate"},
		Read:       []string{"ecr:DescribeRepositoryCreationTemplates"},
		Update:     []string{"ecr:UpdateRepositoryCreationTemplate"},
		Delete:     []string{"ecr:DeleteRepositoryCreationTemplate"},
		PassRoleTo: []string{"ecr.amazonaws.com"},
	},
	token.ECRRegistryScanningConfiguration: {
		Create: []string{"ecr:PutRegistryScanningConfiguration"},
		Read:   []string{"ecr:GetRegistryScanningConfiguration"},
		Update: []string{"ecr:PutRegistryScanningConfiguration"},
		Delete: []string{"ecr:PutRegistryScanningConfiguration"},
	},
	token.SecretsManagerSecret: {
		Create:  []string{"secretsmanager:CreateSecret", "secretsmanager:TagResource"},
		Read:    []string{"secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy"},
		Update:  []string{"secretsmanager:UpdateSecret", "secretsmanager:TagResource", "secretsmanager:UntagResource"},
		Delete:  []string{"secretsmanager:DeleteSecret"},
		KeysVia: []string{"secretsmanager"},
		// Only the pull-through cache credentials: RDS and Direct Connect manage their own secrets.
		Resources: []string{"arn:aws:secretsmanager:*:*:secret:ecr-pullthroughcache/{stack}-*"},
	},
	token.SecretsManagerSecretVersion: {
		Create:    []string{"secretsmanager:PutSecretValue"},
		Read:      []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
		Update:    []string{"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"},
		Delete:    []string{"secretsmanager:UpdateSecretVersionStage"},
		KeysVia:   []string{"secretsmanager"},
		Resources: []string{"arn:aws:secretsmanager:*:*:secret:ecr-pullthroughcache/{stack}-*"},
	},
	token.ECRLifecyclePolicy: {
		Create: []string{"ecr:PutLifecyclePolicy"},
		Read:   []string{"ecr:GetLifecyclePolicy"},
		Update: []string{"ecr:PutLifecyclePolicy"},
		Delete: []string{"ecr:DeleteLifecyclePolicy"},
	},
	token.LBLoadBalancer: {
		Create: []string{"elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:AddTags"},
		Read:   []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeTags"},
		Update: []string{"elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
			"elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		Delete:             []string{"elasticloadbalancing:DeleteLoadBalancer", "ec2:DescribeNetworkInterfaces"},
		ServiceLinkedRoles: []string{"elasticloadbalancing.amazonaws.com"},
	},
	token.LBTargetGroup: {
		Create: []string{"elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:AddTags"},
		Read:   []string{"elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTags"},
		Update: []string{"elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		Delete: []string{"elasticloadbalancing:DeleteTargetGroup"},
	},
	token.LBListener: {
		Create: []string{"elasticloadbalancing:CreateListener", "elasticloadbalancing:AddTags"},
		Read:   []string{"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeTags"},
		Update: []string{"elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		Delete: []string{"elasticloadbalancing:DeleteListener"},
	},
	token.LBListenerRule: {
		Create: []string{"elasticloadbalancing:CreateRule", "elasticloadbalancing:AddTags"},
		Read:   []string{"elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags"},
		Update: []string{"elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		Delete: []string{"elasticloadbalancing:DeleteRule"},
	},
	token.AppAutoScalingTarget: {
		Create: []string{"application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource", "ecs:DescribeServices", "ecs:UpdateService"},
		Read:   []string{"application-autoscaling:DescribeScalableTargets", "application-autoscaling:ListTagsForResource"},
		Update: []string{"application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource", "application-autoscaling:UntagResource"},
		Delete: []string{"application-autoscaling:DeregisterScalableTarget"},
		// Application Auto Scaling's service-linked role for ECS services.
		ServiceLinkedRoles: []string{"ecs.application-autoscaling.amazonaws.com"},
	},
	token.AppAutoScalingPolicy: {
		Create: []string{"application-autoscaling:PutScalingPolicy", "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms"},
		Read:   []string{"application-autoscaling:DescribeScalingPolicies"},
		Update: []string{"application-autoscaling:PutScalingPolicy", "cloudwatch:PutMetricAlarm"},
		Delete: []string{"application-autoscaling:DeleteScalingPolicy", "cloudwatch:DeleteAlarms"},
		Note:   "a target-tracking policy creates and deletes its CloudWatch alarms with the caller's permissions",
	},
	token.SSMActivation: {
		Create:     []string{"ssm:CreateActivation", "ssm:AddTagsToResource"},
		Read:       []string{"ssm:DescribeActivations", "ssm:ListTagsForResource"},
		Update:     []string{"ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"},
		Delete:     []string{"ssm:DeleteActivation"},
		PassRoleTo: []string{"ssm.amazonaws.com"},
	},

	// Data: the database, the buckets, the File Gateway, backups.
	token.RDSInstance: {
		Create: []string{"rds:CreateDBInstance", "rds:AddTagsToResource"},
		Read:   []string{"rds:DescribeDBInstances", "rds:DescribeDBEngineVersions", "rds:ListTagsForResource"},
		Update: []string{"rds:ModifyDBInstance", "rds:RebootDBInstance", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"},
		Delete: []string{"rds:DeleteDBInstance", "rds:CreateDBSnapshot", "rds:DescribeDBSnapshots"},
		// Enhanced monitoring runs as the stack's monitoring role.
		PassRoleTo:         []string{"monitoring.rds.amazonaws.com"},
		ServiceLinkedRoles: []string{"rds.amazonaws.com"},
		KeysVia:            []string{"rds", "secretsmanager"},
		Grants: []Grant{{
			Sid:       "MasterPasswordManagedByRDS",
			Actions:   []string{"secretsmanager:CreateSecret", "secretsmanager:DescribeSecret", "secretsmanager:RotateSecret", "secretsmanager:TagResource", "secretsmanager:DeleteSecret"},
			Resources: []string{"arn:aws:secretsmanager:*:*:secret:rds!*"},
		}},
		Note: "manageMasterUserPassword: RDS creates the master password's secret (rds!db-…) with the caller's permissions, encrypted with the stack's key",
	},
	token.RDSEventSubscription: {
		Create: []string{"rds:CreateEventSubscription", "rds:AddTagsToResource"},
		Read:   []string{"rds:DescribeEventSubscriptions", "rds:ListTagsForResource"},
		Update: []string{"rds:ModifyEventSubscription", "rds:AddSourceIdentifierToSubscription", "rds:RemoveSourceIdentifierFromSubscription",
			"rds:AddTagsToResource", "rds:RemoveTagsFromResource"},
		Delete: []string{"rds:DeleteEventSubscription"},
	},
	token.RDSParameterGroup: {
		Create: []string{"rds:CreateDBParameterGroup", "rds:ModifyDBParameterGroup", "rds:AddTagsToResource"},
		Read:   []string{"rds:DescribeDBParameterGroups", "rds:DescribeDBParameters", "rds:ListTagsForResource"},
		Update: []string{"rds:ModifyDBParameterGroup", "rds:ResetDBParameterGroup", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"},
		Delete: []string{"rds:DeleteDBParameterGroup"},
	},
	token.RDSSubnetGroup: {
		Create: []string{"rds:CreateDBSubnetGroup", "rds:AddTagsToResource"},
		Read:   []string{"rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"},
		Update: []string{"rds:ModifyDBSubnetGroup", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"},
		Delete: []string{"rds:DeleteDBSubnetGroup"},
	},
	token.S3BucketV2: {
		Create: []string{"s3:CreateBucket", "s3:PutBucketTagging"},
		// The v5 provider's bucket still reads every legacy sub-configuration into its state.
		Read: []string{"s3:ListBucket", "s3:GetBucketTagging", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketWebsite",
			"s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging", "s3:GetLifecycleConfiguration",
			"s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration"},
		Update:    []string{"s3:PutBucketTagging"},
		Delete:    []string{"s3:DeleteBucket"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
		Grants: []Grant{{
			Sid:       "EmptyBucketsOnDestroy",
			Actions:   []string{"s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion"},
			Resources: []string{"arn:aws:s3:::{stack}-*", "arn:aws:s3:::{stack}-*/*"},
		}},
		Note: "forceDestroy (dev: protect false) empties a bucket before deleting it",
	},
	token.S3BucketVersioningV2: {
		Create: []string{"s3:PutBucketVersioning"}, Read: []string{"s3:GetBucketVersioning"},
		Update: []string{"s3:PutBucketVersioning"}, Delete: []string{"s3:PutBucketVersioning"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketLifecycleConfigurationV2: {
		Create: []string{"s3:PutLifecycleConfiguration"}, Read: []string{"s3:GetLifecycleConfiguration"},
		Update: []string{"s3:PutLifecycleConfiguration"}, Delete: []string{"s3:PutLifecycleConfiguration"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketServerSideEncryptionConfigurationV2: {
		Create: []string{"s3:PutEncryptionConfiguration"}, Read: []string{"s3:GetEncryptionConfiguration"},
		Update: []string{"s3:PutEncryptionConfiguration"}, Delete: []string{"s3:PutEncryptionConfiguration"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketLoggingV2: {
		Create: []string{"s3:PutBucketLogging"}, Read: []string{"s3:GetBucketLogging"},
		Update: []string{"s3:PutBucketLogging"}, Delete: []string{"s3:PutBucketLogging"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketNotification: {
		Create: []string{"s3:PutBucketNotification"}, Read: []string{"s3:GetBucketNotification"},
		Update: []string{"s3:PutBucketNotification"}, Delete: []string{"s3:PutBucketNotification"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketOwnershipControls: {
		Create: []string{"s3:PutBucketOwnershipControls"}, Read: []string{"s3:GetBucketOwnershipControls"},
		Update: []string{"s3:PutBucketOwnershipControls"}, Delete: []string{"s3:PutBucketOwnershipControls"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketPolicy: {
		Create: []string{"s3:PutBucketPolicy"}, Read: []string{"s3:GetBucketPolicy"},
		Update: []string{"s3:PutBucketPolicy"}, Delete: []string{"s3:DeleteBucketPolicy"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketPublicAccessBlock: {
		Create: []string{"s3:PutBucketPublicAccessBlock"}, Read: []string{"s3:GetBucketPublicAccessBlock"},
		Update: []string{"s3:PutBucketPublicAccessBlock"}, Delete: []string{"s3:PutBucketPublicAccessBlock"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.S3BucketIntelligentTieringConfiguration: {
		Create: []string{"s3:PutIntelligentTieringConfiguration"}, Read: []string{"s3:GetIntelligentTieringConfiguration"},
		Update: []string{"s3:PutIntelligentTieringConfiguration"}, Delete: []string{"s3:PutIntelligentTieringConfiguration"},
		Resources: []string{"arn:aws:s3:::{stack}-*"},
	},
	token.StorageGatewayGateway: {
		Create: []string{"storagegateway:ActivateGateway", "storagegateway:UpdateGatewayInformation", "storagegateway:UpdateMaintenanceStartTime", "storagegateway:AddTagsToResource"},
		Read: []string{"storagegateway:DescribeGatewayInformation", "storagegateway:DescribeMaintenanceStartTime", "storagegateway:DescribeSMBSettings",
			"storagegateway:DescribeBandwidthRateLimit", "storagegateway:ListTagsForResource"},
		Update: []string{"storagegateway:UpdateGatewayInformation", "storagegateway:UpdateMaintenanceStartTime", "storagegateway:AddTagsToResource", "storagegateway:RemoveTagsFromResource"},
		Delete: []string{"storagegateway:DeleteGateway"},
		Note:   "with gateway.ipAddress the provider also fetches the activation key over HTTP from the gateway's port 80",
	},
	token.StorageGatewayCache: {
		Create: []string{"storagegateway:AddCache"},
		Read:   []string{"storagegateway:DescribeCache", "storagegateway:ListLocalDisks"},
		Note:   "a cache disk cannot be removed from a gateway; delete only forgets it",
	},
	token.StorageGatewayNFSFileShare: {
		Create:     []string{"storagegateway:CreateNFSFileShare", "storagegateway:AddTagsToResource"},
		Read:       []string{"storagegateway:DescribeNFSFileShares", "storagegateway:ListTagsForResource"},
		Update:     []string{"storagegateway:UpdateNFSFileShare", "storagegateway:AddTagsToResource", "storagegateway:RemoveTagsFromResource"},
		Delete:     []string{"storagegateway:DeleteFileShare"},
		PassRoleTo: []string{"storagegateway.amazonaws.com"},
	},
	token.EC2Instance: {
		Create: []string{"ec2:RunInstances", "ec2:CreateTags", "ec2:DescribeImages"},
		Read: []string{"ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:DescribeInstanceTypes", "ec2:DescribeVolumes",
			"ec2:DescribeInstanceCreditSpecifications", "ec2:DescribeTags"},
		Update: []string{"ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceMetadataOptions", "ec2:StopInstances", "ec2:StartInstances", "ec2:CreateTags", "ec2:DeleteTags"},
		Delete: []string{"ec2:TerminateInstances"},
		// fileShare.gateway.mode ec2: the gateway runs from Amazon's AMI with an instance profile.
		PassRoleTo: []string{"ec2.amazonaws.com"},
	},
	token.BackupVault: {
		Create:  []string{"backup:CreateBackupVault", "backup:TagResource", "backup-storage:MountCapsule"},
		Read:    []string{"backup:DescribeBackupVault", "backup:ListTags"},
		Update:  []string{"backup:TagResource", "backup:UntagResource"},
		Delete:  []string{"backup:DeleteBackupVault"},
		KeysVia: []string{"backup"},
		Note:    "a vault under a customer key needs grants on it from its creator; backup-storage:MountCapsule has no resource to scope",
	},
	token.BackupVaultPolicy: {
		Create: []string{"backup:PutBackupVaultAccessPolicy"},
		Read:   []string{"backup:GetBackupVaultAccessPolicy"},
		Update: []string{"backup:PutBackupVaultAccessPolicy"},
		Delete: []string{"backup:DeleteBackupVaultAccessPolicy"},
		Note:   "once in place, the policy denies its own change to all but the break-glass role: an update runs with that role",
	},
	token.BackupVaultLockConfiguration: {
		Create: []string{"backup:PutBackupVaultLockConfiguration"},
		Read:   []string{"backup:DescribeBackupVault"},
		Update: []string{"backup:PutBackupVaultLockConfiguration"},
		Delete: []string{"backup:DeleteBackupVaultLockConfiguration"},
		Note:   "a compliance-mode lock cannot be removed once its grace time is over, whatever the policy allows",
	},
	token.BackupPlan: {
		Create:             []string{"backup:CreateBackupPlan", "backup:TagResource"},
		Read:               []string{"backup:GetBackupPlan", "backup:ListTags"},
		Update:             []string{"backup:UpdateBackupPlan", "backup:TagResource", "backup:UntagResource"},
		Delete:             []string{"backup:DeleteBackupPlan"},
		ServiceLinkedRoles: []string{"backup.amazonaws.com"},
	},
	token.BackupSelection: {
		Create:     []string{"backup:CreateBackupSelection"},
		Read:       []string{"backup:GetBackupSelection"},
		Delete:     []string{"backup:DeleteBackupSelection"},
		PassRoleTo: []string{"backup.amazonaws.com"},
	},

	// Operations: Systems Manager.
	token.SSMAssociation: {
		Create: []string{"ssm:CreateAssociation"},
		Read:   []string{"ssm:DescribeAssociation"},
		Update: []string{"ssm:UpdateAssociation"},
		Delete: []string{"ssm:DeleteAssociation"},
	},
	token.SSMDocument: {
		Create: []string{"ssm:CreateDocument", "ssm:AddTagsToResource"},
		Read:   []string{"ssm:DescribeDocument", "ssm:GetDocument", "ssm:DescribeDocumentPermission", "ssm:ListTagsForResource"},
		Update: []string{"ssm:UpdateDocument", "ssm:UpdateDocumentDefaultVersion", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"},
		Delete: []string{"ssm:DeleteDocument"},
	},
	token.SSMMaintenanceWindow: {
		Create: []string{"ssm:CreateMaintenanceWindow", "ssm:AddTagsToResource"},
		Read:   []string{"ssm:GetMaintenanceWindow", "ssm:ListTagsForResource"},
		Update: []string{"ssm:UpdateMaintenanceWindow", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"},
		Delete: []string{"ssm:DeleteMaintenanceWindow"},
	},
	token.SSMMaintenanceWindowTarget: {
		Create: []string{"ssm:RegisterTargetWithMaintenanceWindow"},
		Read:   []string{"ssm:DescribeMaintenanceWindowTargets"},
		Update: []string{"ssm:UpdateMaintenanceWindowTarget"},
		Delete: []string{"ssm:DeregisterTargetFromMaintenanceWindow"},
	},
	token.SSMMaintenanceWindowTask: {
		Create:             []string{"ssm:RegisterTaskWithMaintenanceWindow"},
		Read:               []string{"ssm:GetMaintenanceWindowTask"},
		Update:             []string{"ssm:UpdateMaintenanceWindowTask"},
		Delete:             []string{"ssm:DeregisterTaskFromMaintenanceWindow"},
		ServiceLinkedRoles: []string{"ssm.amazonaws.com"},
		Note:               "the task sets no service role, so it runs as Systems Manager's service-linked role",
	},
	token.SSMPatchBaseline: {
		Create: []string{"ssm:CreatePatchBaseline", "ssm:AddTagsToResource"},
		Read:   []string{"ssm:GetPatchBaseline", "ssm:ListTagsForResource"},
		Update: []string{"ssm:UpdatePatchBaseline", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"},
		Delete: []string{"ssm:DeletePatchBaseline"},
	},
	token.SSMPatchGroup: {
		Create: []string{"ssm:RegisterPatchBaselineForPatchGroup"},
		Read:   []string{"ssm:DescribePatchGroups"},
		Delete: []string{"ssm:DeregisterPatchBaselineForPatchGroup"},
	},
	token.SSMServiceSetting: {
		Create: []string{"ssm:UpdateServiceSetting"},
		Read:   []string{"ssm:GetServiceSetting"},
		Update: []string{"ssm:UpdateServiceSetting"},
		Delete: []string{"ssm:ResetServiceSetting"},
		Note:   "the advanced-instances tier: deleting resets it to standard",
	},
}

// Invokes maps every provider function (data source) the program calls to what it reads. They run in a
// preview too, so the preview role needs them.
var Invokes = map[string]Access{
	"aws:index/getCallerIdentity:getCallerIdentity": {Read: []string{"sts:GetCallerIdentity"}},
	"aws:iam/getSessionContext:getSessionContext":   {Read: []string{"iam:GetRole"}, Note: "the role behind the deployer's assumed-role session, the keys' administrator"},
	"aws:index/getPartition:getPartition":           {Note: "answered by the provider from its configuration"},
	"aws:elb/getServiceAccount:getServiceAccount":   {Note: "a table in the provider: the ELB log-delivery account per region"},
	"aws:ssm/getParameter:getParameter": {Grants: []Grant{{
		Sid:       "ReadAmazonsPublicAmiParameters",
		Actions:   []string{"ssm:GetParameter"},
		Resources: []string{"arn:aws:ssm:*::parameter/aws/service/*"},
	}}, Note: "the ECS-optimised and Storage Gateway AMI ids Amazon publishes"},
	"aws:storagegateway/getLocalDisk:getLocalDisk":                                              {Read: []string{"storagegateway:ListLocalDisks"}},
	"aws:ec2transitgateway/getDirectConnectGatewayAttachment:getDirectConnectGatewayAttachment": {Read: []string{"ec2:DescribeTransitGatewayAttachments"}},
}

// logDelivery is what a caller needs to deliver a service's logs (VPN tunnel logs, Resolver query logs)
// to CloudWatch Logs: CloudWatch Logs vended-log delivery, and the log group's resource policy.
var logDelivery = Grant{
	Sid: "VendedLogDelivery",
	Actions: []string{"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
		"logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"},
	Resources: []string{"*"},
}

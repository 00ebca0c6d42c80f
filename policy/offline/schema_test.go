package offline

import (
	"flag"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/alb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/directconnect"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ebs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssmcontacts"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssmincidents"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/storagegateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/policy/rules"
	"github.com/insurance/hybridcloud/policy/schema"
)

// update rewrites the generated test data (the schema file and the program snapshot) instead of checking it.
var update = flag.Bool("update", false, "rewrite policy/rules/testdata from the SDK and the program")

const schemaFile = "../rules/testdata/schema.json"

// argsOf holds, for every type token the pack reads or the program declares, the pulumi-aws SDK's input
// type for it. Its ElementType is the unexported args struct whose pulumi:"…" tags are the property names
// the engine sends.
var argsOf = map[string]interface{ ElementType() reflect.Type }{
	"pulumi:providers:aws":                                                                       aws.ProviderArgs{},
	"aws:alb/listener:Listener":                                                                  alb.ListenerArgs{},
	"aws:alb/loadBalancer:LoadBalancer":                                                          alb.LoadBalancerArgs{},
	"aws:appautoscaling/policy:Policy":                                                           appautoscaling.PolicyArgs{},
	"aws:appautoscaling/target:Target":                                                           appautoscaling.TargetArgs{},
	"aws:autoscaling/group:Group":                                                                autoscaling.GroupArgs{},
	"aws:backup/plan:Plan":                                                                       backup.PlanArgs{},
	"aws:backup/selection:Selection":                                                             backup.SelectionArgs{},
	"aws:backup/vault:Vault":                                                                     backup.VaultArgs{},
	"aws:backup/vaultLockConfiguration:VaultLockConfiguration":                                   backup.VaultLockConfigurationArgs{},
	"aws:backup/vaultPolicy:VaultPolicy":                                                         backup.VaultPolicyArgs{},
	"aws:cloudwatch/eventRule:EventRule":                                                         cloudwatch.EventRuleArgs{},
	"aws:cloudwatch/eventTarget:EventTarget":                                                     cloudwatch.EventTargetArgs{},
	"aws:cloudwatch/logGroup:LogGroup":                                                           cloudwatch.LogGroupArgs{},
	"aws:cloudwatch/logResourcePolicy:LogResourcePolicy":                                         cloudwatch.LogResourcePolicyArgs{},
	"aws:cloudwatch/metricAlarm:MetricAlarm":                                                     cloudwatch.MetricAlarmArgs{},
	"aws:directconnect/connection:Connection":                                                    directconnect.ConnectionArgs{},
	"aws:directconnect/gateway:Gateway":                                                          directconnect.GatewayArgs{},
	"aws:directconnect/gatewayAssociation:GatewayAssociation":                                    directconnect.GatewayAssociationArgs{},
	"aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation":                                directconnect.MacsecKeyAssociationArgs{},
	"aws:directconnect/privateVirtualInterface:PrivateVirtualInterface":                          directconnect.PrivateVirtualInterfaceArgs{},
	"aws:directconnect/transitVirtualInterface:TransitVirtualInterface":                          directconnect.TransitVirtualInterfaceArgs{},
	"aws:ebs/encryptionByDefault:EncryptionByDefault":                                            ebs.EncryptionByDefaultArgs{},
	"aws:ec2/customerGateway:CustomerGateway":                                                    ec2.CustomerGatewayArgs{},
	"aws:ec2/defaultNetworkAcl:DefaultNetworkAcl":                                                ec2.DefaultNetworkAclArgs{},
	"aws:ec2/defaultRouteTable:DefaultRouteTable":                                                ec2.DefaultRouteTableArgs{},
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":                                          ec2.DefaultSecurityGroupArgs{},
	"aws:ec2/eip:Eip":                                                                            ec2.EipArgs{},
	"aws:ec2/flowLog:FlowLog":                                                                    ec2.FlowLogArgs{},
	"aws:ec2/instance:Instance":                                                                  ec2.InstanceArgs{},
	"aws:ec2/internetGateway:InternetGateway":                                                    ec2.InternetGatewayArgs{},
	"aws:ec2/launchTemplate:LaunchTemplate":                                                      ec2.LaunchTemplateArgs{},
	"aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation":                                ec2.MainRouteTableAssociationArgs{},
	"aws:ec2/natGateway:NatGateway":                                                              ec2.NatGatewayArgs{},
	"aws:ec2/networkAcl:NetworkAcl":                                                              ec2.NetworkAclArgs{},
	"aws:ec2/networkAclAssociation:NetworkAclAssociation":                                        ec2.NetworkAclAssociationArgs{},
	"aws:ec2/networkAclRule:NetworkAclRule":                                                      ec2.NetworkAclRuleArgs{},
	"aws:ec2/networkInterface:NetworkInterface":                                                  ec2.NetworkInterfaceArgs{},
	"aws:ec2/route:Route":                                                                        ec2.RouteArgs{},
	"aws:ec2/routeTable:RouteTable":                                                              ec2.RouteTableArgs{},
	"aws:ec2/routeTableAssociation:RouteTableAssociation":                                        ec2.RouteTableAssociationArgs{},
	"aws:ec2/securityGroup:SecurityGroup":                                                        ec2.SecurityGroupArgs{},
	"aws:ec2/securityGroupRule:SecurityGroupRule":                                                ec2.SecurityGroupRuleArgs{},
	"aws:ec2/subnet:Subnet":                                                                      ec2.SubnetArgs{},
	"aws:ec2/vpc:Vpc":                                                                            ec2.VpcArgs{},
	"aws:ec2/vpcBlockPublicAccessOptions:VpcBlockPublicAccessOptions":                            ec2.VpcBlockPublicAccessOptionsArgs{},
	"aws:ec2/vpcEndpoint:VpcEndpoint":                                                            ec2.VpcEndpointArgs{},
	"aws:ec2/vpnConnection:VpnConnection":                                                        ec2.VpnConnectionArgs{},
	"aws:ec2transitgateway/routeTable:RouteTable":                                                ec2transitgateway.RouteTableArgs{},
	"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation":                          ec2transitgateway.RouteTableAssociationArgs{},
	"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation":                          ec2transitgateway.RouteTablePropagationArgs{},
	"aws:ec2transitgateway/transitGateway:TransitGateway":                                        ec2transitgateway.TransitGatewayArgs{},
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment":                                          ec2transitgateway.VpcAttachmentArgs{},
	"aws:ecr/lifecyclePolicy:LifecyclePolicy":                                                    ecr.LifecyclePolicyArgs{},
	"aws:ecr/pullThroughCacheRule:PullThroughCacheRule":                                          ecr.PullThroughCacheRuleArgs{},
	"aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration":                        ecr.RegistryScanningConfigurationArgs{},
	"aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate":                              ecr.RepositoryCreationTemplateArgs{},
	"aws:ecr/repository:Repository":                                                              ecr.RepositoryArgs{},
	"aws:ecr/repositoryPolicy:RepositoryPolicy":                                                  ecr.RepositoryPolicyArgs{},
	"aws:ecr/replicationConfiguration:ReplicationConfiguration":                                  ecr.ReplicationConfigurationArgs{},
	"aws:ecs/capacityProvider:CapacityProvider":                                                  ecs.CapacityProviderArgs{},
	"aws:ecs/cluster:Cluster":                                                                    ecs.ClusterArgs{},
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders":                                  ecs.ClusterCapacityProvidersArgs{},
	"aws:ecs/service:Service":                                                                    ecs.ServiceArgs{},
	"aws:ecs/taskDefinition:TaskDefinition":                                                      ecs.TaskDefinitionArgs{},
	"aws:ecs/taskSet:TaskSet":                                                                    ecs.TaskSetArgs{},
	"aws:iam/groupPolicy:GroupPolicy":                                                            iam.GroupPolicyArgs{},
	"aws:iam/instanceProfile:InstanceProfile":                                                    iam.InstanceProfileArgs{},
	"aws:iam/policy:Policy":                                                                      iam.PolicyArgs{},
	"aws:iam/policyAttachment:PolicyAttachment":                                                  iam.PolicyAttachmentArgs{},
	"aws:iam/role:Role":                                                                          iam.RoleArgs{},
	"aws:iam/rolePolicy:RolePolicy":                                                              iam.RolePolicyArgs{},
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":                                          iam.RolePolicyAttachmentArgs{},
	"aws:iam/userPolicy:UserPolicy":                                                              iam.UserPolicyArgs{},
	"aws:iam/userPolicyAttachment:UserPolicyAttachment":                                          iam.UserPolicyAttachmentArgs{},
	"aws:kms/alias:Alias":                                                                        kms.AliasArgs{},
	"aws:kms/key:Key":                                                                            kms.KeyArgs{},
	"aws:kms/keyPolicy:KeyPolicy":                                                                kms.KeyPolicyArgs{},
	"aws:lb/listener:Listener":                                                                   lb.ListenerArgs{},
	"aws:lb/listenerRule:ListenerRule":                                                           lb.ListenerRuleArgs{},
	"aws:lb/loadBalancer:LoadBalancer":                                                           lb.LoadBalancerArgs{},
	"aws:lb/targetGroup:TargetGroup":                                                             lb.TargetGroupArgs{},
	"aws:rds/eventSubscription:EventSubscription":                                                rds.EventSubscriptionArgs{},
	"aws:rds/instance:Instance":                                                                  rds.InstanceArgs{},
	"aws:rds/parameterGroup:ParameterGroup":                                                      rds.ParameterGroupArgs{},
	"aws:rds/subnetGroup:SubnetGroup":                                                            rds.SubnetGroupArgs{},
	"aws:route53/zone:Zone":                                                                      route53.ZoneArgs{},
	"aws:route53/record:Record":                                                                  route53.RecordArgs{},
	"aws:route53/resolverEndpoint:ResolverEndpoint":                                              route53.ResolverEndpointArgs{},
	"aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig":                                  route53.ResolverQueryLogConfigArgs{},
	"aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation":            route53.ResolverQueryLogConfigAssociationArgs{},
	"aws:route53/resolverRule:ResolverRule":                                                      route53.ResolverRuleArgs{},
	"aws:route53/resolverRuleAssociation:ResolverRuleAssociation":                                route53.ResolverRuleAssociationArgs{},
	"aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock":                                   s3.AccountPublicAccessBlockArgs{},
	"aws:s3/bucketAclV2:BucketAclV2":                                                             s3.BucketAclV2Args{},
	"aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration":         s3.BucketIntelligentTieringConfigurationArgs{},
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       s3.BucketLifecycleConfigurationV2Args{},
	"aws:s3/bucketLoggingV2:BucketLoggingV2":                                                     s3.BucketLoggingV2Args{},
	"aws:s3/bucketNotification:BucketNotification":                                               s3.BucketNotificationArgs{},
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls":                                     s3.BucketOwnershipControlsArgs{},
	"aws:s3/bucketPolicy:BucketPolicy":                                                           s3.BucketPolicyArgs{},
	"aws:s3/bucketReplicationConfig:BucketReplicationConfig":                                     s3.BucketReplicationConfigArgs{},
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                     s3.BucketPublicAccessBlockArgs{},
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": s3.BucketServerSideEncryptionConfigurationV2Args{},
	"aws:s3/bucketV2:BucketV2":                                                                   s3.BucketV2Args{},
	"aws:s3/bucketVersioningV2:BucketVersioningV2":                                               s3.BucketVersioningV2Args{},
	"aws:secretsmanager/secret:Secret":                                                           secretsmanager.SecretArgs{},
	"aws:secretsmanager/secretRotation:SecretRotation":                                           secretsmanager.SecretRotationArgs{},
	"aws:secretsmanager/secretVersion:SecretVersion":                                             secretsmanager.SecretVersionArgs{},
	"aws:sns/topic:Topic":                                                                        sns.TopicArgs{},
	"aws:sns/topicPolicy:TopicPolicy":                                                            sns.TopicPolicyArgs{},
	"aws:sns/topicSubscription:TopicSubscription":                                                sns.TopicSubscriptionArgs{},
	"aws:ssm/activation:Activation":                                                              ssm.ActivationArgs{},
	"aws:ssm/association:Association":                                                            ssm.AssociationArgs{},
	"aws:ssm/document:Document":                                                                  ssm.DocumentArgs{},
	"aws:ssm/maintenanceWindow:MaintenanceWindow":                                                ssm.MaintenanceWindowArgs{},
	"aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget":                                    ssm.MaintenanceWindowTargetArgs{},
	"aws:ssm/maintenanceWindowTask:MaintenanceWindowTask":                                        ssm.MaintenanceWindowTaskArgs{},
	"aws:ssm/patchBaseline:PatchBaseline":                                                        ssm.PatchBaselineArgs{},
	"aws:ssm/patchGroup:PatchGroup":                                                              ssm.PatchGroupArgs{},
	"aws:ssm/serviceSetting:ServiceSetting":                                                      ssm.ServiceSettingArgs{},
	"aws:ssmcontacts/contact:Contact":                                                            ssmcontacts.ContactArgs{},
	"aws:ssmincidents/responsePlan:ResponsePlan":                                                 ssmincidents.ResponsePlanArgs{},
	"aws:storagegateway/cache:Cache":                                                             storagegateway.CacheArgs{},
	"aws:storagegateway/gateway:Gateway":                                                         storagegateway.GatewayArgs{},
	"aws:storagegateway/nfsFileShare:NfsFileShare":                                               storagegateway.NfsFileShareArgs{},
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":                                    vpc.SecurityGroupEgressRuleArgs{},
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":                                  vpc.SecurityGroupIngressRuleArgs{},
}

// mapKeys are the keys the provider reads from map-typed inputs whose keys it documents. pulumi-aws passes
// map keys verbatim, so they keep their Terraform spelling.
var mapKeys = map[string]map[string][]string{
	// terraform-provider-aws internal/service/ssm/document.go reads permissions["type"] and
	// permissions["account_ids"] (a comma-separated list); the pulumi-aws docs of ssm.Document list the same
	// two keys under "Permissions".
	"aws:ssm/document:Document": {"permissions": {"account_ids", "type"}},
}

// generate builds the schema from the SDK by reflection.
func generate(t *testing.T) *schema.Schema {
	t.Helper()
	s := &schema.Schema{Types: map[string]map[string]string{}, MapKeys: mapKeys}
	for typ, args := range argsOf {
		fields := map[string]string{}
		walkType(fields, "", args.ElementType(), 0)
		require.NotEmpty(t, fields, typ)
		s.Types[typ] = fields
	}
	return s
}

// walkType records the kind of every input path under t.
func walkType(fields map[string]string, prefix string, t reflect.Type, depth int) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if depth > 10 { // recursive types (none in the types above go this deep)
		fields[prefix] = schema.Any
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if prefix != "" {
			fields[prefix] = schema.Object
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			if name == "" {
				continue
			}
			path := name
			if prefix != "" {
				path = prefix + "." + name
			}
			walkType(fields, path, f.Type, depth+1)
		}
	case reflect.Slice, reflect.Array:
		fields[prefix] = schema.Array
		walkType(fields, prefix+"[]", t.Elem(), depth+1)
	case reflect.Map:
		fields[prefix] = schema.Map
		walkType(fields, prefix+"{}", t.Elem(), depth+1)
	case reflect.String:
		fields[prefix] = schema.String
	case reflect.Bool:
		fields[prefix] = schema.Bool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		fields[prefix] = schema.Number
	default:
		fields[prefix] = schema.Any
	}
}

func TestSchemaFileIsTheSDKs(t *testing.T) {
	got := generate(t)
	if *update {
		require.NoError(t, got.Write(schemaFile))
	}
	committed, err := schema.Load(schemaFile)
	require.NoError(t, err)
	assert.Equal(t, got, committed, "policy/rules/testdata/schema.json is stale: go test ./policy/offline -run TestSchemaFile -update")
}

func TestTheSchemaKnowsWhatTheSDKDoesNot(t *testing.T) {
	// The reflection must see the SDK's names, not Go's: a known-good and a known-bad path per shape.
	s := generate(t)
	for _, ok := range []struct{ typ, path string }{
		{"aws:ssm/document:Document", "permissions.account_ids"},
		{"aws:ec2/launchTemplate:LaunchTemplate", "metadataOptions.httpTokens"},
		{"aws:ec2/securityGroup:SecurityGroup", "ingress[].cidrBlocks"},
		{"aws:iam/role:Role", "inlinePolicies[].policy"},
		{"aws:ec2/subnet:Subnet", "tags.Tier"},
	} {
		assert.NoError(t, s.CheckPath(ok.typ, ok.path), ok)
	}
	for _, bad := range []struct{ typ, path string }{
		{"aws:ssm/document:Document", "permissions.accountIds"},
		{"aws:ec2/launchTemplate:LaunchTemplate", "metadataOptions.HttpTokens"},
		{"aws:ec2/securityGroup:SecurityGroup", "ingress.cidrBlocks"},
		{"aws:ec2/securityGroup:SecurityGroup", "ingress[].cidr_blocks"},
		{"aws:rds/instance:Instance", "multiAZ"},
	} {
		assert.Error(t, s.CheckPath(bad.typ, bad.path), bad)
	}
}

func TestEveryPathARuleReadsIsAnSDKInput(t *testing.T) {
	s := generate(t)
	for _, r := range rules.All() {
		for typ, paths := range r.Reads {
			for _, p := range paths {
				assert.NoError(t, s.CheckPath(typ, p), "rule %s", r.ID)
			}
		}
		for _, typ := range r.Types {
			assert.Contains(t, r.Reads, typ, "rule %s declares what it reads of %s", r.ID, typ)
		}
	}
}

func TestEveryInputTheProgramSendsIsInTheSchema(t *testing.T) {
	// The schema is only as good as its reading of the SDK: every input of both stacks, in both modes, must
	// fit it. This is also what proves a type the program declares has an entry in argsOf.
	s := generate(t)
	for _, run := range runs(t) {
		for _, r := range run.res.Resources {
			if strings.HasPrefix(r.Type, "hybridcloud:") || r.Type == "pulumi:pulumi:Stack" {
				continue
			}
			a := Resources(&plan.Result{Resources: []plan.Resource{r}})[0]
			assert.NoError(t, s.CheckInputs(r.Type, a.Properties), "%s %s", run.name, r.Name)
		}
	}
	var types []string
	for typ := range argsOf {
		types = append(types, typ)
	}
	sort.Strings(types)
	t.Logf("%d types in the schema", len(types))
}

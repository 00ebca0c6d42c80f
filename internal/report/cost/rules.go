package cost

import (
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// Type tokens the rules price or follow.
const (
	typeNatGateway       = "aws:ec2/natGateway:NatGateway"
	typeEIP              = "aws:ec2/eip:Eip"
	typeVpcEndpoint      = "aws:ec2/vpcEndpoint:VpcEndpoint"
	typeFlowLog          = "aws:ec2/flowLog:FlowLog"
	typeTransitGateway   = "aws:ec2transitgateway/transitGateway:TransitGateway"
	typeTGWVpcAttachment = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
	typeVpnConnection    = "aws:ec2/vpnConnection:VpnConnection"
	typeDXConnection     = "aws:directconnect/connection:Connection"
	typeDXAssociation    = "aws:directconnect/gatewayAssociation:GatewayAssociation"
	typeTransitVIF       = "aws:directconnect/transitVirtualInterface:TransitVirtualInterface"
	typeResolverEndpoint = "aws:route53/resolverEndpoint:ResolverEndpoint"
	typeLoadBalancer     = "aws:lb/loadBalancer:LoadBalancer"
	typeALBLoadBalancer  = "aws:alb/loadBalancer:LoadBalancer"
	typeAutoScalingGroup = "aws:autoscaling/group:Group"
	typeLaunchTemplate   = "aws:ec2/launchTemplate:LaunchTemplate"
	typeEC2Instance      = "aws:ec2/instance:Instance"
	typeEBSVolume        = "aws:ebs/volume:Volume"
	typeECRRepository    = "aws:ecr/repository:Repository"
	typeSSMActivation    = planread.TypeSSMActivation
	typeRDSInstance      = "aws:rds/instance:Instance"
	typeBucket           = "aws:s3/bucket:Bucket"
	typeBucketV2         = "aws:s3/bucketV2:BucketV2"
	typeStorageGateway   = "aws:storagegateway/gateway:Gateway"
	typeNFSFileShare     = "aws:storagegateway/nfsFileShare:NfsFileShare"
	typeSMBFileShare     = "aws:storagegateway/smbFileShare:SmbFileShare"
	typeBackupVault      = "aws:backup/vault:Vault"
	typeBackupPlan       = "aws:backup/plan:Plan"
	typeBackupSelection  = "aws:backup/selection:Selection"
	typeITConfiguration  = "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration"
	typeBucketVersioning = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	typeBucketLifecycle  = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	typeServiceSetting   = "aws:ssm/serviceSetting:ServiceSetting"
	typeKMSKey           = "aws:kms/key:Key"
	typeKMSReplicaKey    = "aws:kms/replicaKey:ReplicaKey"
	typeLogGroup         = "aws:cloudwatch/logGroup:LogGroup"
	typeMetricAlarm      = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typeCompositeAlarm   = "aws:cloudwatch/compositeAlarm:CompositeAlarm"
	typeSecret           = "aws:secretsmanager/secret:Secret"
)

// rules price a resource type from its declared inputs. A type absent here is free (freeTypes) or not
// priced.
var rules = map[string]func(*pricer, plan.Resource) outcome{
	typeNatGateway:       natGateway,
	typeEIP:              publicIPv4,
	typeVpcEndpoint:      vpcEndpoint,
	typeTransitGateway:   transitGateway,
	typeTGWVpcAttachment: tgwVpcAttachment,
	typeVpnConnection:    vpnConnection,
	typeDXConnection:     dxConnection,
	typeDXAssociation:    dxGatewayAssociation,
	typeTransitVIF:       transitVIF,
	typeResolverEndpoint: resolverEndpoint,
	typeLoadBalancer:     loadBalancer,
	typeALBLoadBalancer:  loadBalancer,
	typeAutoScalingGroup: autoScalingGroup,
	typeEC2Instance:      ec2Instance,
	typeEBSVolume:        ebsVolume,
	typeECRRepository:    ecrRepository,
	typeSSMActivation:    ssmActivation,
	typeRDSInstance:      rdsInstance,
	typeBucket:           bucket,
	typeBucketV2:         bucket,
	typeStorageGateway:   storageGateway,
	typeBackupVault:      backupVault,
	typeKMSKey:           kmsKey,
	typeKMSReplicaKey:    kmsKey,
	typeLogGroup:         logGroup,
	typeMetricAlarm:      metricAlarm,
	typeCompositeAlarm:   compositeAlarm,
	typeSecret:           secret,
	typeServiceSetting:   ssmServiceSetting,
}

func lines(ls ...Line) outcome { return outcome{lines: ls} }

// countOf counts the resources of a type that match keep (all of them when keep is nil).
func (p *pricer) countOf(typ string, keep func(plan.Resource) bool) int {
	n := 0
	for _, r := range p.x.OfType(typ) {
		if keep == nil || keep(r) {
			n++
		}
	}
	return n
}

package diagram

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// kind is a key resource kind drawn as a node: resources of one kind in one component share a node.
type kind struct {
	key           string
	label, plural string
	order         int
	detail        func(props map[string]any) string
}

// keyKinds are the resource types a diagram shows, in drawing order; anything else (routes, policies,
// roles, bucket settings) is plumbing and left out.
var keyKinds = []struct {
	typ string
	kind
}{
	{"aws:ec2/vpc:Vpc", kind{key: "vpc", label: "VPC", plural: "VPCs", detail: prop("cidrBlock")}},
	{"aws:ec2/natGateway:NatGateway", kind{key: "nat", label: "NAT gateway", plural: "NAT gateways"}},
	{"aws:ec2/vpcEndpoint:VpcEndpoint#Interface", kind{key: "endpoints", label: "interface endpoint", plural: "interface endpoints"}},
	{"aws:ec2/vpcEndpoint:VpcEndpoint#Gateway", kind{key: "gwendpoints", label: "gateway endpoint", plural: "gateway endpoints"}},
	{"aws:ec2/flowLog:FlowLog", kind{key: "flowlogs", label: "flow logs", plural: "flow logs"}},
	{"aws:ec2transitgateway/transitGateway:TransitGateway", kind{key: "tgw", label: "Transit Gateway", plural: "Transit Gateways", detail: asn("amazonSideAsn")}},
	{"aws:directconnect/gateway:Gateway", kind{key: "dxgw", label: "Direct Connect gateway", plural: "Direct Connect gateways", detail: asn("amazonSideAsn")}},
	{"aws:directconnect/connection:Connection", kind{key: "dxcon", label: "Direct Connect connection", plural: "Direct Connect connections"}},
	{"aws:directconnect/transitVirtualInterface:TransitVirtualInterface", kind{key: "vif", label: "transit VIF", plural: "transit VIFs"}},
	{"aws:ec2/vpnConnection:VpnConnection", kind{key: "vpn", label: "Site-to-Site VPN", plural: "Site-to-Site VPNs"}},
	{"aws:route53/resolverEndpoint:ResolverEndpoint#INBOUND", kind{key: "resolverin", label: "Resolver inbound endpoint", plural: "Resolver inbound endpoints"}},
	{"aws:route53/resolverEndpoint:ResolverEndpoint#OUTBOUND", kind{key: "resolverout", label: "Resolver outbound endpoint", plural: "Resolver outbound endpoints"}},
	{"aws:route53/resolverRule:ResolverRule", kind{key: "resolverrule", label: "forwarding rule", plural: "forwarding rules", detail: prop("domainName")}},
	{"aws:route53/zone:Zone", kind{key: "zone", label: "Route 53 hosted zone", plural: "Route 53 hosted zones", detail: prop("name")}},
	{"aws:route53/record:Record", kind{key: "records", label: "DNS record", plural: "DNS records"}},
	{"aws:lb/loadBalancer:LoadBalancer", kind{key: "alb", label: "load balancer", plural: "load balancers", detail: internal}},
	{"aws:ecs/cluster:Cluster", kind{key: "ecs", label: "ECS cluster", plural: "ECS clusters"}},
	{"aws:autoscaling/group:Group", kind{key: "asg", label: "Auto Scaling group", plural: "Auto Scaling groups"}},
	{"aws:ecs/service:Service#EC2", kind{key: "services", label: "ECS service", plural: "ECS services"}},
	{"aws:ecs/service:Service#EXTERNAL", kind{key: "anywhere", label: "ECS Anywhere service", plural: "ECS Anywhere services"}},
	{"aws:ecr/repository:Repository", kind{key: "ecr", label: "ECR repository", plural: "ECR repositories"}},
	{"aws:ecr/replicationConfiguration:ReplicationConfiguration", kind{key: "ecrreplication", label: "ECR replication", plural: "ECR replications", detail: ecrReplicas}},
	{"aws:ssm/activation:Activation", kind{key: "activation", label: "SSM activation", plural: "SSM activations"}},
	{"aws:rds/instance:Instance", kind{key: "rds", label: "RDS", plural: "RDS instances", detail: database}},
	{"aws:s3/bucketV2:BucketV2", kind{key: "buckets", label: "S3 bucket", plural: "S3 buckets"}},
	{"aws:s3/bucket:Bucket", kind{key: "buckets", label: "S3 bucket", plural: "S3 buckets"}},
	{"aws:s3/bucketReplicationConfig:BucketReplicationConfig", kind{key: "s3replication", label: "S3 replication", plural: "S3 replications"}},
	{"aws:storagegateway/gateway:Gateway", kind{key: "sgw", label: "S3 File Gateway", plural: "S3 File Gateways"}},
	{"aws:storagegateway/nfsFileShare:NfsFileShare", kind{key: "nfs", label: "NFS file share", plural: "NFS file shares"}},
	{"aws:backup/vault:Vault", kind{key: "vault", label: "backup vault", plural: "backup vaults"}},
	{"aws:backup/plan:Plan", kind{key: "backupplan", label: "backup plan", plural: "backup plans"}},
	{"aws:ssm/patchBaseline:PatchBaseline", kind{key: "patch", label: "patch baseline", plural: "patch baselines"}},
	{"aws:ssm/maintenanceWindow:MaintenanceWindow", kind{key: "window", label: "maintenance window", plural: "maintenance windows"}},
	{"aws:sns/topic:Topic", kind{key: "topic", label: "SNS topic", plural: "SNS topics"}},
	{"aws:cloudwatch/metricAlarm:MetricAlarm", kind{key: "alarms", label: "alarm", plural: "alarms"}},
	{"aws:kms/key:Key", kind{key: "kms", label: "KMS key", plural: "KMS keys"}},
}

// kindOf returns the kind a resource is drawn as; subtypes (endpoint type, resolver direction, launch type)
// are part of the lookup.
func kindOf(r plan.Resource) (kind, bool) {
	props := r.Props()
	typ := r.Type
	switch typ {
	case "aws:ec2/vpcEndpoint:VpcEndpoint":
		t := planread.String(props, "vpcEndpointType")
		if t == "" {
			t = "Gateway"
		}
		typ += "#" + t
	case "aws:route53/resolverEndpoint:ResolverEndpoint":
		typ += "#" + planread.String(props, "direction")
	case "aws:ecs/service:Service":
		lt := planread.String(props, "launchType")
		if lt != "EXTERNAL" {
			lt = "EC2"
		}
		typ += "#" + lt
	}
	for i, k := range keyKinds {
		if k.typ == typ {
			out := k.kind
			out.order = i
			if out.detail == nil {
				out.detail = func(map[string]any) string { return "" }
			}
			return out, true
		}
	}
	return kind{}, false
}

func prop(name string) func(map[string]any) string {
	return func(props map[string]any) string { return planread.String(props, name) }
}

func asn(name string) func(map[string]any) string {
	return func(props map[string]any) string {
		switch v := props[name].(type) {
		case float64:
			return fmt.Sprintf("ASN %.0f", v)
		case string:
			if v != "" && v != plan.UnknownValue {
				return "ASN " + v
			}
		}
		return ""
	}
}

// ecrReplicas names the regions an ECR replication configuration copies to.
func ecrReplicas(props map[string]any) string {
	if regions := replicaRegions(props); len(regions) > 0 {
		return "to " + strings.Join(regions, ", ")
	}
	return ""
}

func internal(props map[string]any) string {
	if planread.Bool(props, "internal") {
		return "internal"
	}
	return "internet-facing"
}

func database(props map[string]any) string {
	parts := []string{}
	for _, k := range []string{"engine", "engineVersion", "instanceClass"} {
		if s := planread.String(props, k); s != "" {
			parts = append(parts, s)
		}
	}
	if planread.Bool(props, "multiAz") {
		parts = append(parts, "Multi-AZ")
	}
	return strings.Join(parts, " ")
}

// flows names what a component receives when its resources are built from a resource of another.
var flows = map[string]string{
	"aws:ec2/vpc:Vpc":                                     "VPC",
	"aws:ec2/subnet:Subnet":                               "subnets",
	"aws:ec2/routeTable:RouteTable":                       "route tables",
	"aws:ec2/securityGroup:SecurityGroup":                 "security groups",
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     "endpoints",
	"aws:kms/key:Key":                                     "KMS key",
	"aws:sns/topic:Topic":                                 "alarm topic",
	"aws:rds/instance:Instance":                           "database",
	"aws:s3/bucketV2:BucketV2":                            "bucket",
	"aws:backup/vault:Vault":                              "backup vault",
	"aws:directconnect/gateway:Gateway":                   "Direct Connect gateway",
	"aws:s3/bucket:Bucket":                                "bucket",
	"aws:ecs/cluster:Cluster":                             "cluster",
	"aws:ec2transitgateway/transitGateway:TransitGateway": "transit gateway",
	"aws:cloudwatch/logGroup:LogGroup":                    "log group",
	"aws:iam/role:Role":                                   "role",
	"aws:lb/loadBalancer:LoadBalancer":                    "load balancer",
	"aws:lb/listener:Listener":                            "listener",
}

// flowOf names what flows from a resource: the noun of its type, or the type's own name in words.
func flowOf(r plan.Resource) string {
	if f, ok := flows[r.Type]; ok {
		return f
	}
	parts := strings.Split(r.Type, ":")
	return words(parts[len(parts)-1])
}

// words splits a type name into lower-case words: "ClusterCapacityProviders" → "cluster capacity providers".
func words(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

package plan

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Fixed identity of the account the mocks play, so plans are deterministic.
const (
	mockAccountID = "123456789012"
	mockRegion    = "us-east-1"
	// mockDeployerRole is the role the mocked deployment runs as.
	mockDeployerRole = "hybridcloud-deployer"
)

// place is where a provider instance works: its region and account. The mocks answer each resource and
// provider function from its provider's place, as AWS does, so a DR-region resource gets a DR-region ARN and
// one in the backup account that account's.
type place struct{ region, account string }

// home is the place of the stack's own provider, and of any provider that names no region or account.
var home = place{region: mockRegion, account: mockAccountID}

// computedOutputs are the outputs the provider computes on create, which other resources read (ARNs,
// endpoints, generated names). They are returned only when playing `up`; a preview leaves them unknown.
func computedOutputs(typ, name string, at place) map[string]any {
	out := map[string]any{
		"arn":  mockARN(typ, name, at),
		"name": name,
	}
	if extra, ok := typeOutputs[typ]; ok {
		for k, v := range extra(name, at) {
			out[k] = v
		}
	}
	return out
}

// typeOutputs holds the computed outputs a resource type adds beside its ARN and name.
var typeOutputs = map[string]func(name string, at place) map[string]any{
	"aws:kms/key:Key": func(name string, _ place) map[string]any {
		return map[string]any{"keyId": name + "-key-id"}
	},
	"aws:rds/instance:Instance": func(name string, at place) map[string]any {
		return map[string]any{
			"address":           name + ".abcdefghijkl." + at.region + ".rds.amazonaws.com",
			"resourceId":        "db-ABCDEFGHIJKLMNOPQRSTUVWXY0",
			"masterUserSecrets": []any{map[string]any{"secretArn": "arn:aws:secretsmanager:" + at.region + ":" + at.account + ":secret:rds!db-" + name, "secretStatus": "active"}},
		}
	},
	"aws:cloudwatch/logGroup:LogGroup": func(name string, at place) map[string]any {
		// The ARN names the group under log-group:, as CloudWatch Logs' does (without the ":*" suffix).
		return map[string]any{"arn": "arn:aws:logs:" + at.region + ":" + at.account + ":log-group:" + name}
	},
	"aws:ec2/instance:Instance": func(string, place) map[string]any {
		return map[string]any{"privateIp": "10.20.0.50"}
	},
	"aws:storagegateway/gateway:Gateway": func(string, place) map[string]any {
		return map[string]any{"gatewayNetworkInterfaces": []any{map[string]any{"ipv4Address": "10.100.20.16"}}}
	},
	"aws:storagegateway/nfsFileShare:NfsFileShare": func(name string, _ place) map[string]any {
		return map[string]any{"path": "/" + name}
	},
	"aws:s3/bucketV2:BucketV2": func(name string, _ place) map[string]any {
		return map[string]any{"bucket": name + "-bucket", "arn": "arn:aws:s3:::" + name + "-bucket"}
	},
	"aws:ec2/vpcEndpoint:VpcEndpoint": func(name string, at place) map[string]any {
		return map[string]any{
			"dnsEntries":   []any{map[string]any{"dnsName": name + ".vpce." + at.region + ".vpce.amazonaws.com", "hostedZoneId": "Z7HUB22UULQXV"}},
			"prefixListId": regional(s3PrefixLists, "s3-prefix-list", at.region), // the S3 gateway endpoint's; interface endpoints report none, which no caller reads
		}
	},
	"aws:ecr/repository:Repository": func(name string, at place) map[string]any {
		return map[string]any{"repositoryUrl": at.account + ".dkr.ecr." + at.region + ".amazonaws.com/" + name}
	},
	"aws:lb/loadBalancer:LoadBalancer": func(name string, at place) map[string]any {
		return map[string]any{"dnsName": "internal-" + name + "-1234567890." + at.region + ".elb.amazonaws.com"}
	},
	"aws:ec2/launchTemplate:LaunchTemplate": func(string, place) map[string]any {
		return map[string]any{"latestVersion": 1}
	},
	"aws:ssm/activation:Activation": func(name string, _ place) map[string]any {
		return map[string]any{"activationCode": name + "-activation-code"}
	},
	"aws:ec2/vpnConnection:VpnConnection": func(name string, _ place) map[string]any {
		// Outside addresses differ per connection, so alarms on them can be told apart.
		h := fnv.New32a()
		_, _ = h.Write([]byte(name))
		n := h.Sum32()
		return map[string]any{
			"transitGatewayAttachmentId":   "tgw-attach-" + name,
			"tunnel1Address":               fmt.Sprintf("52.%d.%d.1", n>>24, n>>16&0xff),
			"tunnel2Address":               fmt.Sprintf("52.%d.%d.2", n>>24, n>>16&0xff),
			"tunnel1PresharedKey":          name + "-generated-psk-1",
			"tunnel2PresharedKey":          name + "-generated-psk-2",
			"customerGatewayConfiguration": "<vpn_connection id=\"" + name + "_id\"><!-- both tunnels, their keys and BGP --></vpn_connection>",
		}
	},
	"aws:ec2/eip:Eip": func(name string, _ place) map[string]any {
		// Addresses differ per Elastic IP, like the real ones.
		h := fnv.New32a()
		_, _ = h.Write([]byte(name))
		n := h.Sum32()
		return map[string]any{"publicIp": fmt.Sprintf("54.%d.%d.%d", n>>24, n>>16&0xff, n>>8&0xff)}
	},
}

// mockARN builds an ARN shaped like the real one, from the type token's module.
func mockARN(typ, name string, at place) string {
	service := "unknown"
	if parts := strings.Split(typ, ":"); len(parts) == 3 {
		service = strings.SplitN(parts[1], "/", 2)[0]
	}
	region := at.region
	if service == "iam" {
		region = "" // IAM is global: its ARNs name no region
	}
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, region, at.account, name)
}

// regional is region's entry of a per-region table; one the table lacks shows as such wherever it is used.
func regional(table map[string]string, what, region string) string {
	if v, ok := table[region]; ok {
		return v
	}
	return "no-" + what + "-for-" + region
}

// s3PrefixLists are the AWS-managed prefix lists of S3 (com.amazonaws.<region>.s3), by region.
var s3PrefixLists = map[string]string{"us-east-1": "pl-63a5400a", "us-west-2": "pl-68a54001"}

// elbAccounts are the Elastic Load Balancing accounts that deliver access logs, by region (ELB user guide,
// "Enable access logs for your Application Load Balancer").
var elbAccounts = map[string]string{"us-east-1": "127311923021", "us-west-2": "797873946194", "eu-central-1": "054676820928"}

// invokeResults answers provider functions by token.
var invokeResults = map[string]func(args resource.PropertyMap, at place) map[string]any{
	"aws:index/getCallerIdentity:getCallerIdentity": func(_ resource.PropertyMap, at place) map[string]any {
		return map[string]any{
			"accountId": at.account,
			// The deployer as CI and operators run it: a role assumed for the session.
			"arn":    "arn:aws:sts::" + at.account + ":assumed-role/" + mockDeployerRole + "/plan",
			"id":     at.account,
			"userId": "AROAPLAN:plan",
		}
	},
	"aws:iam/getSessionContext:getSessionContext": func(args resource.PropertyMap, at place) map[string]any {
		arn := args["arn"].StringValue()
		out := map[string]any{"arn": arn, "id": arn, "issuerArn": arn}
		if strings.Contains(arn, ":assumed-role/") {
			out["issuerArn"] = "arn:aws:iam::" + at.account + ":role/" + mockDeployerRole
			out["issuerName"], out["sessionName"] = mockDeployerRole, "plan"
		}
		return out
	},
	"aws:storagegateway/getLocalDisk:getLocalDisk": func(args resource.PropertyMap, _ place) map[string]any {
		out := map[string]any{"diskId": "pci-0000:03:00.0-scsi-0:0:1:0", "gatewayArn": args["gatewayArn"].StringValue(),
			"id": "pci-0000:03:00.0-scsi-0:0:1:0"}
		for _, k := range []resource.PropertyKey{"diskPath", "diskNode"} {
			if v, ok := args[k]; ok && v.IsString() {
				out[string(k)] = v.StringValue()
			}
		}
		return out
	},
	"aws:index/getPartition:getPartition": func(resource.PropertyMap, place) map[string]any {
		return map[string]any{"id": "aws", "partition": "aws", "dnsSuffix": "amazonaws.com", "reverseDnsPrefix": "com.amazonaws"}
	},
	"aws:ssm/getParameter:getParameter": func(args resource.PropertyMap, at place) map[string]any {
		name := args["name"].StringValue()
		return map[string]any{"arn": "arn:aws:ssm:" + at.region + "::parameter" + name, "id": name, "name": name,
			"type": "String", "value": "ami-0123456789abcdef0", "insecureValue": "ami-0123456789abcdef0"}
	},
	"aws:ec2transitgateway/getDirectConnectGatewayAttachment:getDirectConnectGatewayAttachment": func(args resource.PropertyMap, at place) map[string]any {
		dx, tgw := args["dxGatewayId"].StringValue(), args["transitGatewayId"].StringValue()
		// One attachment per gateway pair: a Direct Connect gateway has one for each Transit Gateway.
		id := "tgw-attach-" + dx + "-" + tgw
		return map[string]any{"id": id, "arn": "arn:aws:ec2:" + at.region + ":" + at.account + ":transit-gateway-attachment/" + id,
			"dxGatewayId": dx, "transitGatewayId": tgw}
	},
	"aws:elb/getServiceAccount:getServiceAccount": func(_ resource.PropertyMap, at place) map[string]any {
		id := regional(elbAccounts, "elb-account", at.region)
		return map[string]any{"arn": "arn:aws:iam::" + id + ":root", "id": id, "region": at.region}
	},
}

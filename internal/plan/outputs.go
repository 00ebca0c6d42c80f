package plan

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Fixed identity of the account the mocks play, so plans are deterministic.
const (
	mockAccountID = "123456789012"
	mockRegion    = "us-east-1"
)

// computedOutputs are the outputs the provider computes on create, which other resources read (ARNs,
// endpoints, generated names). They are returned only when playing `up`; a preview leaves them unknown.
func computedOutputs(typ, name string) map[string]any {
	out := map[string]any{
		"arn":  mockARN(typ, name),
		"name": name,
	}
	if extra, ok := typeOutputs[typ]; ok {
		for k, v := range extra(name) {
			out[k] = v
		}
	}
	return out
}

// typeOutputs holds the computed outputs a resource type adds beside its ARN and name.
var typeOutputs = map[string]func(name string) map[string]any{
	"aws:kms/key:Key": func(name string) map[string]any {
		return map[string]any{"keyId": name + "-key-id"}
	},
	"aws:ec2/vpcEndpoint:VpcEndpoint": func(name string) map[string]any {
		return map[string]any{"dnsEntries": []any{map[string]any{"dnsName": name + ".vpce." + mockRegion + ".vpce.amazonaws.com", "hostedZoneId": "Z7HUB22UULQXV"}}}
	},
}

// mockARN builds an ARN shaped like the real one, from the type token's module.
func mockARN(typ, name string) string {
	service := "unknown"
	if parts := strings.Split(typ, ":"); len(parts) == 3 {
		service = strings.SplitN(parts[1], "/", 2)[0]
	}
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, mockRegion, mockAccountID, name)
}

// invokeResults answers provider functions by token.
var invokeResults = map[string]func(args resource.PropertyMap) map[string]any{
	"aws:index/getCallerIdentity:getCallerIdentity": func(resource.PropertyMap) map[string]any {
		return map[string]any{
			"accountId": mockAccountID,
			"arn":       "arn:aws:iam::" + mockAccountID + ":user/plan",
			"id":        mockAccountID,
			"userId":    "AIDAPLAN",
		}
	},
	"aws:index/getPartition:getPartition": func(resource.PropertyMap) map[string]any {
		return map[string]any{"id": "aws", "partition": "aws", "dnsSuffix": "amazonaws.com", "reverseDnsPrefix": "com.amazonaws"}
	},
}

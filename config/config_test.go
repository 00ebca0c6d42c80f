package config

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/network/layout"
)

// stackConfig returns a stack file's configuration as raw key/value pairs.
func stackConfig(t *testing.T, stack string) map[string]string {
	t.Helper()
	st, err := plan.LoadStack("..", stack)
	require.NoError(t, err)
	return st.Config
}

// parse parses cfg as an operator's stack would hold it: every key stored as a secret, so the format checks
// of secrets run (the plain-text refusal has its own tests).
func parse(cfg map[string]string) (*Config, error) {
	return Parse("hybridcloud", "test", Source{Get: func(k string) (string, bool) {
		v, ok := cfg[k]
		return v, ok
	}, IsSecret: func(string) bool { return true }})
}

// patch returns a copy of cfg whose object key has one field replaced (or removed, for a nil value). field
// may be a dotted path into nested objects ("gateway.timezone").
func patch(t *testing.T, cfg map[string]string, key, field string, value any) map[string]string {
	t.Helper()
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		out[k] = v
	}
	obj := map[string]any{}
	require.NoError(t, json.Unmarshal([]byte(cfg[key]), &obj), key)
	parent, steps := obj, strings.Split(field, ".")
	for _, step := range steps[:len(steps)-1] {
		next, ok := parent[step].(map[string]any)
		require.True(t, ok, "%s has no object %s", key, step)
		parent = next
	}
	if leaf := steps[len(steps)-1]; value == nil {
		delete(parent, leaf)
	} else {
		parent[leaf] = value
	}
	b, err := json.Marshal(obj)
	require.NoError(t, err)
	out[key] = string(b)
	return out
}

// requireBadConfig patches one field of key in a stack file and requires the error to name wantKey (the
// full path of the offending value) and say wantMsg.
func requireBadConfig(t *testing.T, stack, key, field string, value any, wantKey, wantMsg string) {
	t.Helper()
	_, err := parse(patch(t, stackConfig(t, stack), key, field, value))
	require.Error(t, err)
	assert.Contains(t, err.Error(), wantKey+": ")
	assert.Contains(t, err.Error(), wantMsg)
}

func TestBothStackFilesAreValid(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			c, err := parse(stackConfig(t, stack))
			require.NoError(t, err)
			assert.Equal(t, Environment(stack), c.Environment)
		})
	}
}

func TestStackFilesDifferWhereTheEnvironmentsShould(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)

	assert.Len(t, dev.Network.AvailabilityZones, 2, "dev spans 2 AZs")
	assert.Len(t, prod.Network.AvailabilityZones, 3, "prod spans 3 AZs")
	assert.Equal(t, layout.NATSingle, dev.Network.NATStrategy)
	assert.Equal(t, layout.NATPerAZ, prod.Network.NATStrategy)
	assert.Less(t, dev.Network.FlowLogRetentionDays, prod.Network.FlowLogRetentionDays, "dev keeps logs shorter")
	assert.GreaterOrEqual(t, prod.Network.FlowLogRetentionDays, 365, "prod keeps a year of flow logs")
}

func TestTagsAlwaysCarryEnvironmentProjectAndManagedBy(t *testing.T) {
	c, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Equal(t, "prod", c.Tags[TagEnvironment])
	assert.Equal(t, "hybridcloud", c.Tags[TagProject])
	assert.Equal(t, "pulumi", c.Tags[TagManagedBy])
}

func TestPartitionFollowsTheRegion(t *testing.T) {
	for region, want := range map[string]string{"us-east-1": "aws", "cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov"} {
		assert.Equal(t, want, (&Config{Region: region}).Partition(), region)
	}
}

func TestBadConfigIsRejectedNamingTheKey(t *testing.T) {
	const net, onPrem = "hybridcloud:network", "hybridcloud:onPremises"
	cases := []struct {
		name    string
		mutate  func(t *testing.T, cfg map[string]string) map[string]string
		wantKey string
		wantMsg string
	}{
		{"an unparsable VPC CIDR", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "cidr", "10.0.0.0/33")
		}, net + ".cidr", "not a CIDR"},
		{"a VPC CIDR with host bits", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "cidr", "10.0.0.1/16")
		}, net + ".cidr", "did you mean 10.0.0.0/16"},
		{"a public VPC CIDR", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "cidr", "8.8.0.0/16")
		}, net + ".cidr", "not a private"},
		{"a VPC CIDR overlapping on premises", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "cidr", "10.100.0.0/16")
		}, onPrem + ".cidrs[0]", "overlaps the VPC CIDR"},
		{"a single AZ", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "availabilityZones", []string{"us-east-1a"})
		}, net + ".availabilityZones", "need at least 2"},
		{"a duplicate AZ", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "availabilityZones", []string{"us-east-1a", "us-east-1a"})
		}, net + ".availabilityZones[1]", "listed twice"},
		{"a malformed AZ", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "availabilityZones", []string{"us-east-1a", "use1-az2"})
		}, net + ".availabilityZones[1]", "not an availability zone"},
		{"an AZ the region does not have", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "availabilityZones", []string{"us-east-1a", "us-east-1g"})
		}, net + ".availabilityZones[1]", "us-east-1g is not an Availability Zone of us-east-1"},
		{"an AZ of another region", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "availabilityZones", []string{"us-east-1a", "eu-west-1b"})
		}, net + ".availabilityZones[1]", "eu-west-1b is a zone of eu-west-1, not of us-east-1"},
		{"subnets that do not fit the VPC", func(t *testing.T, c map[string]string) map[string]string {
			c = patch(t, c, net, "cidr", "10.20.0.0/20")
			return patch(t, c, net, "subnetPrefixLengths", map[string]int{"app": 22, "data": 24, "public": 28})
		}, net + ".subnetPrefixLengths", "do not fit"},
		{"a subnet larger than the VPC", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "subnetPrefixLengths", map[string]int{"app": 16, "data": 24, "public": 28})
		}, net + ".subnetPrefixLengths", "larger than the VPC"},
		{"an unknown NAT strategy", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "natStrategy", "perSubnet")
		}, net + ".natStrategy", `unknown NAT strategy "perSubnet"`},
		{"an unknown key in an object (a typo)", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "natStrateg", "single")
		}, net + ".natStrateg", "unknown field (known: availabilityZones, cidr,"},
		{"a missing required key", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "cidr", nil)
		}, net + ".cidr", "required"},
		{"a missing required object", func(t *testing.T, c map[string]string) map[string]string {
			delete(c, onPrem)
			return c
		}, onPrem, "required"},
		{"a wrong JSON type", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "flowLogRetentionDays", "two weeks")
		}, net + ".flowLogRetentionDays", `got a string "two weeks", want a whole number`},
		{"a retention CloudWatch does not accept", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "flowLogRetentionDays", 10)
		}, net + ".flowLogRetentionDays", "not a CloudWatch Logs retention"},
		{"a gateway on the VPC endpoints without S3's interface endpoint", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "endpoints", []string{"ssm", "storagegateway"})
		}, "hybridcloud:fileShare.gateway.useVpcEndpoint", `needs "s3"`},
		{"a duplicate endpoint", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "endpoints", []string{"ssm", "ssm"})
		}, net + ".endpoints[1]", "listed twice"},
		{"an endpoint service that does not exist", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, net, "endpoints", []string{"ssm", "ecr.apii"})
		}, net + ".endpoints[1]", `"ecr.apii" is not an interface endpoint service (did you mean ecr.api?)`},
		{"no on-premises CIDRs", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "cidrs", []string{})
		}, onPrem + ".cidrs", "at least one"},
		{"overlapping on-premises CIDRs", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "cidrs", []string{"10.100.0.0/16", "10.100.128.0/17"})
		}, onPrem + ".cidrs[1]", "overlaps 10.100.0.0/16"},
		{"a DNS server outside the on-premises CIDRs", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "dnsServers", []string{"192.168.1.1"})
		}, onPrem + ".dnsServers[0]", "outside the on-premises cidrs"},
		{"a malformed DNS domain", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "dnsDomain", "corp_local")
		}, onPrem + ".dnsDomain", "not a DNS domain"},
		{"an on-premises domain that shadows AWS's service endpoints", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "dnsDomain", "amazonaws.com")
		}, onPrem + ".dnsDomain", `"amazonaws.com" is under AWS's amazonaws.com`},
		{"an on-premises domain under AWS's service endpoints", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "dnsDomain", "s3.us-east-1.amazonaws.com")
		}, onPrem + ".dnsDomain", "under AWS's amazonaws.com"},
		{"an on-premises domain that shadows EC2's host names", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, onPrem, "dnsDomain", "ec2.internal")
		}, onPrem + ".dnsDomain", "under AWS's ec2.internal"},
		{"an unknown environment", func(t *testing.T, c map[string]string) map[string]string {
			c["hybridcloud:environment"] = "staging"
			return c
		}, "hybridcloud:environment", "not an environment"},
		{"no region", func(t *testing.T, c map[string]string) map[string]string {
			delete(c, "aws:region")
			return c
		}, "aws:region", "required"},
		{"a reserved tag overridden", func(t *testing.T, c map[string]string) map[string]string {
			c["hybridcloud:tags"] = `{"Environment":"qa"}`
			return c
		}, "hybridcloud:tags", "cannot be overridden"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(tc.mutate(t, stackConfig(t, "dev")))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantKey+": ", "the error names the key")
			assert.Contains(t, err.Error(), tc.wantMsg)
		})
	}
}

// A fact the catalogue does not know is left to AWS: a region whose zones it does not list, a service name
// it does not list and that is near none it does, plan with a warning naming the key.
func TestAnUncataloguedZoneOrEndpointIsWarnedOfNotRefused(t *testing.T) {
	cfg := stackConfig(t, "dev")
	cfg["aws:region"] = "ap-southeast-5"
	cfg = patch(t, cfg, "hybridcloud:network", "availabilityZones", []string{"ap-southeast-5a", "ap-southeast-5b"})
	cfg = patch(t, cfg, "hybridcloud:network", "endpoints", []string{"storagegateway", "s3", "bedrock-runtime"})
	c, err := parse(cfg)
	require.NoError(t, err)
	warnings := strings.Join(c.Warnings, "\n")
	assert.Contains(t, warnings, "hybridcloud:network.availabilityZones[0]: the Availability Zones of ap-southeast-5 are not listed")
	assert.Contains(t, warnings, `hybridcloud:network.endpoints[2]: "bedrock-runtime" is not a listed interface endpoint service`)
	assert.Contains(t, warnings, "AWS will say")
}

func TestProdRefusesASingleNatGateway(t *testing.T) {
	_, err := parse(patch(t, stackConfig(t, "prod"), "hybridcloud:network", "natStrategy", "single"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `hybridcloud:network.natStrategy: prod requires "perAz"`)
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:network", "cidr", "nonsense")
	cfg = patch(t, cfg, "hybridcloud:network", "natStrategy", "many")
	cfg = patch(t, cfg, "hybridcloud:onPremises", "dnsDomain", "x")
	_, err := parse(cfg)
	require.Error(t, err)
	for _, key := range []string{"hybridcloud:network.cidr", "hybridcloud:network.natStrategy", "hybridcloud:onPremises.dnsDomain"} {
		assert.Contains(t, err.Error(), key+": ")
	}
	assert.Equal(t, 3, strings.Count(err.Error(), "\n"), "one line per problem after the heading: %s", err)
}

func TestSubnetSizesThatDoNotFitTheVPCAreRefused(t *testing.T) {
	c, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, layout.PrefixLengths{App: 20, Data: 24, Public: 28}, c.Network.SubnetPrefixLengths)
	requireBadConfig(t, "dev", "hybridcloud:network", "subnetPrefixLengths", map[string]any{"app": 17, "data": 24, "public": 28},
		"hybridcloud:network.subnetPrefixLengths", "larger than the VPC")
}

func TestEndpointsSitInEveryAZUnlessDevSaysOtherwise(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, 1, dev.Network.EndpointAZCount)
	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Equal(t, 3, prod.Network.EndpointAZCount, "the default: every AZ")

	requireBadConfig(t, "prod", "hybridcloud:network", "endpointAzCount", 1, "hybridcloud:network.endpointAzCount", "prod requires every AZ (3)")
	requireBadConfig(t, "dev", "hybridcloud:network", "endpointAzCount", 3, "hybridcloud:network.endpointAzCount", "3 is outside 1 to the AZ count (2)")
}

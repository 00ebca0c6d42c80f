package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// repo is the repository root, where Pulumi.yaml and the stack files are.
const repo = "../.."

// stackFile reads a committed stack file: promote reads nothing in them that rotates (no dates).
func stackFile(t *testing.T, stack string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repo, "Pulumi."+stack+".yaml"))
	require.NoError(t, err)
	return string(b)
}

// edit replaces the one occurrence of old in s, so a fixture's mutation cannot silently miss.
func edit(t *testing.T, s, old, replacement string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, old), "the fixture has %q exactly once", old)
	return strings.Replace(s, old, replacement, 1)
}

// devPilotLight is dev as for a drill: the standby running, so there is something to promote.
func devPilotLight(t *testing.T) string {
	return edit(t, stackFile(t, "dev"), "strategy: backupRestore", "strategy: pilotLight")
}

// value reads the value at a config key and path of a stack file, failing when it is not there.
func value(t *testing.T, file []byte, key string, path ...string) any {
	t.Helper()
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal(file, &doc))
	v, ok := doc.Config[key]
	require.True(t, ok, "%s is set", key)
	for _, p := range path {
		m, ok := v.(map[string]any)
		require.True(t, ok, "%s.%s: its parent is an object", key, p)
		v, ok = m[p]
		require.True(t, ok, "%s.%s is set", key, strings.Join(path, "."))
	}
	return v
}

func TestPromoteSwapsEveryPerRegionValueOfProdWithItsDRCounterpart(t *testing.T) {
	p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(stackFile(t, "prod")))
	require.NoError(t, err)
	east := []any{"us-east-1a", "us-east-1b", "us-east-1c"}
	west := []any{"us-west-2a", "us-west-2b", "us-west-2c"}
	eastCert := "arn:aws:acm:us-east-1:123456789012:certificate/3f1c2b4e-8a7d-4e5f-9c0b-1a2b3c4d5e6f"
	westCert := "arn:aws:acm:us-west-2:123456789012:certificate/7a2d4c6e-1b3f-4a5c-8d9e-0f1a2b3c4d5e"
	tests := []struct {
		key  string
		path []string
		want any
	}{
		{"aws:region", nil, "us-west-2"},
		{"hybridcloud:dr", []string{"region"}, "us-east-1"},
		{"hybridcloud:network", []string{"cidr"}, "10.11.0.0/16"},
		{"hybridcloud:dr", []string{"cidr"}, "10.10.0.0/16"},
		{"hybridcloud:network", []string{"availabilityZones"}, west},
		{"hybridcloud:dr", []string{"availabilityZones"}, east},
		{"hybridcloud:hybrid", []string{"transitGateway", "amazonSideAsn"}, 64514},
		{"hybridcloud:dr", []string{"transitGatewayAsn"}, 64512},
		{"hybridcloud:compute", []string{"alb", "certificateArn"}, westCert},
		{"hybridcloud:dr", []string{"compute", "certificateArn"}, eastCert},
		{"hybridcloud:dr", []string{"strategy"}, "backupRestore"},
		// What is not per region stays as it was.
		{"hybridcloud:dr", []string{"compute", "taskCount"}, 1},
		{"hybridcloud:hybrid", []string{"directConnect", "amazonSideAsn"}, 64513},
		{"hybridcloud:environment", nil, "prod"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{tt.key}, tt.path...), "."), func(t *testing.T) {
			assert.Equal(t, tt.want, value(t, p.file, tt.key, tt.path...))
		})
	}
}

func TestPromoteSwapsDevsValuesAndLeavesItsMissingCertificatesMissing(t *testing.T) {
	p, err := promote("Pulumi.dev.yaml", "hybridcloud", []byte(devPilotLight(t)))
	require.NoError(t, err)
	assert.Equal(t, "us-west-2", value(t, p.file, "aws:region"))
	assert.Equal(t, "us-east-1", value(t, p.file, "hybridcloud:dr", "region"))
	assert.Equal(t, "10.21.0.0/16", value(t, p.file, "hybridcloud:network", "cidr"))
	assert.Equal(t, "10.20.0.0/16", value(t, p.file, "hybridcloud:dr", "cidr"))
	assert.Equal(t, []any{"us-west-2a", "us-west-2b"}, value(t, p.file, "hybridcloud:network", "availabilityZones"))
	assert.Equal(t, []any{"us-east-1a", "us-east-1b"}, value(t, p.file, "hybridcloud:dr", "availabilityZones"))
	assert.Equal(t, 64621, value(t, p.file, "hybridcloud:hybrid", "transitGateway", "amazonSideAsn"))
	assert.Equal(t, 64620, value(t, p.file, "hybridcloud:dr", "transitGatewayAsn"))
	assert.Equal(t, "backupRestore", value(t, p.file, "hybridcloud:dr", "strategy"))
	assert.NotContains(t, value(t, p.file, "hybridcloud:compute", "alb"), "certificateArn", "dev serves plain HTTP")
}

func TestPromoteSwapsTheTransitGatewayBlocksOfAnEncryptedStackAndRefusesOneWithoutTheOther(t *testing.T) {
	primary := edit(t, stackFile(t, "prod"), "transitGateway: {amazonSideAsn: 64512}", "transitGateway: {amazonSideAsn: 64512, cidrBlocks: [10.255.0.0/24]}")
	both := edit(t, primary, "    transitGatewayAsn: 64514\n", "    transitGatewayAsn: 64514\n    transitGatewayCidrBlocks: [10.254.0.0/24]\n")
	p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(both))
	require.NoError(t, err)
	assert.Equal(t, []any{"10.254.0.0/24"}, value(t, p.file, "hybridcloud:hybrid", "transitGateway", "cidrBlocks"))
	assert.Equal(t, []any{"10.255.0.0/24"}, value(t, p.file, "hybridcloud:dr", "transitGatewayCidrBlocks"))

	_, err = promote("Pulumi.prod.yaml", "hybridcloud", []byte(primary))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:dr.transitGatewayCidrBlocks is not set: it swaps with hybridcloud:hybrid.transitGateway.cidrBlocks")
}

// insideCIDRs are the inside CIDRs of a router's tunnels list (tunnels or drTunnels) in a stack file.
func insideCIDRs(t *testing.T, file []byte, router, list string) []any {
	t.Helper()
	var out []any
	for _, tunnel := range value(t, file, "hybridcloud:hybrid", "vpn", "customerGateways", router, list).([]any) {
		out = append(out, tunnel.(map[string]any)["insideCidr"])
	}
	return out
}

func TestPromoteRenamesEachRoutersTunnelsAndDRTunnelsToEachOther(t *testing.T) {
	// dc1-edge2 fixes only its primary tunnels: AWS picked its DR connection's.
	in := edit(t, stackFile(t, "prod"), `          drTunnels:
            - insideCidr: 169.254.11.8/30
              presharedKey: "<secret: set with pulumi config set --secret>"
            - insideCidr: 169.254.11.12/30
              presharedKey: "<secret: set with pulumi config set --secret>"
`, "")
	p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(in))
	require.NoError(t, err)
	// The DR connections now carry the traffic: their tunnels are the primary's.
	assert.Equal(t, []any{"169.254.11.0/30", "169.254.11.4/30"}, insideCIDRs(t, p.file, "dc1-edge1", "tunnels"))
	assert.Equal(t, []any{"169.254.10.0/30", "169.254.10.4/30"}, insideCIDRs(t, p.file, "dc1-edge1", "drTunnels"))
	assert.Equal(t, []any{"169.254.10.8/30", "169.254.10.12/30"}, insideCIDRs(t, p.file, "dc1-edge2", "drTunnels"))
	edge2 := value(t, p.file, "hybridcloud:hybrid", "vpn", "customerGateways", "dc1-edge2").(map[string]any)
	assert.NotContains(t, edge2, "tunnels", "AWS picked the promoted connection's tunnels: none are fixed")
	assert.NoError(t, validatePromoted(repo, "prod", p.file), "the old primary's tunnels are kept, unused, for the standby rebuilt there")
}

func TestThePromotedStackFilesLoadAndValidateAsTheOfflinePlanDoes(t *testing.T) {
	for stack, input := range map[string]string{"prod": stackFile(t, "prod"), "dev": devPilotLight(t)} {
		t.Run(stack, func(t *testing.T) {
			require.NoError(t, validatePromoted(repo, stack, []byte(input)), "the input validates, so a failure below is the promotion's")
			p, err := promote("Pulumi."+stack+".yaml", "hybridcloud", []byte(input))
			require.NoError(t, err)
			assert.NoError(t, validatePromoted(repo, stack, p.file))
		})
	}
}

func TestValidatePromotedFailsOnAFileConfigRefuses(t *testing.T) {
	// The check the test above relies on can fail: the DR region equal to the primary's is refused.
	bad := edit(t, stackFile(t, "prod"), "    region: us-west-2\n", "    region: us-east-1\n")
	err := validatePromoted(repo, "prod", []byte(bad))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:dr.region")
}

func TestPromoteKeepsCommentsAndKeyOrderAndMovesAValuesCommentWithIt(t *testing.T) {
	in := edit(t, stackFile(t, "prod"), "    cidr: 10.10.0.0/16\n", "    cidr: 10.10.0.0/16 # the primary range\n")
	p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(in))
	require.NoError(t, err)
	out := string(p.file)
	for _, comment := range []string{
		"# prod: three AZs, a NAT gateway per AZ, a year of flow logs.",
		"  # Stack-wide (docs/operations.md): who hears the alarms; the logs key is protected.",
		"  # Disaster recovery (docs/dr.md): a warm standby in us-west-2",
		"    patchBaselines: # by operating system",
	} {
		assert.Contains(t, out, comment)
	}
	assert.Contains(t, out, "    cidr: 10.11.0.0/16\n", "the primary's range is the DR one")
	assert.Contains(t, out, "    cidr: 10.10.0.0/16 # the primary range\n", "a value's line comment goes with the value")
	// The certificates' comments describe them, so each follows its certificate.
	assert.Contains(t, out, "      # The ACM certificate of apps.corp.insurance.example in us-west-2 (issued by the corporate private CA).\n      certificateArn: arn:aws:acm:us-west-2:")
	assert.Contains(t, out, "      # The ACM certificate of apps.corp.insurance.example (issued by the corporate private CA).\n      certificateArn: arn:aws:acm:us-east-1:")
	assert.Equal(t, topKeys(t, []byte(in)), topKeys(t, p.file))
}

// topKeys are the keys under config, in file order.
func topKeys(t *testing.T, b []byte) []string {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(b, &doc))
	_, cfg := child(doc.Content[0], "config")
	require.NotNil(t, cfg)
	var keys []string
	for i := 0; i < len(cfg.Content); i += 2 {
		keys = append(keys, cfg.Content[i].Value)
	}
	require.Greater(t, len(keys), 10)
	return keys
}

func TestPromoteRefusesNamingTheKey(t *testing.T) {
	prod := func(t *testing.T) string { return stackFile(t, "prod") }
	tests := []struct {
		name  string
		input func(t *testing.T) string
		want  []string
	}{
		{"not a stack file", func(*testing.T) string { return "name: hybridcloud\nruntime: go\n" }, []string{"not a stack file", "`config`"}},
		{"a list, not a mapping", func(*testing.T) string { return "- config\n" }, []string{"not a stack file"}},
		{"a key set twice", func(t *testing.T) string {
			return edit(t, prod(t), "    cidr: 10.11.0.0/16\n", "    cidr: 10.11.0.0/16\n    cidr: 10.12.0.0/16\n")
		}, []string{"hybridcloud:dr.cidr is set twice"}},
		{"backup and restore has nothing to promote", func(t *testing.T) string { return stackFile(t, "dev") }, []string{"hybridcloud:dr.strategy is backupRestore", "no standby"}},
		{"promoting twice", func(t *testing.T) string {
			p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(prod(t)))
			require.NoError(t, err)
			return string(p.file)
		}, []string{"hybridcloud:dr.strategy is backupRestore"}},
		{"no strategy", func(t *testing.T) string { return edit(t, prod(t), "    strategy: warmStandby\n", "") }, []string{"hybridcloud:dr.strategy is not set"}},
		{"an unknown strategy", func(t *testing.T) string { return edit(t, prod(t), "strategy: warmStandby", "strategy: hotStandby") }, []string{"hybridcloud:dr.strategy", `"hotStandby" is not a DR strategy`}},
		{"no aws:region", func(t *testing.T) string { return edit(t, prod(t), "  aws:region: us-east-1\n", "") }, []string{"aws:region is not set"}},
		{"no DR region", func(t *testing.T) string { return edit(t, prod(t), "    region: us-west-2\n", "") }, []string{"hybridcloud:dr.region is not set"}},
		{"the DR region is the primary's", func(t *testing.T) string {
			return edit(t, prod(t), "    region: us-west-2\n", "    region: us-east-1\n")
		}, []string{"aws:region", "hybridcloud:dr.region", "two region names"}},
		{"an empty region", func(t *testing.T) string {
			return edit(t, prod(t), "  aws:region: us-east-1\n", "  aws:region: \"\"\n")
		}, []string{"aws:region", "two region names"}},
		{"no primary range", func(t *testing.T) string { return edit(t, prod(t), "    cidr: 10.10.0.0/16\n", "") }, []string{"hybridcloud:network.cidr is not set"}},
		{"no DR range", func(t *testing.T) string { return edit(t, prod(t), "    cidr: 10.11.0.0/16\n", "") }, []string{"hybridcloud:dr.cidr is not set"}},
		{"no primary AZs", func(t *testing.T) string {
			return edit(t, prod(t), "    availabilityZones: [us-east-1a, us-east-1b, us-east-1c]\n", "")
		}, []string{"hybridcloud:network.availabilityZones is not set"}},
		{"no DR AZs", func(t *testing.T) string {
			return edit(t, prod(t), "    availabilityZones: [us-west-2a, us-west-2b, us-west-2c]\n", "")
		}, []string{"hybridcloud:dr.availabilityZones is not set"}},
		{"no primary TGW ASN", func(t *testing.T) string {
			return edit(t, prod(t), "transitGateway: {amazonSideAsn: 64512}", "transitGateway: {}")
		}, []string{"hybridcloud:hybrid.transitGateway.amazonSideAsn is not set"}},
		{"no DR TGW ASN", func(t *testing.T) string { return edit(t, prod(t), "    transitGatewayAsn: 64514\n", "") }, []string{"hybridcloud:dr.transitGatewayAsn is not set"}},
		{"a primary certificate without a DR one", func(t *testing.T) string {
			return edit(t, prod(t), "      certificateArn: arn:aws:acm:us-west-2:123456789012:certificate/7a2d4c6e-1b3f-4a5c-8d9e-0f1a2b3c4d5e\n", "")
		}, []string{"hybridcloud:dr.compute.certificateArn is not set", "hybridcloud:compute.alb.certificateArn"}},
		{"a DR certificate without a primary one", func(t *testing.T) string {
			return edit(t, prod(t), "      certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/3f1c2b4e-8a7d-4e5f-9c0b-1a2b3c4d5e6f\n", "")
		}, []string{"hybridcloud:compute.alb.certificateArn is not set"}},
		{"every missing key at once", func(t *testing.T) string {
			s := edit(t, prod(t), "    cidr: 10.10.0.0/16\n", "")
			return edit(t, s, "    transitGatewayAsn: 64514\n", "")
		}, []string{"hybridcloud:network.cidr is not set", "hybridcloud:dr.transitGatewayAsn is not set"}},
		{"another value of the old primary region", func(t *testing.T) string {
			return edit(t, prod(t), "environment: {LOG_LEVEL: info}\n        database: true\n        files: read",
				"environment: {LOG_LEVEL: info, QUEUE: \"arn:aws:sqs:us-east-1:123456789012:claims\"}\n        database: true\n        files: read")
		}, []string{"hybridcloud:compute.services.claims-api.environment.QUEUE", "us-east-1", "by hand"}},
		{"another DR value of the DR region", func(t *testing.T) string {
			return edit(t, prod(t), "    files: {timeControl: true, latencyAlarmMinutes: 15}\n", "    files: {timeControl: true, latencyAlarmMinutes: 15}\n    note: us-west-2c\n")
		}, []string{"hybridcloud:dr.note", "us-west-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(tt.input(t)))
			require.Error(t, err)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

// copyRepo is a directory with Pulumi.yaml and the stack files, for the command to edit.
func copyRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"Pulumi.yaml", "Pulumi.prod.yaml", "Pulumi.dev.yaml"} {
		b, err := os.ReadFile(filepath.Join(repo, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o600))
	}
	return dir
}

func TestThePromoteCommandPrintsThePromotedFileAndTheByHandStepsAndWritesNothing(t *testing.T) {
	dir := copyRepo(t)
	var out, notes bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dir", dir, "promote"}, nil, &out, &notes))
	assert.Equal(t, "us-west-2", value(t, out.Bytes(), "aws:region"))
	after, err := os.ReadFile(filepath.Join(dir, "Pulumi.prod.yaml"))
	require.NoError(t, err)
	assert.Equal(t, stackFile(t, "prod"), string(after), "a preview leaves the file alone")
	lines := strings.Split(strings.TrimSpace(notes.String()), "\n")
	require.Len(t, lines, len(byHand), "prod has every section with a by-hand step")
	for _, key := range []string{"hybridcloud:management.activations", "hybridcloud:backup.vaultAccount"} {
		assert.True(t, slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, key) }), "%s: %s", key, notes.String())
	}
}

func TestPromoteListsOnlyTheByHandStepsOfSettingsTheStackHas(t *testing.T) {
	p, err := promote("Pulumi.dev.yaml", "hybridcloud", []byte(devPilotLight(t)))
	require.NoError(t, err)
	require.Len(t, p.byHand, len(byHand)-2, "dev has no Direct Connect and no vault account: %v", p.byHand)
	for _, n := range p.byHand {
		assert.NotContains(t, n, "directConnect")
		assert.NotContains(t, n, "vaultAccount")
	}
}

func TestThePromoteCommandWritesWithWrite(t *testing.T) {
	dir := copyRepo(t)
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dir", dir, "-write", "promote"}, nil, &out, &bytes.Buffer{}))
	after, err := os.ReadFile(filepath.Join(dir, "Pulumi.prod.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "us-west-2", value(t, after, "aws:region"))
	assert.Equal(t, "backupRestore", value(t, after, "hybridcloud:dr", "strategy"))
	assert.Contains(t, out.String(), "wrote ")
}

func TestThePromoteCommandRefuses(t *testing.T) {
	dir := copyRepo(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no stack", []string{"-dir", dir, "promote"}, "refusing to run without an explicit stack"},
		{"a stack with no standby", []string{"-stack", "dev", "-dir", dir, "promote"}, "hybridcloud:dr.strategy is backupRestore"},
		{"a stack without a file", []string{"-stack", "staging", "-dir", dir, "promote"}, "Pulumi.staging.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(tt.args, nil, &bytes.Buffer{}, &bytes.Buffer{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	b, err := os.ReadFile(filepath.Join(dir, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	assert.Equal(t, stackFile(t, "dev"), string(b), "a refusal writes nothing")
}

func TestPromoteChangesNoLineButTheSwappedValuesAndTheirComments(t *testing.T) {
	in := stackFile(t, "prod")
	p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(in))
	require.NoError(t, err)
	before, after := strings.Split(in, "\n"), strings.Split(string(p.file), "\n")
	require.Len(t, after, len(before), "the multi-line host lists keep their lines")
	var changed []string
	for i := range before {
		if before[i] != after[i] {
			changed = append(changed, strings.TrimSpace(strings.SplitN(before[i], ":", 2)[0]))
		}
	}
	assert.Equal(t, []string{
		"aws", "cidr", "availabilityZones", // aws:region, then the primary VPC
		"# The ACM certificate of apps.corp.insurance.example (issued by the corporate private CA).", "certificateArn",
		"transitGateway",
		"tunnels", "drTunnels", "tunnels", "drTunnels", // the routers' two lists, renamed to each other
		"strategy", "region", "cidr", "availabilityZones", "transitGatewayAsn",
		"# The ACM certificate of apps.corp.insurance.example in us-west-2 (issued by the corporate private CA).", "certificateArn",
	}, changed)
}

func TestPromoteReencodesAFileWhoseValuesSpanLinesAndSwapsThemAllTheSame(t *testing.T) {
	in := edit(t, stackFile(t, "prod"), "    availabilityZones: [us-west-2a, us-west-2b, us-west-2c]\n",
		"    availabilityZones:\n      - us-west-2a\n      - us-west-2b\n      - us-west-2c\n")
	p, err := promote("Pulumi.prod.yaml", "hybridcloud", []byte(in))
	require.NoError(t, err)
	assert.Equal(t, []any{"us-west-2a", "us-west-2b", "us-west-2c"}, value(t, p.file, "hybridcloud:network", "availabilityZones"))
	assert.Equal(t, []any{"us-east-1a", "us-east-1b", "us-east-1c"}, value(t, p.file, "hybridcloud:dr", "availabilityZones"))
	assert.Equal(t, "backupRestore", value(t, p.file, "hybridcloud:dr", "strategy"))
	assert.Contains(t, string(p.file), "  # Disaster recovery (docs/dr.md): a warm standby in us-west-2")
	assert.NoError(t, validatePromoted(repo, "prod", p.file))
}

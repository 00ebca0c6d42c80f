package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/secret"
)

// source is cfg as a stack holds it, with the given keys stored as secrets.
func source(cfg map[string]string, secrets ...string) Source {
	return Source{
		Get: func(k string) (string, bool) {
			v, ok := cfg[k]
			return v, ok
		},
		IsSecret: func(k string) bool {
			for _, s := range secrets {
				if s == k {
					return true
				}
			}
			return false
		},
		Keys: keysOf(cfg),
	}
}

func keysOf(cfg map[string]string) []string {
	out := make([]string, 0, len(cfg))
	for k := range cfg {
		out = append(out, k)
	}
	return out
}

func TestARealRunRefusesEverySecretTheStackFileLeavesUnsetAtOnce(t *testing.T) {
	_, err := parseFor("hybridcloud", "prod", source(stackConfig(t, "prod")), run{})
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	var unset []string
	for _, l := range lines {
		if strings.Contains(l, "a secret that is not set: run pulumi config set --secret --path") {
			unset = append(unset, l)
		}
	}
	assert.Len(t, unset, 12, "one message lists the activation key, two BGP keys, eight pre-shared keys (four primary, four DR) and the Docker Hub token:\n%s", err)
	assert.Contains(t, err.Error(), `hybridcloud:hybrid.directConnect.connections.ash-a.bgpAuthKey: a secret that is not set: run pulumi config set --secret --path 'hybridcloud:hybrid.directConnect.connections["ash-a"].bgpAuthKey' <value>`)
	assert.NotContains(t, err.Error(), "not a BGP key AWS accepts", "the marker gets no format error on top")
	assert.Len(t, lines, len(unset)+1, "nothing else is wrong with the committed prod file:\n%s", err)
}

func TestAnOfflineRunPlansWithPlaceholdersForUnsetSecretsAndSaysSo(t *testing.T) {
	c, err := Parse("hybridcloud", "prod", source(stackConfig(t, "prod")))
	require.NoError(t, err)
	path := `hybridcloud:hybrid.directConnect.connections["ash-a"].bgpAuthKey`
	assert.Equal(t, secret.Placeholder(path), c.Connectivity.DirectConnect.Connections["ash-a"].BGPAuthKey)
	var unset int
	for _, w := range c.Warnings {
		if strings.Contains(w, "a secret the stack file leaves unset") {
			unset++
		}
	}
	assert.Equal(t, 12, unset, "the DX BGP keys, the VPN keys (primary and DR tunnels), the gateway's activation key, Docker Hub's token: %v", c.Warnings)
	assert.Contains(t, strings.Join(c.Warnings, "\n"), "hybridcloud:fileShare.gateway.activationKey: a secret the stack file leaves unset")
}

func TestASecretInPlainTextIsRefusedInProdAndWarnedOfInDev(t *testing.T) {
	prod := patch(t, stackConfig(t, "prod"), "hybridcloud:fileShare", "gateway.activationKey", "ABCDE-12345-FGHIJ-67890-KLMNO")
	_, err := Parse("hybridcloud", "prod", source(prod))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:fileShare.gateway.activationKey: is a secret and must not be in plain text in prod: run pulumi config set --secret --path 'hybridcloud:fileShare.gateway.activationKey' <value> (value not shown)")
	assert.NotContains(t, err.Error(), "ABCDE", "the value is never shown")
	_, err = Parse("hybridcloud", "prod", source(prod, "hybridcloud:fileShare", "hybridcloud:hybrid"))
	require.NoError(t, err, "the same value stored as a secret passes")

	dev := patch(t, stackConfig(t, "dev"), "hybridcloud:hybrid", "vpn.customerGateways.dc1-edge1.tunnels",
		[]any{map[string]any{"insideCidr": "169.254.10.0/30", "presharedKey": "plainPsk_1234"}, map[string]any{"insideCidr": "169.254.11.0/30"}})
	c, err := Parse("hybridcloud", "dev", source(dev))
	require.NoError(t, err, "dev deploys it")
	assert.Contains(t, c.Warnings, `hybridcloud:hybrid.vpn.customerGateways.dc1-edge1.tunnels[0].presharedKey: is a secret in plain text; set it with pulumi config set --secret --path 'hybridcloud:hybrid.vpn.customerGateways["dc1-edge1"].tunnels[0].presharedKey' <value> (value not shown)`)
}

func TestAKeyNoSectionReadsIsRefusedAtDeployTimeToo(t *testing.T) {
	cfg := stackConfig(t, "dev")
	cfg["hybridcloud:network.cidr"] = "10.0.0.0/16" // a flat key from the docs' tables
	cfg["hybridcloud:Tags"] = "{}"
	cfg["hybridcloud:netwerk"] = "{}"
	cfg["aws:profile"] = "ops" // another namespace: not the program's
	_, err := parseFor("hybridcloud", "dev", source(cfg), run{offline: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:network.cidr: not a setting of this program (sections: environment, tags,")
	assert.Contains(t, err.Error(), "set nested values with pulumi config set --path")
	assert.Contains(t, err.Error(), "hybridcloud:Tags: not a setting of this program")
	assert.Contains(t, err.Error(), "(did you mean hybridcloud:tags? keys are case-sensitive)")
	assert.Contains(t, err.Error(), "hybridcloud:netwerk: not a setting of this program")
	assert.NotContains(t, err.Error(), "aws:profile")
}

func TestStackNamesThatDerivedNamesCannotTakeAreRefused(t *testing.T) {
	for _, name := range []string{"Dev1", "dev_2", "-dev", "dev-", "dev--a", "a234567890abcdefg"} {
		_, err := Parse("hybridcloud", name, source(stackConfig(t, "dev")))
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), `stack name "`+name+`": want 1-16 lower-case letters, digits or single hyphens`)
	}
	for _, name := range []string{"dev", "prod", "qa-2", "a234567890abcdef"} {
		_, err := Parse("hybridcloud", name, source(stackConfig(t, "dev")))
		assert.NoError(t, err, name)
	}
}

func TestTagsAWSWouldRefuseAreRefused(t *testing.T) {
	tests := []struct {
		tags    string
		wantKey string
		wantMsg string
	}{
		{`{"aws:owner":"x"}`, "hybridcloud:tags.aws:owner", "the aws: prefix is AWS's own"},
		{`{"AWS:owner":"x"}`, "hybridcloud:tags.AWS:owner", "the aws: prefix is AWS's own"},
		{`{"Owner":"` + strings.Repeat("x", 257) + `"}`, "hybridcloud:tags.Owner", "257 characters: a tag value is at most 256"},
		{`{"` + strings.Repeat("k", 129) + `":"v"}`, "hybridcloud:tags." + strings.Repeat("k", 129), "a tag key is 1-128 characters"},
		{`{"Environment":"x"}`, "hybridcloud:tags", `"Environment" is set by the program`},
	}
	for _, tt := range tests {
		cfg := stackConfig(t, "dev")
		cfg["hybridcloud:tags"] = tt.tags
		_, err := parse(cfg)
		require.Error(t, err, tt.tags)
		assert.Contains(t, err.Error(), tt.wantKey+": "+tt.wantMsg)
	}
}

func TestARegionThatDoesNotExistIsRefused(t *testing.T) {
	cfg := stackConfig(t, "dev")
	cfg["aws:region"] = "us-east-9"
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `aws:region: "us-east-9" is not an AWS region`)
}

// The committed stack files give the routers RFC 5737 documentation addresses: an offline plan and a real
// preview warn of each, naming its key; a real up refuses each, with the command that sets the real one.
func TestDocumentationAddressesForRoutersAreWarnedOfUntilARealUpRefusesThem(t *testing.T) {
	const key = "hybridcloud:hybrid.vpn.customerGateways.dc1-edge1.ipAddress"
	// dev's one secret, set as an operator would before a real run, so the addresses are all that is wrong.
	stackConfig := func(t *testing.T, stack string) map[string]string {
		cfg := stackConfig(t, stack)
		if stack == "dev" {
			cfg = patch(t, cfg, "hybridcloud:compute", "imageCache.upstreams.docker-hub.accessToken", "dckr_pat_test")
		}
		return cfg
	}
	for name, r := range map[string]run{"offline plan": {offline: true}, "real preview": {}} {
		t.Run(name, func(t *testing.T) {
			c, err := parseFor("hybridcloud", "dev", source(stackConfig(t, "dev")), r)
			require.NoError(t, err)
			assert.Contains(t, c.Warnings, key+": 198.51.100.20 is an RFC 5737 documentation address, not a router's: plans and previews go on, a real `pulumi up` refuses it")
		})
	}
	t.Run("real up", func(t *testing.T) {
		_, err := parseFor("hybridcloud", "dev", source(stackConfig(t, "dev")), run{realUpdate: true})
		require.Error(t, err)
		assert.Contains(t, err.Error(), key+": 198.51.100.20 is an RFC 5737 documentation address, not a router's: set the router's public address (pulumi config set --path 'hybridcloud:hybrid.vpn.customerGateways[\"dc1-edge1\"].ipAddress' <address>)")
		assert.Equal(t, 1, strings.Count(err.Error(), "\n"), "nothing else is wrong with dev for a real up:\n%s", err)

		prod := patch(t, stackConfig(t, "prod"), "hybridcloud:hybrid", "vpn.customerGateways.dc1-edge1.ipAddress", "192.0.2.7")
		_, err = parseFor("hybridcloud", "prod", source(prod), run{realUpdate: true})
		require.Error(t, err)
		for _, want := range []string{
			"hybridcloud:hybrid.vpn.customerGateways.dc1-edge1.ipAddress: 192.0.2.7 is an RFC 5737 documentation address",
			"hybridcloud:hybrid.vpn.customerGateways.dc1-edge2.ipAddress: 203.0.113.10 is an RFC 5737 documentation address",
		} {
			assert.Contains(t, err.Error(), want)
		}
	})
	t.Run("a real address", func(t *testing.T) {
		cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:hybrid", "vpn.customerGateways.dc1-edge1.ipAddress", "52.94.10.20")
		c, err := parseFor("hybridcloud", "dev", source(cfg), run{realUpdate: true})
		require.NoError(t, err)
		assert.NotContains(t, strings.Join(c.Warnings, "\n"), "RFC 5737")
	})
}

package platform

import (
	"encoding/json"
	"maps"
	"net/netip"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/internal/secret"
)

// handOffTable reads README.md's Operator hand-off table: each output it names, and whether it marks it
// secret (🔒).
func handOffTable(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	begin, end := strings.Index(readme, "<!-- outputs:begin -->"), strings.Index(readme, "<!-- outputs:end -->")
	require.True(t, begin >= 0 && end > begin, "README.md has the hand-off table between its markers")
	names := regexp.MustCompile("`([A-Za-z]+)`( 🔒)?")
	table := map[string]bool{}
	for _, row := range strings.Split(readme[begin:end], "\n") {
		if !strings.HasPrefix(row, "| `") {
			continue
		}
		first := strings.Split(row, "|")[1]
		for _, m := range names.FindAllStringSubmatch(first, -1) {
			_, twice := table[m[1]]
			assert.False(t, twice, "%s has one row", m[1])
			table[m[1]] = m[2] != ""
		}
	}
	require.NotEmpty(t, table)
	return table
}

// The README's hand-off table names every output either stack exports and no other, and marks exactly the
// secret ones.
func TestTheReadmeHandOffTableIsWhatTheStacksExport(t *testing.T) {
	table := handOffTable(t)
	exported := map[string]bool{}
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Up)
		for name, v := range res.Outputs {
			exported[name] = true
			marked, listed := table[name]
			if assert.True(t, listed, "README's hand-off table lists %s's output %s", stack, name) {
				assert.Equal(t, v.Secret, marked, "README marks %s secret exactly when %s exports it secret", name, stack)
			}
		}
	}
	for name := range table {
		assert.True(t, exported[name], "README lists %s, which neither stack exports", name)
	}
}

// output reads one output of a run, requiring it known, its value as JSON decodes it ([]any, map[string]any),
// whatever Go types the SDK resolved it to.
func output(t *testing.T, res *plan.Result, name string) plan.Value {
	t.Helper()
	v, ok := res.Outputs[name]
	require.True(t, ok, "output %s", name)
	require.True(t, v.Known, "output %s is known after an up", name)
	b, err := json.Marshal(v.Value)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &v.Value))
	return v
}

func TestTheHandOffOutputsOtherTeamsNeed(t *testing.T) {
	tests := []struct {
		stack   string
		nats    int
		routers []string
		dx      []string
		shares  []string
	}{
		{"dev", 1, []string{"dc1-edge1"}, nil, []string{"claims"}},
		{"prod", 3, []string{"dc1-edge1", "dc1-edge2"}, []string{"ash-a", "res-a"}, []string{"claims", "documents"}},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			res := runStack(t, tt.stack, plan.Up)

			ips, ok := output(t, res, "natPublicIps").Value.([]any)
			require.True(t, ok)
			assert.Len(t, ips, tt.nats, "one address per NAT gateway")
			assert.Len(t, plantest.Every(t, primaryOf(res), token.EC2EIP, tt.nats), tt.nats, "the primary VPC's; the DR VPC has its own")
			for _, ip := range ips {
				addr, err := netip.ParseAddr(ip.(string))
				require.NoError(t, err)
				assert.True(t, addr.Is4() && !addr.IsPrivate(), "%s is a public IPv4 address", addr)
			}

			groups, ok := output(t, res, "securityGroupIds").Value.(map[string]any)
			require.True(t, ok)
			assert.ElementsMatch(t, []string{"loadBalancer", "hosts", "tasks", "database", "endpoints"}, slices.Collect(maps.Keys(groups)))
			for role, id := range groups {
				plantest.Named(t, res, token.EC2SecurityGroup, strings.TrimSuffix(id.(string), "_id"))
				assert.NotEmpty(t, id, role)
			}

			docs := output(t, res, "vpnCustomerGatewayConfigurations")
			assert.True(t, docs.Secret, "the documents hold the pre-shared keys")
			byRouter, ok := docs.Value.(map[string]any)
			require.True(t, ok)
			assert.ElementsMatch(t, tt.routers, slices.Collect(maps.Keys(byRouter)))
			for router, doc := range byRouter {
				assert.Contains(t, doc, "<vpn_connection", router)
			}

			peers := output(t, res, "directConnectBgpPeers")
			assert.False(t, peers.Secret, "the peer sheet holds no key, so it is not secret")
			sheets, ok := peers.Value.(map[string]any)
			require.True(t, ok)
			assert.ElementsMatch(t, tt.dx, slices.Collect(maps.Keys(sheets)))
			all, err := json.Marshal(sheets)
			require.NoError(t, err)
			for _, conn := range tt.dx {
				path := `hybridcloud:hybrid.directConnect.connections["` + conn + `"].bgpAuthKey`
				assert.Equal(t, "pulumi config get --path '"+path+"'", sheets[conn].(map[string]any)["bgpAuthKeyFrom"])
				assert.NotContains(t, string(all), secret.Placeholder(path), "the sheet names where the key is, never the key")
			}

			fstab, ok := output(t, res, "nfsFstabLines").Value.(map[string]any)
			require.True(t, ok)
			mounts, ok := output(t, res, "nfsMountCommands").Value.(map[string]any)
			require.True(t, ok)
			assert.ElementsMatch(t, tt.shares, slices.Collect(maps.Keys(fstab)))
			for _, share := range tt.shares {
				assert.Regexp(t, `^10\.\d+\.\d+\.\d+:/\S+ /mnt/`+share+` nfs nolock,hard,_netdev 0 0$`, fstab[share])
				assert.True(t, strings.HasPrefix(mounts[share].(string), "sudo mkdir -p /mnt/"+share+" && sudo mount -t nfs "), mounts[share])
			}
		})
	}
}

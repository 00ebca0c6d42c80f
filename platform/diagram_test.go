package platform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/report/diagram"
)

func drawStack(t *testing.T, stack string) (diagram.Graph, *plan.Result) {
	t.Helper()
	res := runStack(t, stack, plan.Up)
	cfg := stackConfig(t, stack)
	return diagram.Build(stack, res, diagram.Site(cfg.OnPremises), diagram.Regions{Primary: cfg.Region, DR: cfg.DR.Region}), res
}

func groupIDs(g diagram.Graph) map[string]bool {
	out := map[string]bool{}
	for _, c := range g.Components {
		out[c.ID] = true
	}
	return out
}

func TestTheDiagramHasAGroupPerComponent(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		g, res := drawStack(t, stack)
		var want []string
		for _, r := range res.Resources {
			if !r.Custom && strings.HasPrefix(r.Parent, "urn:pulumi:"+stack+"::hybridcloud::pulumi:pulumi:Stack") {
				want = append(want, r.Name)
			}
		}
		require.NotEmpty(t, want)
		require.Len(t, g.Components, len(want), stack)
		for _, name := range want {
			assert.True(t, groupIDs(g)["c_"+strings.NewReplacer("-", "_", ".", "_").Replace(name)], "%s: no group for %s", stack, name)
		}
		for _, c := range g.Components {
			assert.NotEmpty(t, c.Nodes, c.ID)
		}
	}
}

// The wiring in platform/program.go, read back from the plan: each output one component passes another.
func TestTheDiagramHasAnEdgeForEveryWiring(t *testing.T) {
	g, _ := drawStack(t, "prod")
	edges := map[[2]string]string{}
	for _, e := range g.Edges {
		edges[[2]string{e.From, e.To}] = e.Label
	}
	for _, want := range []struct{ from, to, flows string }{
		{"c_prod_vpc", "c_prod_hybrid", "VPC"},
		{"c_prod_vpc", "c_prod_dns", "subnets"},
		{"c_prod_vpc", "c_prod_compute", "subnets"},
		{"c_prod_vpc", "c_prod_db", "subnets"},
		{"c_prod_vpc", "c_prod_file_gateway", "endpoints"},
		{"c_prod_compute", "c_prod_services", "cluster"},
		{"c_prod_compute", "c_prod_db", "security groups"},
		{"c_prod_db", "c_prod_services", "database"},
		{"c_prod_files", "c_prod_file_gateway", "bucket"},
		{"c_prod_files", "c_prod_services", "bucket"},
		{"c_prod_db", "c_prod_backup", "database"},
		{"c_prod_foundation", "c_prod_backup", "alarm topic"},
		{"c_prod_foundation", "c_prod_hybrid", "alarm topic"},
		{"c_prod_foundation", "c_prod_vpc", "KMS key"},
	} {
		label, ok := edges[[2]string{want.from, want.to}]
		if assert.True(t, ok, "no edge %s -> %s in %v", want.from, want.to, g.Edges) {
			assert.Contains(t, label, want.flows, "%s -> %s", want.from, want.to)
		}
	}
}

func TestTheDiagramDrawsTheOnPremisesSide(t *testing.T) {
	tests := []struct {
		stack string
		cgws  int
		dx    bool
	}{
		{"dev", 1, false},
		{"prod", 4, true}, // each router's customer gateway in both regions: the warm standby's VPN has its own
	}
	for _, tt := range tests {
		g, _ := drawStack(t, tt.stack)
		mermaid := g.Mermaid()
		ids := map[string]bool{}
		cgws := 0
		for _, n := range g.OnPremises.Nodes {
			ids[n.ID] = true
			if strings.HasPrefix(n.Label, "Customer gateway") {
				cgws++
			}
		}
		for _, id := range []string{"op_router", "op_dns", "op_nfs_clients", "op_ecs_anywhere", "op_managed_servers"} {
			assert.True(t, ids[id], "%s: no %s", tt.stack, id)
		}
		assert.Equal(t, tt.cgws, cgws, "%s: a customer gateway per on-premises VPN router and region", tt.stack)
		assert.Contains(t, mermaid, "On-prem DNS corp.insurance.example")
		assert.Equal(t, tt.dx, strings.Contains(mermaid, "op_router -->|\"Direct Connect"), tt.stack)
	}
}

func TestTheDiagramIsDeterministic(t *testing.T) {
	first, _ := drawStack(t, "prod")
	second, _ := drawStack(t, "prod")
	assert.Equal(t, first.Mermaid(), second.Mermaid())
	assert.Equal(t, first.DOT(), second.DOT())
}

// The README and docs/diagrams show what `make diagram` produces; when the program changes, regenerate them
// with `make diagram STACK=prod` (and STACK=dev).
func TestTheCheckedInDiagramsMatchThePlan(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	prod, _ := drawStack(t, "prod")
	embedded, err := diagram.Embedded(string(readme), "prod")
	require.NoError(t, err)
	assert.Equal(t, diagram.MarkdownBlock(prod.Mermaid()), embedded, "README.md is stale: run make diagram STACK=prod")

	for _, stack := range []string{"dev", "prod"} {
		g, _ := drawStack(t, stack)
		for file, want := range map[string]string{stack + ".mmd": g.Mermaid(), stack + ".dot": g.DOT()} {
			got, err := os.ReadFile(filepath.Join("..", "docs", "diagrams", file))
			require.NoError(t, err)
			assert.Equal(t, want, string(got), "docs/diagrams/%s is stale: run make diagram STACK=%s", file, stack)
		}
	}
}

// Each stack's components are drawn in the region of their provider: prod's warm standby (everything
// named prod-dr-*, under aws-dr) in us-west-2 with the backup copy vault, the Direct Connect gateway and
// the names zone with the global services; dev (backupRestore, no copy) in its one region.
func TestTheDiagramGroupsTheComponentsByRegion(t *testing.T) {
	tests := []struct {
		stack  string
		places map[string]bool
	}{
		{"dev", map[string]bool{"us-east-1": true}},
		{"prod", map[string]bool{"us-east-1": true, "us-west-2": true, diagram.Global: true}},
	}
	for _, tt := range tests {
		g, _ := drawStack(t, tt.stack)
		places := map[string]bool{}
		for _, c := range g.Components {
			for _, n := range c.Nodes {
				places[n.Region] = true
				dr := strings.HasPrefix(c.ID, "c_"+tt.stack+"_dr_")
				switch {
				case dr && c.ID != "c_prod_dr_replication":
					assert.Equal(t, "us-west-2", n.Region, "%s: %s", tt.stack, n.ID)
				case n.ID == "c_prod_hybrid_global_dxgw" || strings.HasPrefix(n.ID, "c_prod_names_"):
					assert.Equal(t, diagram.Global, n.Region, n.ID)
				case strings.HasPrefix(n.ID, "c_prod_backup_us_west_2_"):
					assert.Equal(t, "us-west-2", n.Region, "the copy vault and its key: %s", n.ID)
				case !dr:
					assert.Equal(t, "us-east-1", n.Region, "%s: %s", tt.stack, n.ID)
				}
			}
		}
		assert.Equal(t, tt.places, places, tt.stack)
		assert.Equal(t, strings.Count(g.Mermaid(), "subgraph "), strings.Count(g.Mermaid(), "end\n"), "%s: every subgraph ends", tt.stack)
	}

	g, _ := drawStack(t, "prod")
	for _, want := range []diagram.Edge{
		{From: "c_prod_hybrid_global", To: "c_prod_hybrid", Label: "Direct Connect gateway"},
		{From: "c_prod_hybrid_global", To: "c_prod_dr_hybrid", Label: "Direct Connect gateway"},
		{From: "c_prod_db", To: "c_prod_dr_db", Label: "database"},
		{From: "c_prod_files", To: "c_prod_dr_files", Label: "S3 replication"},
		{From: "c_prod_services", To: "r_us_west_2", Label: "ECR replication"},
		{From: "c_prod_vpc", To: "c_prod_names", Label: "VPC"},
		{From: "c_prod_dr_vpc", To: "c_prod_names", Label: "VPC"},
		{From: "c_prod_backup", To: "c_prod_backup_us_west_2", Label: "backup copies"},
	} {
		assert.Contains(t, g.Edges, want)
	}
}

package diagram

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

const typeTransitGateway = "aws:ec2transitgateway/transitGateway:TransitGateway"

var twoRegions = Regions{Primary: "eu-west-1", DR: "eu-central-1"}

// standbyPlan is a small warm standby: each side's VPC and Transit Gateway on the Direct Connect gateway,
// the database and its replica, the file bucket replicated, ECR replicated, backups copied to the DR
// region and the names zone on both VPCs. Component names say nothing of the region on purpose
// ("east" runs in the DR region): the provider decides.
func standbyPlan() *plantest.Builder {
	b := &plantest.Builder{}
	main := b.Provider("main", "eu-west-1")
	dr := b.Provider("standby", "eu-central-1")
	on := func(p plan.Resource, rs ...plan.Resource) {
		for _, r := range rs {
			b.On(r, p)
		}
	}

	net := b.Component("hybridcloud:network:Vpc", "vpc")
	vpc := b.Resource(net, token.EC2VPC, "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"}, nil)
	east := b.Component("hybridcloud:network:Vpc", "east")
	drVPC := b.Resource(east, token.EC2VPC, "east", map[string]any{"cidrBlock": "10.1.0.0/16"}, nil)
	eastRole := b.Resource(east, "aws:iam/role:Role", "east-flow-logs", nil, nil)
	on(main, vpc)
	on(dr, drVPC, eastRole)

	hyb := b.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	tgw := b.Resource(hyb, typeTransitGateway, "tgw", map[string]any{"amazonSideAsn": 64512}, map[string][]plan.Resource{"vpcId": {vpc}})
	dxgw := b.Resource(hyb, "aws:directconnect/gateway:Gateway", "dxgw", map[string]any{"amazonSideAsn": 64513}, nil)
	assoc := b.Resource(hyb, "aws:directconnect/gatewayAssociation:GatewayAssociation", "dxgw-tgw", nil,
		map[string][]plan.Resource{"dxGatewayId": {dxgw}, "associatedGatewayId": {tgw}})
	drHyb := b.Component("hybridcloud:hybrid:DRTransit", "transit")
	transit := b.Resource(drHyb, typeTransitGateway, "transit-tgw", map[string]any{"amazonSideAsn": 64514}, map[string][]plan.Resource{"vpcId": {drVPC}})
	drAssoc := b.Resource(drHyb, "aws:directconnect/gatewayAssociation:GatewayAssociation", "transit-dxgw", nil,
		map[string][]plan.Resource{"dxGatewayId": {dxgw}, "associatedGatewayId": {transit}})
	on(main, tgw, dxgw, assoc)
	on(dr, transit, drAssoc)

	db := b.Component("hybridcloud:data:Database", "db")
	primaryDB := b.Resource(db, token.RDSInstance, "db", map[string]any{"engine": "postgres"}, nil)
	replica := b.Resource(b.Component("hybridcloud:dr:Replica", "replica"), token.RDSInstance, "replica", nil,
		map[string][]plan.Resource{"replicateSourceDb": {primaryDB}})
	on(main, primaryDB)
	on(dr, replica)

	bucket := b.Resource(b.Component("hybridcloud:data:Files", "files"), token.S3BucketV2, "files", nil, nil)
	drBucket := b.Resource(b.Component("hybridcloud:data:Files", "dr-files"), token.S3BucketV2, "dr-files", nil, nil)
	repl := b.Component("hybridcloud:dr:Replication", "replication")
	s3 := b.Resource(repl, typeBucketReplication, "files", nil, map[string][]plan.Resource{"bucket": {bucket}, "rules": {drBucket}})
	ecr := b.Resource(repl, typeECRReplication, "ecr", map[string]any{"replicationConfiguration": map[string]any{
		"rules": []any{map[string]any{"destinations": []any{map[string]any{"region": "eu-central-1", "registryId": "123456789012"}}}},
	}}, nil)
	repo := b.Resource(b.Component("hybridcloud:compute:Services", "services"), token.ECRRepository, "api", nil, nil)
	on(main, bucket, s3, ecr, repo)
	on(dr, drBucket)

	names := b.Component("hybridcloud:dr:Names", "names")
	zone := b.Resource(names, "aws:route53/zone:Zone", "names", map[string]any{"name": "prod.internal"}, map[string][]plan.Resource{"vpcs": {vpc, drVPC}})
	on(main, zone)

	backup := b.Component("hybridcloud:data:Backup", "backup")
	vault := b.Resource(backup, token.BackupVault, "backup", nil, nil)
	copyVault := b.Resource(backup, token.BackupVault, "backup-copy", nil, nil)
	bp := b.Resource(backup, token.BackupPlan, "backup", nil, map[string][]plan.Resource{"rules": {vault, copyVault}})
	on(main, vault, bp)
	on(dr, copyVault)
	return b
}

func nodeRegions(g Graph) map[string]string {
	out := map[string]string{}
	for _, c := range g.Components {
		for _, n := range c.Nodes {
			out[n.ID] = n.Region
		}
	}
	return out
}

func TestEveryNodeIsInTheRegionOfItsProviderAndGlobalServicesAreApart(t *testing.T) {
	g := Build("test", standbyPlan().Result(), onPrem, twoRegions)
	assert.Equal(t, map[string]string{
		"c_vpc_vpc":                    "eu-west-1",
		"c_east_vpc":                   "eu-central-1",
		"c_hybrid_tgw":                 "eu-west-1",
		"c_hybrid_global_dxgw":         Global,
		"c_transit_tgw":                "eu-central-1",
		"c_db_rds":                     "eu-west-1",
		"c_replica_rds":                "eu-central-1",
		"c_files_buckets":              "eu-west-1",
		"c_dr_files_buckets":           "eu-central-1",
		"c_replication_s3replication":  "eu-west-1",
		"c_replication_ecrreplication": "eu-west-1",
		"c_services_ecr":               "eu-west-1",
		"c_names_zone":                 Global,
		"c_backup_vault":               "eu-west-1",
		"c_backup_backupplan":          "eu-west-1",
		"c_backup_eu_central_1_vault":  "eu-central-1",
	}, nodeRegions(g), "the provider's region, whatever the component is called; the DX gateway and the zone are global though their provider is the primary's")

	home := map[string]string{}
	for _, c := range g.Components {
		home[c.ID] = c.Region
	}
	assert.Equal(t, "eu-west-1", home["c_hybrid"], "drawn where most of its key resources are; the DX gateway is its global part")
	assert.Equal(t, "eu-west-1", home["c_backup"], "the copy vault is the backup's part in the DR region")
	assert.Equal(t, "eu-central-1", home["c_east"], "its IAM role is global plumbing and does not move it")
	assert.Equal(t, Global, home["c_names"])
}

func TestIAMIsGlobalWhateverItsProvider(t *testing.T) {
	b := standbyPlan()
	d := newDrawing(b.Result(), twoRegions)
	role, ok := d.x.Resource("urn:component::hybridcloud:network:Vpc::east$aws:iam/role:Role::east-flow-logs")
	require.True(t, ok)
	require.Equal(t, "eu-central-1", d.x.Region(role, ""), "the role is on the DR provider")
	assert.Equal(t, Global, d.placeOf(role))
}

func TestAResourceWithoutAProviderRegionIsInThePrimaryRegion(t *testing.T) {
	b := &plantest.Builder{}
	b.Resource(b.Component("hybridcloud:network:Vpc", "vpc"), token.EC2VPC, "vpc", nil, nil)
	g := Build("test", b.Result(), onPrem, twoRegions)
	assert.Equal(t, map[string]string{"c_vpc_vpc": "eu-west-1"}, nodeRegions(g))
}

func TestTheCrossRegionEdgesJoinTheRegions(t *testing.T) {
	g := Build("test", standbyPlan().Result(), onPrem, twoRegions)
	for _, want := range []Edge{
		{From: "c_hybrid_global", To: "c_hybrid", Label: "Direct Connect gateway"},
		{From: "c_hybrid_global", To: "c_transit", Label: "Direct Connect gateway"},
		{From: "c_db", To: "c_replica", Label: "database"},
		{From: "c_files", To: "c_dr_files", Label: "S3 replication"},
		{From: "c_services", To: "r_eu_central_1", Label: "ECR replication"},
		{From: "c_vpc", To: "c_names", Label: "VPC"},
		{From: "c_east", To: "c_names", Label: "VPC"},
		{From: "c_backup", To: "c_backup_eu_central_1", Label: "backup copies"},
	} {
		assert.Contains(t, g.Edges, want)
	}
	for _, e := range g.Edges {
		assert.NotEqual(t, e.From, e.To, "no edge from a part to itself")
	}
}

func TestEachRegionIsASubgraphHoldingItsComponentParts(t *testing.T) {
	g := Build("test", standbyPlan().Result(), onPrem, twoRegions)
	mermaid := g.Mermaid()
	primary := strings.Index(mermaid, "  subgraph r_eu_west_1[\"eu-west-1<br/>primary region\"]\n")
	standby := strings.Index(mermaid, "  subgraph r_eu_central_1[\"eu-central-1<br/>DR region\"]\n")
	global := strings.Index(mermaid, "  subgraph r_global[\"Global services\"]\n")
	require.True(t, 0 < primary && primary < standby && standby < global, "primary, DR, then global:\n%s", mermaid)
	copyPart := strings.Index(mermaid, "    subgraph c_backup_eu_central_1[\"backup<br/>data:Backup\"]\n      c_backup_eu_central_1_vault[\"backup vault\"]\n    end\n")
	assert.True(t, standby < copyPart && copyPart < global, "the copy vault is drawn in the DR region")
	dxgw := strings.Index(mermaid, "    subgraph c_hybrid_global[\"hybrid<br/>hybrid:Connectivity\"]\n      c_hybrid_global_dxgw[")
	assert.Greater(t, dxgw, global, "the Direct Connect gateway is drawn with the global services")
	assert.Equal(t, strings.Count(mermaid, "subgraph "), strings.Count(mermaid, "end\n"), "every subgraph ends")
	assert.Contains(t, mermaid, "  c_services -->|\"ECR replication\"| r_eu_central_1\n")

	dot := g.DOT()
	assert.Contains(t, dot, "  subgraph cluster_r_eu_central_1 {\n    label=\"eu-central-1\\nDR region\";\n")
	assert.Contains(t, dot, "    subgraph cluster_c_backup_eu_central_1 {\n      label=\"backup\\ndata:Backup\";\n      c_backup_eu_central_1_vault [label=\"backup vault\"];\n    }\n")
	assert.Contains(t, dot, "  c_services_ecr -> c_backup_eu_central_1_vault [ltail=cluster_c_services, lhead=cluster_r_eu_central_1, label=\"ECR replication\"];",
		"an edge to a region is clipped at its cluster, from its first node")
	assert.Equal(t, strings.Count(dot, "{"), strings.Count(dot, "}"), "balanced braces")
}

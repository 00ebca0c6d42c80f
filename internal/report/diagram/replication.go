package diagram

import (
	"github.com/insurance/hybridcloud/internal/plan/planread"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// Types the replication edges are drawn from, beside the token package's.
const (
	typeBucketReplication = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"
	typeECRReplication    = "aws:ecr/replicationConfiguration:ReplicationConfiguration"
)

// replication draws what the wiring cannot: where data goes, against the direction the inputs point. A
// backup plan copies to the vaults its rules name in another place; a bucket replication rule runs from its
// source bucket to the destination bucket it names; ECR registry replication copies the repositories of
// its region to each destination region, which the plan names by region only, so the edge ends at that
// region's group.
func (d *drawing) replication() []Edge {
	var edges []Edge
	for _, p := range d.ofType(token.BackupPlan) {
		for _, urn := range p.Dependencies["rules"] {
			if v, ok := d.x.Resource(urn); ok && v.Type == token.BackupVault && d.partOf(v) != d.partOf(p) {
				edges = append(edges, Edge{From: d.partOf(p), To: d.partOf(v), Label: "backup copies"})
			}
		}
	}
	for _, rc := range d.ofType(typeBucketReplication) {
		src, ok := d.x.Dependency(rc, "bucket", token.S3BucketV2)
		dst, found := d.x.Dependency(rc, "rules", token.S3BucketV2)
		if ok && found && d.partOf(src) != d.partOf(dst) {
			edges = append(edges, Edge{From: d.partOf(src), To: d.partOf(dst), Label: "S3 replication"})
		}
	}
	for _, rc := range d.ofType(typeECRReplication) {
		from := d.placeOf(rc)
		var repos []string
		for _, r := range d.ofType(token.ECRRepository) {
			if d.placeOf(r) == from {
				repos = append(repos, d.partOf(r))
			}
		}
		for _, to := range replicaRegions(rc.Props()) {
			for _, part := range unique(repos) {
				if to != from {
					edges = append(edges, Edge{From: part, To: regionID(to), Label: "ECR replication"})
				}
			}
		}
	}
	return edges
}

// replicaRegions lists the destination regions of an ECR replication configuration's rules.
func replicaRegions(props map[string]any) []string {
	var out []string
	for _, rule := range planread.List(planread.Object(props, "replicationConfiguration"), "rules") {
		rm, _ := rule.(map[string]any)
		for _, dest := range planread.List(rm, "destinations") {
			if dm, ok := dest.(map[string]any); ok {
				out = append(out, planread.String(dm, "region"))
			}
		}
	}
	return unique(out)
}

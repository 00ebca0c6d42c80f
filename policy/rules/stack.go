package rules

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// ofType returns the resources of one type.
func ofType(rs []Resource, types ...string) []Resource {
	var out []Resource
	for _, r := range rs {
		if slices.Contains(types, r.Type) {
			out = append(out, r)
		}
	}
	return out
}

// ids are the identifiers other resources may use to refer to r, where known: its id, ARN, name and bucket
// name (the engine sends a stack policy every resource's outputs).
func ids(r Resource) map[string]bool {
	out := map[string]bool{}
	for _, k := range []string{"id", "arn", "bucket", "name"} {
		if s, _ := text(r.Get(k)); s != "" {
			out[s] = true
		}
	}
	return out
}

// links says whether input prop of from refers to target: by dependency, which a preview records even when
// the id is unknown, or by a known id among its value (a single value or a list).
func links(from Resource, prop string, target Resource) bool {
	if from.DependsOn(prop, target.URN) {
		return true
	}
	known := ids(target)
	v := from.Get(prop)
	if s, _ := text(v); known[s] {
		return true
	}
	list, _ := items(v)
	return slices.ContainsFunc(list, func(e property.Value) bool { s, _ := text(e); return known[s] })
}

// referenced says whether some resource of one of types points at target through input prop.
func referenced(rs []Resource, prop string, target Resource, types ...string) bool {
	return slices.ContainsFunc(ofType(rs, types...), func(r Resource) bool { return links(r, prop, target) })
}

// targets returns the resources of type typ that input prop of from refers to.
func targets(rs []Resource, from Resource, prop, typ string) []Resource {
	return slices.DeleteFunc(ofType(rs, typ), func(c Resource) bool { return !links(from, prop, c) })
}

// logTarget says whether one of the buckets (by URN) receives AWS-delivered access logs: ALB access logs
// (a load balancer's accessLogs) or S3 server access logs (a logging configuration's targetBucket), which
// AWS can only write with SSE-S3.
func logTarget(rs []Resource, bucketURNs []string) bool {
	return slices.ContainsFunc(rs, func(r Resource) bool {
		return slices.ContainsFunc(bucketURNs, func(u string) bool { return r.DependsOn("accessLogs", u) || r.DependsOn("targetBucket", u) })
	})
}

// logOnlyBucket says whether bucket b only receives AWS-delivered access logs.
func logOnlyBucket(rs []Resource, b Resource) bool {
	return logTarget(rs, []string{b.URN})
}

// zones returns the distinct availability zones of the subnets the list input prop of from refers to.
// known is false when a listed subnet is outside the stack (a known id no subnet of the stack has) or a
// referenced subnet's zone is unknown.
func zones(rs []Resource, from Resource, prop string) (azs []string, known bool) {
	subnets := targets(rs, from, prop, subnet)
	values, known := items(from.Get(prop))
	outside := slices.ContainsFunc(values, func(v property.Value) bool {
		return v.IsString() && !slices.ContainsFunc(subnets, func(s Resource) bool { return ids(s)[v.AsString()] })
	})
	known = known && !outside
	for _, s := range subnets {
		az, _ := text(s.Get("availabilityZone"))
		if az == "" {
			az, _ = text(s.Get("availabilityZoneId"))
		}
		known = known && az != ""
		if az != "" && !slices.Contains(azs, az) {
			azs = append(azs, az)
		}
	}
	return azs, known
}

// readReplica says whether an RDS instance is a read replica (replicateSourceDb set, or unknown until
// apply because it names its source by an output): its source is the database, and a promotion makes it one.
func readReplica(r Resource) bool {
	v := r.Get("replicateSourceDb")
	return !v.IsNull() && (!v.IsString() || v.AsString() != "")
}

// replicaBucket says whether a bucket is the destination of another bucket's replication rule.
func replicaBucket(rs []Resource, b Resource) bool { return referenced(rs, "rules", b, s3Replication) }

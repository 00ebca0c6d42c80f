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

// targets returns the resources of type typ that input prop of from refers to, and the number of known
// values of prop that refer to none of them (resources outside the stack, whose inputs the pack cannot see).
func targets(rs []Resource, from Resource, prop, typ string) (found []Resource, outside int) {
	candidates := ofType(rs, typ)
	for _, c := range candidates {
		if links(from, prop, c) {
			found = append(found, c)
		}
	}
	values, _ := items(from.Get(prop))
	if v := from.Get(prop); v.IsString() {
		values = []property.Value{v}
	}
	for _, v := range values {
		if v.IsString() && !slices.ContainsFunc(candidates, func(c Resource) bool { return ids(c)[v.AsString()] }) {
			outside++
		}
	}
	return found, outside
}

// byURN finds a resource by URN.
func byURN(rs []Resource, urn string) (Resource, bool) {
	i := slices.IndexFunc(rs, func(r Resource) bool { return r.URN == urn })
	if i < 0 {
		return Resource{}, false
	}
	return rs[i], true
}

// logTarget says whether one of the buckets (by URN) receives AWS-delivered access logs: ALB access logs
// or S3 server access logs, which AWS can only write with SSE-S3.
func logTarget(rs []Resource, bucketURNs []string) bool {
	for _, u := range bucketURNs {
		for _, r := range rs {
			if (slices.Contains(loadBalancerTypes, r.Type) && r.DependsOn("accessLogs", u)) ||
				(r.Type == s3Logging && r.DependsOn("targetBucket", u)) {
				return true
			}
		}
	}
	return false
}

// logOnlyBucket says whether bucket b only receives AWS-delivered access logs.
func logOnlyBucket(rs []Resource, b Resource) bool {
	return b.Type == s3Bucket && logTarget(rs, []string{b.URN})
}

// zones returns the distinct availability zones of the subnets input prop of from refers to. known is
// false when a referenced subnet is outside the stack or its zone is unknown.
func zones(rs []Resource, from Resource, prop string) (azs []string, known bool) {
	subnets, outside := targets(rs, from, prop, subnet)
	known = outside == 0
	for _, s := range subnets {
		az, ok := text(s.Get("availabilityZone"))
		if az == "" {
			az, ok = text(s.Get("availabilityZoneId"))
		}
		switch {
		case !ok || az == "":
			known = false
		case !slices.Contains(azs, az):
			azs = append(azs, az)
		}
	}
	return azs, known
}

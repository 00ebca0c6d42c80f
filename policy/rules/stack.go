package rules

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// ofType returns the resources of one type.
func ofType(rs []Resource, typ string) []Resource {
	var out []Resource
	for _, r := range rs {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// referenced says whether some resource of type typ points at target through input prop (a single value
// or a list): by dependency, which a preview records even when the id is unknown, or by a known id/ARN/name.
func referenced(rs []Resource, typ, prop string, target Resource) bool {
	ids := map[string]bool{}
	for _, k := range []string{"id", "arn", "bucket", "name"} {
		if s, _ := text(target.Get(k)); s != "" {
			ids[s] = true
		}
	}
	for _, r := range ofType(rs, typ) {
		if r.DependsOn(prop, target.URN) {
			return true
		}
		v := r.Get(prop)
		if s, _ := text(v); ids[s] {
			return true
		}
		list, _ := items(v)
		if slices.ContainsFunc(list, func(e property.Value) bool { s, _ := text(e); return ids[s] }) {
			return true
		}
	}
	return false
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

package config

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Fields of an ARN, arn:partition:service:region:account:resource.
const (
	arnRegion  = 3
	arnAccount = 4
)

// arnField is field i of arn (arnRegion, arnAccount); "" when the ARN has no field after it.
func arnField(i int, arn string) string {
	if fields := strings.SplitN(arn, ":", 6); len(fields) >= i+2 {
		return fields[i]
	}
	return ""
}

// indexed names a list element of a key: key[i].
func indexed(key string, i int) string { return fmt.Sprintf("%s[%d]", key, i) }

var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// isPrivate reports whether prefix lies inside one RFC 1918 range.
func isPrivate(prefix netip.Prefix) bool { return within(prefix, privateRanges) }

// within reports whether prefix lies wholly inside one of ranges.
func within(prefix netip.Prefix, ranges []netip.Prefix) bool {
	return slices.ContainsFunc(ranges, func(r netip.Prefix) bool {
		return r.Bits() <= prefix.Bits() && r.Contains(prefix.Addr())
	})
}

// named are ranges a CIDR must stay clear of, named for messages ("the primary VPC (hybridcloud:network.cidr)").
type named struct {
	what   string
	ranges []netip.Prefix
}

// clearOf fails key for each range of sets that prefix overlaps: on premises, overlapping ranges are
// ambiguous routes.
func (p *parser) clearOf(key string, prefix netip.Prefix, sets []named) {
	for _, set := range sets {
		for _, other := range set.ranges {
			if other.IsValid() && prefix.Overlaps(other) {
				p.fail(key, "%s overlaps %s %s", prefix, set.what, other)
			}
		}
	}
}

func containsAddr(prefixes []netip.Prefix, addr netip.Addr) bool {
	return slices.ContainsFunc(prefixes, func(p netip.Prefix) bool { return p.Contains(addr) })
}

// logRetentionDays are the values CloudWatch Logs accepts for a log group's retention.
var logRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// retention checks a log retention in days: required, and one CloudWatch accepts.
func (p *parser) retention(key string, days int) {
	if !slices.Contains(logRetentionDays, days) {
		p.fail(key, "%d is not a CloudWatch Logs retention; use one of %v", days, logRetentionDays)
	}
}

// protect checks a protect flag (every settings type defaults it to true): prod may not turn it off, since
// a protected resource is what stands between a careless `pulumi destroy` and lost data.
func (p *parser) protect(key string, protect bool, env Environment) {
	if env == Prod && !protect {
		p.fail(key, "must be true in prod: it keeps stateful resources through a destroy")
	}
}

// canonical checks that a decoded CIDR is written in its canonical (masked) form, so "10.0.0.1/16" is
// caught as the mistake it usually is.
func (p *parser) canonical(key string, prefix netip.Prefix) bool {
	switch {
	case !prefix.Addr().Is4():
		p.fail(key, "%s is not IPv4", prefix)
		return false
	case prefix.Masked() != prefix:
		p.fail(key, "%s has host bits set; did you mean %s?", prefix, prefix.Masked())
		return false
	}
	return true
}

package network

import (
	"slices"
	"strings"
)

// ForwarderZone is the DNS zone on-premises DNS must forward to the inbound Resolver endpoint for the
// interface endpoint of a service short name to answer there: private DNS of an interface endpoint
// answers only inside the VPC (https://repost.aws/knowledge-center/vpc-interface-configure-dns).
//
// The service's default name reverses a dotted short name ("ecr.api" is api.ecr.<region>.amazonaws.com).
// The ECS agent and telemetry endpoints answer for ecs-a-*.<region>.amazonaws.com and ecs-t-*.…, which no
// conditional forwarder can match, so their zone is the whole <region>.amazonaws.com: the VPC's resolver
// answers every other regional name as public DNS does
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere-requirements.html).
func ForwarderZone(short, region string) string {
	suffix := region + ".amazonaws.com"
	if short == "ecs-agent" || short == "ecs-telemetry" {
		return suffix
	}
	labels := strings.Split(short, ".")
	slices.Reverse(labels)
	return strings.Join(labels, ".") + "." + suffix
}

// ForwarderZones are the zones of every interface endpoint in endpoints, sorted, each once.
func ForwarderZones(endpoints []string, region string) []string {
	zones := make([]string, 0, len(endpoints))
	for _, e := range endpoints {
		zones = append(zones, ForwarderZone(e, region))
	}
	slices.Sort(zones)
	return slices.Compact(zones)
}

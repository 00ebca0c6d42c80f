// Package netrules holds what several components put in security group rules and client lists: CIDR lists
// as Pulumi strings, and the ports of AWS services more than one component opens.
package netrules

import (
	"net/netip"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// StorageGatewayPorts are the TCP port ranges beside 443 a Storage Gateway uses with its VPC endpoint
// (activation, control and the support channel): the endpoint admits them, the gateway sends to them.
var StorageGatewayPorts = [][2]int{{1026, 1028}, {1031, 1031}, {2222, 2222}}

// CIDRs is prefixes as a Pulumi string list.
func CIDRs(prefixes []netip.Prefix) pulumi.StringArray {
	out := make(pulumi.StringArray, 0, len(prefixes))
	for _, p := range prefixes {
		out = append(out, pulumi.String(p.String()))
	}
	return out
}

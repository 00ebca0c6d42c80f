package network

import (
	"net/netip"

	"github.com/insurance/hybridcloud/network/layout"
)

// VPCSettings are the VPC's own settings (hybridcloud:network).
type VPCSettings struct {
	// CIDR is the VPC's IPv4 range: RFC 1918, /16 to /24, canonical form. Required; it must not overlap the
	// data centre.
	CIDR netip.Prefix `json:"cidr"`
	// AvailabilityZones are explicit AZ names, layout.MinAZs to layout.AZSlots of them, so a plan never
	// depends on what a region lists today. Required. Subnet and route table lists follow this order.
	AvailabilityZones []string `json:"availabilityZones"`
	// NATStrategy is layout.NATSingle or layout.NATPerAZ. Required; NATPerAZ costs a gateway per AZ but
	// survives an AZ failure, and prod requires it.
	NATStrategy layout.NATStrategy `json:"natStrategy"`
	// SubnetPrefixLengths size each tier's subnets. Default layout.DefaultPrefixLengths (app /20, data /24,
	// public /28), which suits a /16.
	SubnetPrefixLengths layout.PrefixLengths `json:"subnetPrefixLengths"`
	// Endpoints are the interface endpoint services by short name ("ecr.api", "logs"). Optional; the S3
	// gateway endpoint is always declared, since it is free and keeps image layers off NAT. Listing S3Endpoint
	// adds S3's interface endpoint beside it, for on premises only (gateway endpoints serve only traffic that
	// starts in the VPC).
	Endpoints []string `json:"endpoints"`
	// EndpointAZCount places the interface endpoints in the first EndpointAZCount AZs only. Default (0):
	// every AZ, which prod requires. Every endpoint is billed per AZ: dev saves by accepting that its
	// endpoints fail with their AZ.
	EndpointAZCount int `json:"endpointAzCount"`
	// FlowLogRetentionDays is how long flow logs are kept: a CloudWatch Logs retention value. Required.
	FlowLogRetentionDays int `json:"flowLogRetentionDays"`
	// DataSubnetInternetAccess routes the data subnets' 0.0.0.0/0 through NAT too. Default false: a database
	// tier needs no internet, and without a route it cannot exfiltrate to it.
	DataSubnetInternetAccess bool `json:"dataSubnetInternetAccess"`
	// Protect keeps the flow-log group in AWS when the stack is destroyed: flow logs are audit records.
	// Default true; required in prod.
	Protect bool `json:"protect"`
}

// DefaultVPCSettings are the settings a stack file starts from.
func DefaultVPCSettings() VPCSettings {
	return VPCSettings{SubnetPrefixLengths: layout.DefaultPrefixLengths, Protect: true}
}

// StorageGatewayEndpoint is the short name of the Storage Gateway interface endpoint, which a File Gateway
// activates and connects through.
const StorageGatewayEndpoint = "storagegateway"

// S3Endpoint is S3's short name. Listed in Endpoints, it declares S3's interface endpoint, which the NFS file
// shares and on-premises hosts reach S3 through; the gateway endpoint is always there.
const S3Endpoint = "s3"

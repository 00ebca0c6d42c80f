package hybrid

// MinResolverIPs is the number of addresses (each in its own AZ) AWS requires per Resolver endpoint.
const MinResolverIPs = 2

// DNSSettings are hybrid DNS's own settings (hybridcloud:hybrid.dns).
type DNSSettings struct {
	// EndpointIPCount is the number of addresses of each Resolver endpoint, one per AZ from the first AZ:
	// MinResolverIPs to the AZ count. Required. Each is an ENI billed by the hour, so dev uses two and prod
	// one per AZ, which survives the loss of any AZ but one.
	EndpointIPCount int `json:"endpointIpCount"`
	// QueryLogRetentionDays is how long the VPC's Resolver query logs are kept: a CloudWatch Logs retention
	// value. Required.
	QueryLogRetentionDays int `json:"queryLogRetentionDays"`
	// Protect sets pulumi protect on the inbound endpoint, whose addresses the on-premises forwarders are
	// configured with, and keeps the query logs through a destroy. Not a key of its own: config copies
	// hybridcloud:hybrid.protect (default true, required in prod).
	Protect bool `json:"-"`
}

// DefaultDNSSettings are the settings a stack file starts from: protected.
func DefaultDNSSettings() DNSSettings { return DNSSettings{Protect: true} }

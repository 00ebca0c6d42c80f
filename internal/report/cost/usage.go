package cost

import (
	"fmt"
	"maps"
	"strings"
)

// UsageKey names one monthly usage figure of the hybridcloud:usage section.
type UsageKey string

// The usage figures the cost report turns into usage-based charges. Each is per month and for the whole
// stack unless its name says otherwise; the defaults (UsageDefaults) lean high, so an estimate made
// without them is not optimistic.
const (
	// UsageNatGB is the GB processed by the NAT gateways (internet egress of the private subnets).
	UsageNatGB UsageKey = "natGb"
	// UsageEndpointGB is the GB processed by the interface VPC endpoints (ECR pulls, logs, SSM).
	UsageEndpointGB UsageKey = "endpointGb"
	// UsageTransitGatewayGB is the GB the Transit Gateway processes (sent into it by any attachment: both
	// directions of the on-premises traffic).
	UsageTransitGatewayGB UsageKey = "transitGatewayGb"
	// UsageToOnPremisesGB is the GB sent from AWS to on premises (data transfer out over Direct Connect or
	// the VPN); the connectivity decision is made for this volume.
	UsageToOnPremisesGB UsageKey = "toOnPremisesGb"
	// UsageFileBucketTB is the TB stored in the file bucket.
	UsageFileBucketTB UsageKey = "fileBucketTb"
	// UsageFileGatewayWrittenGB is the GB written to AWS through the File Gateway.
	UsageFileGatewayWrittenGB UsageKey = "fileGatewayWrittenGb"
	// UsageLogsIngestedGB is the GB ingested by the stack's log groups other than flow logs.
	UsageLogsIngestedGB UsageKey = "logsIngestedGb"
	// UsageFlowLogsIngestedGB is the GB of VPC flow logs delivered to CloudWatch Logs.
	UsageFlowLogsIngestedGB UsageKey = "flowLogsIngestedGb"
	// UsageALBLCU is the average load balancer capacity units each ALB consumes.
	UsageALBLCU UsageKey = "albLcu"
	// UsageECRGBPerRepository is the GB of images each ECR repository stores.
	UsageECRGBPerRepository UsageKey = "ecrGbPerRepository"
	// UsageBackupDatabaseGB is the GB of database recovery points stored in the backup vault.
	UsageBackupDatabaseGB UsageKey = "backupDatabaseGb"
	// UsageBackupFilesGB is the GB of file bucket recovery points stored in the backup vault.
	UsageBackupFilesGB UsageKey = "backupFilesGb"
	// UsageBackupCopyGB is the GB copied to the disaster-recovery region each month.
	UsageBackupCopyGB UsageKey = "backupCopyGb"
	// UsageResolverMillionQueries is the millions of DNS queries through the Resolver endpoints.
	UsageResolverMillionQueries UsageKey = "resolverMillionQueries"
)

// UsageFigure documents one usage key: its unit, its default and what it measures.
type UsageFigure struct {
	Key     UsageKey
	Unit    string
	Default float64
	Doc     string
}

// usageFigures is the one list of usage keys, in the order docs and reports show them.
var usageFigures = []UsageFigure{
	{UsageNatGB, "GB/month", 500, "GB processed by the NAT gateways"},
	{UsageEndpointGB, "GB/month", 1000, "GB processed by the interface endpoints"},
	{UsageTransitGatewayGB, "GB/month", 3000, "GB processed by the Transit Gateway (both directions)"},
	{UsageToOnPremisesGB, "GB/month", 1000, "GB sent from AWS to on premises (over Direct Connect or VPN)"},
	{UsageFileBucketTB, "TB", 10, "TB stored in the file bucket"},
	{UsageFileGatewayWrittenGB, "GB/month", 2000, "GB written to AWS through the File Gateway"},
	{UsageLogsIngestedGB, "GB/month", 100, "GB ingested by the log groups other than flow logs"},
	{UsageFlowLogsIngestedGB, "GB/month", 100, "GB of VPC flow logs delivered to CloudWatch Logs"},
	{UsageALBLCU, "LCU", 2, "average load balancer capacity units per ALB"},
	{UsageECRGBPerRepository, "GB", 10, "GB of images per ECR repository"},
	{UsageBackupDatabaseGB, "GB", 1000, "GB of database recovery points in the backup vault"},
	{UsageBackupFilesGB, "GB", 2000, "GB of file bucket recovery points in the backup vault"},
	{UsageBackupCopyGB, "GB/month", 500, "GB copied to the disaster-recovery region"},
	{UsageResolverMillionQueries, "million queries/month", 50, "millions of DNS queries through the Resolver endpoints"},
}

// UsageFigures lists every usage key with its unit, default and meaning.
func UsageFigures() []UsageFigure { return append([]UsageFigure(nil), usageFigures...) }

func usageFigure(k UsageKey) (UsageFigure, bool) {
	for _, f := range usageFigures {
		if f.Key == k {
			return f, true
		}
	}
	return UsageFigure{}, false
}

// Usage is the validated hybridcloud:usage section: monthly usage figures the cost report assumes. The
// section is optional; a figure the stack does not set takes its default. The zero value is all defaults.
type Usage struct {
	set map[UsageKey]float64
}

// Get returns the figure for k: the stack's value, or the default.
func (u Usage) Get(k UsageKey) float64 {
	if v, ok := u.set[k]; ok {
		return v
	}
	f, _ := usageFigure(k)
	return f.Default
}

// IsSet reports whether the stack config set k (false: the default applies).
func (u Usage) IsSet(k UsageKey) bool {
	_, ok := u.set[k]
	return ok
}

// With returns a copy of u with k set to v; tests and what-if reports use it.
func (u Usage) With(k UsageKey, v float64) Usage {
	out := Usage{set: map[UsageKey]float64{k: v}}
	for key, val := range u.set {
		if key != k {
			out.set[key] = val
		}
	}
	return out
}

// Check says whether v is a valid figure for k: a known key, and a monthly amount that is not negative.
func (k UsageKey) Check(v float64) error {
	if _, ok := usageFigure(k); !ok {
		return fmt.Errorf("unknown usage figure (known: %s)", knownUsageKeys())
	}
	if v < 0 {
		return fmt.Errorf("%v is negative; a usage figure is a monthly amount, 0 or more", v)
	}
	return nil
}

// NewUsage returns the usage with the given figures set and every other at its default. Callers check each
// figure first (UsageKey.Check); NewUsage keeps what it is given.
func NewUsage(set map[UsageKey]float64) Usage {
	return Usage{set: maps.Clone(set)}
}

func knownUsageKeys() string {
	keys := make([]string, 0, len(usageFigures))
	for _, f := range usageFigures {
		keys = append(keys, string(f.Key))
	}
	return strings.Join(keys, ", ")
}

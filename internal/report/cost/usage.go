package cost

import (
	"fmt"
	"maps"
	"strings"
)

// UsageKey names one monthly usage figure of the hybridcloud:usage section.
type UsageKey string

// The usage figures the cost report turns into usage-based charges. Each is per month and for the whole
// stack unless its name says otherwise. Every default is justified in docs/cost.md: they lean high, so an
// estimate made without them is not optimistic; a figure the plan can answer (a database's size) defaults to
// what the plan declares.
const (
	// UsageNatGB is the GB processed by the NAT gateways (both directions of the private subnets' internet traffic).
	UsageNatGB UsageKey = "natGb"
	// UsageNatInternetEgressGB is the GB the NAT gateways send to the internet (data transfer out).
	UsageNatInternetEgressGB UsageKey = "natInternetEgressGb"
	// UsageEndpointGB is the GB processed by the interface VPC endpoints (ECR pulls, logs, SSM).
	UsageEndpointGB UsageKey = "endpointGb"
	// UsageTransitGatewayGB is the GB the Transit Gateway processes (sent into it by any attachment: both
	// directions of the on-premises traffic).
	UsageTransitGatewayGB UsageKey = "transitGatewayGb"
	// UsageToOnPremisesGB is the GB sent from AWS to on premises (data transfer out over Direct Connect or
	// the VPN); the connectivity decision is made for this volume.
	UsageToOnPremisesGB UsageKey = "toOnPremisesGb"
	// UsageDXPortGbps is the speed of each Direct Connect connection the stack uses but does not order.
	UsageDXPortGbps UsageKey = "dxPortGbps"
	// UsageDXCarrierUSDPerPort is what each Direct Connect connection costs outside AWS a month (the
	// colocation cross-connect and the carrier circuit to the data centre).
	UsageDXCarrierUSDPerPort UsageKey = "dxCarrierUsdPerPort"
	// UsageFileBucketTB is the TB stored in the file bucket (current versions).
	UsageFileBucketTB UsageKey = "fileBucketTb"
	// UsageFileAverageObjectMB is the average size of the file bucket's objects, which turns its TB into the
	// object count Intelligent-Tiering charges monitoring for.
	UsageFileAverageObjectMB UsageKey = "fileAverageObjectMb"
	// UsageFileFrequentPercent, UsageFileInfrequentPercent and UsageFileDeepArchivePercent split the file
	// bucket by when its data was last read: within 30 days (frequent tier), within the archive threshold
	// (infrequent tier), and beyond the deep-archive threshold; the rest is between the two archive thresholds.
	UsageFileFrequentPercent    UsageKey = "fileFrequentPercent"
	UsageFileInfrequentPercent  UsageKey = "fileInfrequentPercent"
	UsageFileDeepArchivePercent UsageKey = "fileDeepArchivePercent"
	// UsageFileGatewayWrittenGB is the GB written to AWS through the File Gateway.
	UsageFileGatewayWrittenGB UsageKey = "fileGatewayWrittenGb"
	// UsageFileReplacedPercent is the share of the GB written that replaces or later deletes data already in
	// the bucket (the rest is new data the bucket keeps); old recovery points keep what is replaced.
	UsageFileReplacedPercent UsageKey = "fileReplacedPercent"
	// UsageDatabaseGB is the size of the database's data; the DB instance's allocated storage by default.
	UsageDatabaseGB UsageKey = "databaseGb"
	// UsageDatabaseChangePercent is the share of the database's data that changes between monthly backups.
	UsageDatabaseChangePercent UsageKey = "databaseChangePercent"
	// UsageLogsIngestedGB is the GB ingested by the stack's log groups other than flow logs.
	UsageLogsIngestedGB UsageKey = "logsIngestedGb"
	// UsageFlowLogsIngestedGB is the GB of VPC flow logs delivered to CloudWatch Logs.
	UsageFlowLogsIngestedGB UsageKey = "flowLogsIngestedGb"
	// UsageLogCompressedPercent is the size of stored log data after CloudWatch's compression, in percent of
	// what was ingested: log storage is billed compressed.
	UsageLogCompressedPercent UsageKey = "logCompressedPercent"
	// UsageALBLCU is the average load balancer capacity units each ALB consumes.
	UsageALBLCU UsageKey = "albLcu"
	// UsageECRGBPerRepository is the GB of images each ECR repository stores.
	UsageECRGBPerRepository UsageKey = "ecrGbPerRepository"
	// UsageLogBucketGB is the GB each log bucket (ALB and S3 access logs) holds.
	UsageLogBucketGB UsageKey = "logBucketGb"
	// UsageResolverMillionQueries is the millions of DNS queries through the Resolver endpoints.
	UsageResolverMillionQueries UsageKey = "resolverMillionQueries"
)

// UsageFigure documents one usage key: its unit, its default and what it measures.
type UsageFigure struct {
	Key     UsageKey
	Unit    string
	Default float64
	Doc     string
	// SameAs makes the default another figure's value (NAT egress defaults to all that NAT processes).
	SameAs UsageKey
	// FromPlan, when set, says what in the plan the figure defaults to; Default is then unused.
	FromPlan string
}

// usageFigures is the one list of usage keys, in the order docs and reports show them.
var usageFigures = []UsageFigure{
	{Key: UsageNatGB, Unit: "GB/month", Default: 500, Doc: "GB processed by the NAT gateways"},
	{Key: UsageNatInternetEgressGB, Unit: "GB/month", SameAs: UsageNatGB, Doc: "GB the NAT gateways send to the internet"},
	{Key: UsageEndpointGB, Unit: "GB/month", Default: 1000, Doc: "GB processed by the interface endpoints"},
	{Key: UsageTransitGatewayGB, Unit: "GB/month", Default: 3000, Doc: "GB processed by the Transit Gateway (both directions)"},
	{Key: UsageToOnPremisesGB, Unit: "GB/month", Default: 1000, Doc: "GB sent from AWS to on premises (over Direct Connect or VPN)"},
	{Key: UsageDXPortGbps, Unit: "Gbps", Default: 1, Doc: "speed of each existing Direct Connect connection (dedicated; below 1: hosted)"},
	{Key: UsageDXCarrierUSDPerPort, Unit: "USD/month", Default: 500, Doc: "cross-connect and carrier circuit per Direct Connect connection (outside AWS)"},
	{Key: UsageFileBucketTB, Unit: "TB", Default: 10, Doc: "TB stored in the file bucket"},
	{Key: UsageFileAverageObjectMB, Unit: "MB", Default: 1, Doc: "average object size in the file bucket"},
	{Key: UsageFileFrequentPercent, Unit: "%", Default: 30, Doc: "share of the file bucket read within 30 days"},
	{Key: UsageFileInfrequentPercent, Unit: "%", Default: 30, Doc: "share read within the archive threshold, not within 30 days"},
	{Key: UsageFileDeepArchivePercent, Unit: "%", Default: 20, Doc: "share not read beyond the deep-archive threshold"},
	{Key: UsageFileGatewayWrittenGB, Unit: "GB/month", Default: 2000, Doc: "GB written to AWS through the File Gateway"},
	{Key: UsageFileReplacedPercent, Unit: "%", Default: 10, Doc: "share of the GB written that replaces or deletes older data"},
	{Key: UsageDatabaseGB, Unit: "GB", FromPlan: "the DB instance's allocated storage", Doc: "size of the database's data"},
	{Key: UsageDatabaseChangePercent, Unit: "%/month", Default: 5, Doc: "share of the database changed between monthly backups"},
	{Key: UsageLogsIngestedGB, Unit: "GB/month", Default: 100, Doc: "GB ingested by the log groups other than flow logs"},
	{Key: UsageFlowLogsIngestedGB, Unit: "GB/month", Default: 100, Doc: "GB of VPC flow logs delivered to CloudWatch Logs"},
	{Key: UsageLogCompressedPercent, Unit: "%", Default: 30, Doc: "stored log size after compression, of the size ingested"},
	{Key: UsageALBLCU, Unit: "LCU", Default: 2, Doc: "average load balancer capacity units per ALB"},
	{Key: UsageECRGBPerRepository, Unit: "GB", Default: 10, Doc: "GB of images per ECR repository"},
	{Key: UsageLogBucketGB, Unit: "GB", Default: 100, Doc: "GB held by each log bucket (ALB and S3 access logs)"},
	{Key: UsageResolverMillionQueries, Unit: "million queries/month", Default: 50, Doc: "millions of DNS queries through the Resolver endpoints"},
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

// Get returns the figure for k: the stack's value, or the default (for a figure the plan answers, 0: see
// GetOr).
func (u Usage) Get(k UsageKey) float64 {
	if v, ok := u.set[k]; ok {
		return v
	}
	f, _ := usageFigure(k)
	if f.SameAs != "" {
		return u.Get(f.SameAs)
	}
	return f.Default
}

// GetOr returns the stack's value for k, or fromPlan (what the plan declares) when the stack sets none.
func (u Usage) GetOr(k UsageKey, fromPlan float64) float64 {
	if v, ok := u.set[k]; ok {
		return v
	}
	return fromPlan
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
	if f, _ := usageFigure(k); f.Unit == "%" && v > 100 {
		return fmt.Errorf("%v is over 100; the figure is a percentage", v)
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

package dr

import (
	"fmt"
	"net/netip"
)

// Strategy is the AWS disaster-recovery strategy a stack runs ("Disaster recovery options in the cloud",
// AWS whitepaper "Disaster Recovery of Workloads on AWS"): each one keeps more running in the DR region, for a
// shorter recovery time at a higher cost. Multi-site active/active is not offered.
type Strategy string

const (
	// BackupRestore keeps only AWS Backup's copies in the DR region: recovery is a rebuild (hours to a day).
	BackupRestore Strategy = "backupRestore"
	// PilotLight adds the DR network, its hybrid path, the live data (a read replica, replicated files and
	// images) and an ECS cluster without hosts: recovery is promote, scale out, switch names (tens of minutes).
	PilotLight Strategy = "pilotLight"
	// WarmStandby is PilotLight with the compute running at minimum size: recovery is a scale-up (minutes).
	WarmStandby Strategy = "warmStandby"
)

// Check reports a value that is not a strategy.
func (s Strategy) Check() error {
	switch s {
	case BackupRestore, PilotLight, WarmStandby:
		return nil
	default:
		return fmt.Errorf("%q is not a DR strategy (want %q, %q or %q)", s, BackupRestore, PilotLight, WarmStandby)
	}
}

// Standby reports whether the strategy keeps a standby in the DR region (network, data, cluster).
func (s Strategy) Standby() bool { return s == PilotLight || s == WarmStandby }

// Running reports whether the DR compute runs (hosts and tasks at their minimums).
func (s Strategy) Running() bool { return s == WarmStandby }

// Settings are the DR region's settings (hybridcloud:dr). The DR VPC copies the primary's tiers, endpoints,
// NAT strategy and flow logs; only its range and AZs are its own.
type Settings struct {
	// Strategy is the DR strategy. Required.
	Strategy Strategy `json:"strategy"`
	// Region is the DR region: AWS Backup copies go there, and the standby runs there. Required; not the
	// stack's own region.
	Region string `json:"region"`
	// CIDR is the DR VPC's range. Required with a standby: RFC 1918, clear of the primary VPC, the data
	// centre and the Transit Gateway's blocks, since on premises routes to both VPCs at once.
	CIDR netip.Prefix `json:"cidr"`
	// AvailabilityZones are the DR VPC's AZs, in Region. Required with a standby.
	AvailabilityZones []string `json:"availabilityZones"`
	// TransitGatewayASN is the DR Transit Gateway's private ASN. Required with a standby; it differs from
	// the primary Transit Gateway's and the Direct Connect gateway's (one DX gateway, several gateways).
	TransitGatewayASN int64 `json:"transitGatewayAsn"`
	// TransitGatewayCIDRBlocks are the DR Transit Gateway's CIDR blocks, the outside addresses of its VPNs
	// over Direct Connect. Required with a standby when the primary's mode is directConnectEncrypted,
	// refused in the other modes: /24 or larger, clear of both VPCs, the data centre and the primary's
	// blocks, since a Direct Connect gateway refuses overlapping allowed prefixes across its associations.
	TransitGatewayCIDRBlocks []netip.Prefix `json:"transitGatewayCidrBlocks"`
	// Replica is the database's read replica in the DR region.
	Replica ReplicaSettings `json:"replica"`
	// Files is the file bucket's replication to the DR region.
	Files FilesSettings `json:"files"`
	// Compute sizes the DR cluster: its hosts are at zero in PilotLight, at Compute.Hosts.Min in WarmStandby.
	Compute ComputeSettings `json:"compute"`
	// Protect sets pulumi protect (and deletion protection) on the DR region's stateful resources: the
	// replica, the DR bucket, their keys. Default true; required in prod.
	Protect bool `json:"protect"`
}

// ReplicaSettings size the read replica. Its storage and engine follow the primary's.
type ReplicaSettings struct {
	// InstanceClass is the replica's RDS instance class. Required with a standby; after a promotion it
	// carries the production load, so a class far below the primary's lengthens the recovery.
	InstanceClass string `json:"instanceClass"`
	// LagAlarmSeconds raises the replica-lag alarm when the replica is this far behind: the database's RPO.
	// Default DefaultLagAlarmSeconds.
	LagAlarmSeconds int `json:"lagAlarmSeconds"`
}

// FilesSettings configure the file bucket's cross-region replication.
type FilesSettings struct {
	// TimeControl turns on S3 Replication Time Control: 99.99% of objects replicated within 15 minutes,
	// backed by an SLA, at a charge per GB. Default false (objects usually replicate within minutes, with
	// no bound). Prod sets it: it is the files' RPO.
	TimeControl bool `json:"timeControl"`
	// LatencyAlarmMinutes raises the replication alarm when the replication latency passes it. Default
	// DefaultLatencyAlarmMinutes (Replication Time Control's threshold).
	LatencyAlarmMinutes int `json:"latencyAlarmMinutes"`
}

// ComputeSettings size the DR cluster.
type ComputeSettings struct {
	// Hosts bound the DR cluster's EC2 hosts: Min runs in WarmStandby (at least 1 there), Max is what a
	// failover may scale to. PilotLight runs none.
	Hosts HostSizing `json:"hosts"`
	// TaskCount is every service's minimum and desired task count in WarmStandby. Default 1.
	TaskCount int `json:"taskCount"`
	// CertificateARN is the ACM certificate of the DR load balancer, in Region (ACM certificates are
	// regional). Required in prod, as the primary's is.
	CertificateARN string `json:"certificateArn"`
}

// HostSizing bounds a host count.
type HostSizing struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Defaults of the DR settings.
const (
	// DefaultLagAlarmSeconds is five minutes behind the primary.
	DefaultLagAlarmSeconds = 300
	// DefaultLatencyAlarmMinutes is Replication Time Control's 15 minutes.
	DefaultLatencyAlarmMinutes = 15
	// DefaultTaskCount keeps one task of each service running in a warm standby.
	DefaultTaskCount = 1
)

// DefaultSettings are the settings a stack file starts from: protected, default alarm thresholds.
func DefaultSettings() Settings {
	return Settings{
		Replica: ReplicaSettings{LagAlarmSeconds: DefaultLagAlarmSeconds},
		Files:   FilesSettings{LatencyAlarmMinutes: DefaultLatencyAlarmMinutes},
		Compute: ComputeSettings{TaskCount: DefaultTaskCount},
		Protect: true,
	}
}

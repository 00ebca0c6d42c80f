package data

import (
	"net/netip"
	"slices"

	"github.com/insurance/hybridcloud/data/spec"
)

// DatabaseSettings are the database's own settings (hybridcloud:database).
type DatabaseSettings struct {
	// EngineVersion is the PostgreSQL major version, quoted in the stack file ("16"). Required. It picks
	// the parameter-group family (spec.ParameterGroupFamily), spec.MinPostgresMajor or later. AWS upgrades
	// the minor on its own; a major upgrade is a change of this value, which moves the instance to the new
	// family's parameter group in the same modification.
	EngineVersion string `json:"engineVersion"`
	// InstanceClass is the RDS instance class ("db.t4g.micro" in dev, "db.m7g.large" in prod). Required.
	InstanceClass string `json:"instanceClass"`
	// AllocatedStorageGiB is the initial gp3 storage, MinAllocatedStorageGiB to MaxStorageGiB. Required.
	AllocatedStorageGiB int `json:"allocatedStorage"`
	// MaxAllocatedStorageGiB is the ceiling storage autoscaling may grow to, above AllocatedStorageGiB (equal
	// would turn autoscaling off).
	// Required: a full disk stops the database, autoscaling only bills what is used.
	MaxAllocatedStorageGiB int `json:"maxAllocatedStorage"`
	// MultiAZ keeps a synchronous standby in another AZ. Default true; required in prod. Off halves the
	// instance cost, and the database is down while its AZ is.
	MultiAZ bool `json:"multiAz"`
	// BackupRetentionDays is how long automated backups (point-in-time restore) are kept, 0 to
	// MaxBackupRetentionDays. Default MaxBackupRetentionDays; 0 turns them off and is refused in prod.
	BackupRetentionDays int `json:"backupRetentionDays"`
	// BackupWindow is the daily UTC window automated backups run in ("03:00-04:00"). Required.
	BackupWindow string `json:"backupWindow"`
	// MaintenanceWindow is the weekly UTC window of minor upgrades and patches ("sun:04:30-sun:05:30").
	// Required; keep it clear of BackupWindow.
	MaintenanceWindow string `json:"maintenanceWindow"`
	// Port is the port the instance listens on, MinPort to MaxPort (RDS's range for PostgreSQL). Default
	// DefaultPort: off PostgreSQL's well-known 5432, which scanners probe first (FSBP RDS.23). Changing it
	// restarts the instance, and every client takes the new value from DB_PORT or the databasePort output.
	Port int `json:"port"`
	// DatabaseName is the database created in the instance: a lower-case PostgreSQL identifier. Default
	// DefaultDatabaseName.
	DatabaseName string `json:"databaseName"`
	// LogRetentionDays is how long the exported postgresql and upgrade logs are kept: a CloudWatch Logs
	// retention value. Required.
	LogRetentionDays int `json:"logRetentionDays"`
	// Protect turns on deletion protection, a final snapshot, pulumi protect on the instance and its key,
	// keeps automated backups after deletion and the log groups on destroy. Default true; required in prod.
	// dev turns it off to tear down freely.
	Protect bool `json:"protect"`
}

// Database defaults and the bounds RDS sets.
const (
	// DefaultDatabaseName is the database created when the stack names none.
	DefaultDatabaseName = "app"
	// MaxBackupRetentionDays is RDS's longest automated backup retention, and the default.
	MaxBackupRetentionDays = 35
	// DefaultPort is the port the database listens on when the stack names none; MinPort and MaxPort are
	// RDS's bounds for PostgreSQL (CreateDBInstance, Port: "Valid Values: 1150-65535").
	DefaultPort = 5433
	MinPort     = 1150
	MaxPort     = 65535
	// MinAllocatedStorageGiB and MaxStorageGiB bound gp3 storage.
	MinAllocatedStorageGiB = 20
	MaxStorageGiB          = 65536
)

// DefaultDatabaseSettings are the settings a stack file starts from: Multi-AZ, the longest backup
// retention, a non-default port, protected.
func DefaultDatabaseSettings() DatabaseSettings {
	return DatabaseSettings{
		MultiAZ:             true,
		BackupRetentionDays: MaxBackupRetentionDays,
		DatabaseName:        DefaultDatabaseName,
		Port:                DefaultPort,
		Protect:             true,
	}
}

// FilesSettings are the file bucket's own settings (hybridcloud:fileShare.bucket, and the section's
// protect).
type FilesSettings struct {
	// ArchiveAccessDays moves objects nobody has read for that long to Intelligent-Tiering's Archive Access
	// tier (90 to 730 days); DeepArchiveAccessDays to Deep Archive Access (180 to 730, after
	// ArchiveAccessDays). Default 0: the tier is off. Archived objects cost a fraction to keep but take
	// hours to read back, which an application reading old claims must tolerate. They apply only under the
	// prefixes of the shares that opt in (Share.Archive): an archived object is unreadable through the
	// gateway until restored.
	ArchiveAccessDays     int `json:"archiveAccessDays"`
	DeepArchiveAccessDays int `json:"deepArchiveAccessDays"`
	// NoncurrentVersionDays is how long an overwritten or deleted version is kept: the window to recover
	// from a mistaken overwrite. Required.
	NoncurrentVersionDays int `json:"noncurrentVersionDays"`
	// AccessLogDays is how long the bucket's server access logs are kept. Required.
	AccessLogDays int `json:"accessLogDays"`
	// Protect keeps the bucket, its key and its access logs through a destroy and never empties the
	// bucket. Default true; required in prod. config sets it from hybridcloud:fileShare.protect, which the
	// gateway shares.
	Protect bool `json:"-"`
}

// DefaultFilesSettings are the settings a stack file starts from: protected, no archive tiers.
func DefaultFilesSettings() FilesSettings { return FilesSettings{Protect: true} }

// FileGatewaySettings are the S3 File Gateway's own settings (hybridcloud:fileShare.gateway and .shares,
// and the section's protect).
type FileGatewaySettings struct {
	// Gateway is the appliance: where it runs, how it is activated, its cache disk and maintenance.
	// Required.
	Gateway Appliance `json:"gateway"`
	// Shares are the NFS shares by name: the name is the share's and its mount directory's on premises
	// (lower-case letters, digits, -), and names its resource. Required: at least one.
	Shares map[string]Share `json:"shares"`
	// Protect keeps the activated gateway (and an EC2 gateway's instance) and its logs through a destroy:
	// reactivating a VM means a new key from its console. Default true; required in prod. config sets it
	// from hybridcloud:fileShare.protect, which the file bucket shares.
	Protect bool `json:"-"`
}

// Appliance is the gateway appliance. In spec.GatewayVM mode it is a VM in the data centre, activated by
// exactly one of ActivationKey and IPAddress, its cache disk named by exactly one of CacheDiskPath and
// CacheDiskID. In spec.GatewayEC2 mode the program declares the instance from the pinned AMI, activates it
// by its private address and attaches its cache volume, so the activation settings and CacheDiskPath stay
// unset (spec.ActivationOf, spec.CheckCacheDisk, spec.CheckAMI).
type Appliance struct {
	// Mode is where the gateway runs. Default spec.GatewayVM.
	Mode spec.GatewayMode `json:"mode"`
	// AMI is an EC2 gateway's image (mode ec2 only, required there), pinned so that Amazon publishing a new
	// one never replaces the gateway as a side effect of an unrelated up: the gateway updates its software
	// itself in its maintenance window, so the image matters only at creation. Changing it replaces the
	// instance, a new gateway with a cold cache: a deliberate, documented step (docs/operations.md). The
	// current one: `aws ssm get-parameter --name /aws/service/storagegateway/ami/FILE_S3/latest`.
	AMI string `json:"ami"`
	// InstanceType sizes an EC2 gateway (mode ec2 only). Default DefaultGatewayInstanceType, AWS's
	// minimum for a file gateway; a VM is sized on its host, and config refuses another value for one.
	InstanceType string `json:"instanceType"`
	// CacheDiskGiB sizes an EC2 gateway's cache volume, MinCacheDiskGiB to MaxCacheDiskGiB (mode ec2
	// only). Default MinCacheDiskGiB; a larger cache serves more reads locally.
	CacheDiskGiB int `json:"cacheDiskGiB"`
	// ActivationKey activates a VM without reaching it: a secret, read from the VM's console. Optional.
	ActivationKey string `json:"activationKey" secret:"text"`
	// IPAddress is a VM's on-premises address; without an ActivationKey, `pulumi up` fetches the key from
	// it on port 80 (open it for the activation only). Optional.
	IPAddress netip.Addr `json:"ipAddress"`
	// UseVPCEndpoint activates and connects through the Storage Gateway interface endpoint, so the
	// gateway's traffic stays on the private link (Direct Connect or VPN) instead of the internet. Default
	// false; the endpoint must be in the VPC.
	UseVPCEndpoint bool `json:"useVpcEndpoint"`
	// Timezone is the gateway's time zone ("GMT", "GMT-5:00"), which Maintenance is in. Required.
	Timezone string `json:"timezone"`
	// Maintenance is the weekly start of AWS's software updates. Default Sunday 00:00.
	Maintenance Maintenance `json:"maintenance"`
	// CacheDiskPath is a VM's cache disk device ("/dev/sdb"), found by the gateway's local-disk lookup;
	// CacheDiskID names it as the gateway lists it ("pci-0000:03:00.0-scsi-0:0:1:0"). Exactly one for a VM.
	// The lookup asks the running gateway on every preview and up, which then fail while it or the link is
	// down: it is for the first activation only, after which CacheDiskID takes the id it found (the stack
	// output fileGatewayCacheDiskId; docs/operations.md). An EC2 gateway's volume is found at its device
	// the same way until CacheDiskID is set; CacheDiskPath stays unset there.
	CacheDiskPath string `json:"cacheDiskPath"`
	CacheDiskID   string `json:"cacheDiskId"`
	// LogRetentionDays is how long the gateway's health logs and the shares' audit logs are kept: a
	// CloudWatch Logs retention value. Required.
	LogRetentionDays int `json:"logRetentionDays"`
}

// Maintenance is a weekly start time, in the gateway's time zone.
type Maintenance struct {
	// DayOfWeek is 0 (Sunday) to 6 (Saturday).
	DayOfWeek int `json:"dayOfWeek"`
	// Hour is 0 to 23.
	Hour int `json:"hour"`
}

// EC2 gateway sizes: AWS's minimums for a file gateway (4 vCPUs and 16 GiB, a 150 GiB cache disk), and the
// largest cache volume.
const (
	DefaultGatewayInstanceType = "m5.xlarge"
	MinCacheDiskGiB            = 150
	MaxCacheDiskGiB            = 65536
)

// Share is one NFS share of the gateway, named by its key in FileGatewaySettings.Shares.
type Share struct {
	// Prefix is the bucket prefix the share maps to, ending in / ("claims/"); no two shares' prefixes
	// overlap, or they would overwrite each other's files without either cache knowing. Required.
	Prefix string `json:"prefix"`
	// ClientCIDRs may mount the share: on-premises networks, never 0.0.0.0/0. Required by the component;
	// config defaults it to every on-premises CIDR.
	ClientCIDRs []netip.Prefix `json:"clientCidrs"`
	// CacheRefreshSeconds is how stale the gateway's listing of the bucket may get, 300 to 2592000. Default
	// 0: never refreshed automatically, right for a share only the data centre writes.
	CacheRefreshSeconds int `json:"cacheRefreshSeconds"`
	// Archive lets the bucket's Intelligent-Tiering archive tiers take this share's old files. Default
	// false: a file in Archive or Deep Archive Access cannot be read through the gateway (the NFS read
	// fails) until it is restored (docs/data.md, "Archived files").
	Archive bool `json:"archive"`
}

// DefaultFileGatewaySettings are the settings a stack file starts from: a VM, protected; an EC2 gateway's
// sizes are AWS's minimums.
func DefaultFileGatewaySettings() FileGatewaySettings {
	return FileGatewaySettings{
		Gateway: Appliance{Mode: spec.GatewayVM, InstanceType: DefaultGatewayInstanceType, CacheDiskGiB: MinCacheDiskGiB},
		Protect: true,
	}
}

// BackupSettings are AWS Backup's own settings (hybridcloud:backup).
type BackupSettings struct {
	// DRRegion is the region of the DR vault, which copies of the recovery points go to: where the Backup's
	// DRProvider points (platform declares that provider from it). Required; not the stack's own region,
	// since a copy there does not survive the region. Config sets it from hybridcloud:dr.region, the one
	// place the DR region is named.
	DRRegion string `json:"-"`
	// Rules are the scheduled backups by name (letters, digits, _ . -). Required: at least one. The plan
	// lists them by retention, then name.
	Rules map[string]BackupRule `json:"rules"`
	// ContinuousRetentionDays keeps point-in-time recovery for RDS and S3, 1 to 35 days, as one more rule
	// of the plan. Default 0: off. It costs a continuous copy of every change.
	ContinuousRetentionDays int `json:"continuousRetentionDays"`
	// VaultLock makes recovery points undeletable within its retention bounds, in both vaults. Optional:
	// nil leaves the vaults unlocked, so dev backups can be cleaned up.
	VaultLock *VaultLock `json:"vaultLock"`
	// VaultAccount, when set, receives a copy of every scheduled recovery point in a vault of a separate
	// backup account, so that no one in the stack's account, however privileged, can destroy every copy.
	// Optional: nil keeps the copies in this account.
	VaultAccount *VaultAccount `json:"vaultAccount"`
	// Protect keeps the vaults and their keys through a destroy and never force-destroys a vault with
	// recovery points in it. Default true; required in prod.
	Protect bool `json:"protect"`
}

// VaultAccount is the separate backup account (hybridcloud:backup.vaultAccount). Its vault is in the stack's
// region, not the DR region: AWS Backup copies RDS snapshots either across accounts or across regions, never
// both in one copy (AWS Backup developer guide, "Copy a backup"), so the DR vault keeps the regional copy and
// this one the account-level copy. Both accounts must be in one AWS Organization with cross-account backup
// turned on in its management account (docs/security.md).
type VaultAccount struct {
	// AccountID is the backup account's 12-digit id. Required; not the stack's own account.
	AccountID string `json:"accountId"`
	// RoleARN is the role of that account the deployment assumes to declare the vault and its key there.
	// Required.
	RoleARN string `json:"roleArn"`
	// KeyAdministrators administer the vault's key in that account beside RoleARN, which always does, or the
	// next deployment could not update the key. Optional.
	KeyAdministrators []string `json:"keyAdministrators"`
	// BreakGlassRole is the only role of that account that may delete a recovery point, change the vault's
	// policy or lock, or destroy its key. Required in prod.
	BreakGlassRole string `json:"breakGlassRole"`
}

// Administrators are the vault key's administrators: the deploying role, then the configured ones.
func (a VaultAccount) Administrators() []string {
	out := []string{a.RoleARN}
	for _, r := range a.KeyAdministrators {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// CopiesToDR reports whether a rule copies to the DR region: only then is there a DR vault to copy into.
func (s BackupSettings) CopiesToDR() bool {
	for _, r := range s.Rules {
		if r.CopyToDR {
			return true
		}
	}
	return false
}

// DefaultBackupSettings are the settings a stack file starts from: protected, no continuous backup, no
// vault lock.
func DefaultBackupSettings() BackupSettings { return BackupSettings{Protect: true} }

// BackupRule is one scheduled backup, named by its key in BackupSettings.Rules.
type BackupRule struct {
	// Schedule is the AWS cron expression the rule runs on, in UTC ("cron(0 5 * * ? *)"). Required.
	Schedule string `json:"schedule"`
	// RetentionDays is when a recovery point is deleted. Required: at least 1, and within the vault lock's
	// bounds when there is one.
	RetentionDays int `json:"retentionDays"`
	// ColdStorageAfterDays moves recovery points of the resource types that support it to cold storage
	// (RDS and S3 do not, and stay warm). Default 0: never. Cold storage is cheaper but keeps a point
	// spec.MinDaysInColdStorage days, so RetentionDays must be that much later (spec.CheckColdStorage).
	ColdStorageAfterDays int `json:"coldStorageAfterDays"`
	// CopyToDR copies each recovery point to the DR vault, kept as long as the original. Default false;
	// prod copies every rule, so a lost region loses no backup.
	CopyToDR bool `json:"copyToDr"`
}

// VaultLock bounds the retention of every recovery point in a vault: AWS refuses a rule or a deletion
// outside them.
type VaultLock struct {
	// MinRetentionDays and MaxRetentionDays bound every rule's retention, and the continuous backup's.
	// Required: 1 <= MinRetentionDays <= MaxRetentionDays.
	MinRetentionDays int `json:"minRetentionDays"`
	MaxRetentionDays int `json:"maxRetentionDays"`
	// ChangeableForDays is the grace period after which the lock can no longer be removed, even by the root
	// account (compliance mode): a deliberate, irreversible choice, 3 days or more. Default 0: governance
	// mode, removable by administrators.
	ChangeableForDays int `json:"changeableForDays"`
}

package config

import (
	"github.com/insurance/hybridcloud/network"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// FileShare is the validated hybridcloud:fileShare section: the file bucket and the S3 File Gateway whose
// NFS shares fill it from the data centre.
type FileShare struct {
	// Bucket is the file bucket's lifecycle.
	Bucket FileBucket
	// Gateway is the on-premises gateway appliance.
	Gateway FileGateway
	// Shares are the NFS shares, one prefix of the bucket each.
	Shares []Share
	// Protect keeps the bucket (and its key) through a destroy; required in prod.
	Protect bool
}

// FileBucket is the lifecycle of the file bucket.
type FileBucket struct {
	// ArchiveAccessDays and DeepArchiveAccessDays move objects nobody reads to Intelligent-Tiering's archive
	// tiers (0 leaves a tier off).
	ArchiveAccessDays, DeepArchiveAccessDays int
	// NoncurrentVersionDays is how long an overwritten or deleted version is kept.
	NoncurrentVersionDays int
	// AccessLogDays is how long the bucket's server access logs are kept.
	AccessLogDays int
}

// FileGateway is the S3 File Gateway. In mode vm it is a VM in the data centre and exactly one of
// ActivationKey and IPAddress is set; in mode ec2 it runs in AWS and is activated by its private address.
type FileGateway struct {
	// Mode is GatewayVM or GatewayEC2.
	Mode GatewayMode
	// InstanceType and CacheDiskGiB size the EC2 gateway (mode ec2 only).
	InstanceType string
	CacheDiskGiB int
	// ActivationKey activates the gateway without reaching it (a secret: it is obtained from the VM's console).
	ActivationKey string
	// IPAddress is the VM's address; with no ActivationKey, `pulumi up` fetches the key from it on port 80.
	IPAddress netip.Addr
	// UseVpcEndpoint activates and connects through the Storage Gateway interface endpoint, so the gateway's
	// traffic stays on the private link (Direct Connect or VPN) instead of the internet.
	UseVpcEndpoint bool
	// Timezone is the gateway's time zone ("GMT-5:00"); MaintenanceDayOfWeek (0 = Sunday) and
	// MaintenanceHour are its weekly maintenance start, in that zone.
	Timezone                              string
	MaintenanceDayOfWeek, MaintenanceHour int
	// CacheDiskPath is the VM's cache disk device ("/dev/sdb"), or CacheDiskID its id as the gateway lists it
	// ("pci-0000:03:00.0-scsi-0:0:1:0"): exactly one, mode vm only.
	CacheDiskPath, CacheDiskID string
	// LogRetentionDays is how long the gateway's and the shares' audit logs are kept.
	LogRetentionDays int
}

// Share is one NFS share.
type Share struct {
	// Name is the share's name, also its mount directory on premises.
	Name string
	// Prefix is the bucket prefix the share maps to ("claims/").
	Prefix string
	// ClientCIDRs may mount the share: on-premises networks only.
	ClientCIDRs []netip.Prefix
	// CacheRefreshSeconds is how stale the gateway's listing of the bucket may get (0: never refreshed
	// automatically, for shares only the data centre writes).
	CacheRefreshSeconds int
}

type fileShareInput struct {
	Bucket struct {
		ArchiveAccessDays     int `json:"archiveAccessDays"`
		DeepArchiveAccessDays int `json:"deepArchiveAccessDays"`
		NoncurrentVersionDays int `json:"noncurrentVersionDays"`
		AccessLogDays         int `json:"accessLogDays"`
	} `json:"bucket"`
	Gateway gatewayInput `json:"gateway"`
	Shares  []struct {
		Name                string   `json:"name"`
		Prefix              string   `json:"prefix"`
		ClientCIDRs         []string `json:"clientCidrs"`
		CacheRefreshSeconds int      `json:"cacheRefreshSeconds"`
	} `json:"shares"`
	Protect *bool `json:"protect"`
}

// GatewayMode says where the File Gateway runs.
type GatewayMode string

// Gateway modes.
const (
	// GatewayVM is a VM in the data centre, next to the NFS clients: the default.
	GatewayVM GatewayMode = "vm"
	// GatewayEC2 runs the gateway from Amazon's AMI in a private subnet, for teams without a VM yet; NFS
	// traffic then crosses the hybrid link.
	GatewayEC2 GatewayMode = "ec2"
)

// EC2 gateway sizing: AWS's minimums for a file gateway (4 vCPUs, 16 GiB; a 150 GiB cache disk).
const (
	defaultGatewayInstanceType = "m5.xlarge"
	minCacheDiskGiB            = 150
	maxCacheDiskGiB            = 65536
)

type gatewayInput struct {
	Mode           GatewayMode `json:"mode"`
	InstanceType   string      `json:"instanceType"`
	CacheDiskGiB   int         `json:"cacheDiskGiB"`
	ActivationKey  string      `json:"activationKey"`
	IPAddress      string      `json:"ipAddress"`
	UseVpcEndpoint bool        `json:"useVpcEndpoint"`
	Timezone       string      `json:"timezone"`
	Maintenance    struct {
		DayOfWeek int `json:"dayOfWeek"`
		Hour      int `json:"hour"`
	} `json:"maintenance"`
	CacheDiskPath    string `json:"cacheDiskPath"`
	CacheDiskID      string `json:"cacheDiskId"`
	LogRetentionDays int    `json:"logRetentionDays"`
}

// Limits AWS sets on these values.
const (
	minArchiveAccessDays     = 90  // Intelligent-Tiering Archive Access tier
	minDeepArchiveAccessDays = 180 // Intelligent-Tiering Deep Archive Access tier
	maxArchiveDays           = 730
	minCacheRefreshSeconds   = 300
	maxCacheRefreshSeconds   = 2592000
)

var (
	timezonePattern  = regexp.MustCompile(`^GMT([+-]([1-9]|1[0-2]):(00|30))?$`)
	shareNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	prefixPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9._/-]*/$`)
	diskPathPattern  = regexp.MustCompile(`^/dev/[a-z0-9]+$`)
	diskIDPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:._/-]{0,299}$`)
)

func (p *parser) fileShare(in fileShareInput, onPrem []netip.Prefix, env Environment) FileShare {
	key := p.key("fileShare")
	out := FileShare{Protect: p.protectInput(key+".protect", in.Protect, env)}

	b := in.Bucket
	out.Bucket = FileBucket{ArchiveAccessDays: b.ArchiveAccessDays, DeepArchiveAccessDays: b.DeepArchiveAccessDays,
		NoncurrentVersionDays: b.NoncurrentVersionDays, AccessLogDays: b.AccessLogDays}
	if b.ArchiveAccessDays != 0 && (b.ArchiveAccessDays < minArchiveAccessDays || b.ArchiveAccessDays > maxArchiveDays) {
		p.fail(key+".bucket.archiveAccessDays", "%d is outside %d-%d days (0 turns the tier off)", b.ArchiveAccessDays, minArchiveAccessDays, maxArchiveDays)
	}
	if b.DeepArchiveAccessDays != 0 && (b.DeepArchiveAccessDays < minDeepArchiveAccessDays || b.DeepArchiveAccessDays > maxArchiveDays) {
		p.fail(key+".bucket.deepArchiveAccessDays", "%d is outside %d-%d days (0 turns the tier off)", b.DeepArchiveAccessDays, minDeepArchiveAccessDays, maxArchiveDays)
	}
	if b.ArchiveAccessDays != 0 && b.DeepArchiveAccessDays != 0 && b.DeepArchiveAccessDays <= b.ArchiveAccessDays {
		p.fail(key+".bucket.deepArchiveAccessDays", "%d must be later than archiveAccessDays (%d)", b.DeepArchiveAccessDays, b.ArchiveAccessDays)
	}
	if b.NoncurrentVersionDays < 1 {
		p.fail(key+".bucket.noncurrentVersionDays", "required: at least 1 day")
	}
	if b.AccessLogDays < 1 {
		p.fail(key+".bucket.accessLogDays", "required: at least 1 day")
	}

	out.Gateway = p.fileGateway(key+".gateway", in, onPrem)

	if len(in.Shares) == 0 {
		p.fail(key+".shares", "required: at least one share")
	}
	for i, s := range in.Shares {
		out.Shares = append(out.Shares, p.share(indexed(key+".shares", i), s.Name, s.Prefix, s.ClientCIDRs, s.CacheRefreshSeconds, onPrem, out.Shares))
	}
	return out
}

func (p *parser) fileGateway(key string, in fileShareInput, onPrem []netip.Prefix) FileGateway {
	g := in.Gateway
	out := FileGateway{Mode: g.Mode, ActivationKey: g.ActivationKey, UseVpcEndpoint: g.UseVpcEndpoint, Timezone: g.Timezone,
		MaintenanceDayOfWeek: g.Maintenance.DayOfWeek, MaintenanceHour: g.Maintenance.Hour,
		CacheDiskPath: g.CacheDiskPath, CacheDiskID: g.CacheDiskID, LogRetentionDays: g.LogRetentionDays}
	if out.Mode == "" {
		out.Mode = GatewayVM
	}
	switch out.Mode {
	case GatewayVM:
		p.vmGateway(key, g, onPrem, &out)
	case GatewayEC2:
		p.ec2Gateway(key, g, &out)
	default:
		p.fail(key+".mode", "%q is not a gateway mode (want %q or %q)", g.Mode, GatewayVM, GatewayEC2)
	}
	if !timezonePattern.MatchString(g.Timezone) {
		p.fail(key+".timezone", "%q is not a gateway time zone (GMT, GMT-5:00, GMT+5:30)", g.Timezone)
	}
	if g.Maintenance.DayOfWeek < 0 || g.Maintenance.DayOfWeek > 6 {
		p.fail(key+".maintenance.dayOfWeek", "%d is not a day (0 = Sunday to 6 = Saturday)", g.Maintenance.DayOfWeek)
	}
	if g.Maintenance.Hour < 0 || g.Maintenance.Hour > 23 {
		p.fail(key+".maintenance.hour", "%d is not an hour (0-23)", g.Maintenance.Hour)
	}
	p.retention(key+".logRetentionDays", g.LogRetentionDays)
	return out
}

// vmGateway checks a gateway VM in the data centre: activated by key or by its address, never both, with
// its cache disk named by device path.
func (p *parser) vmGateway(key string, g gatewayInput, onPrem []netip.Prefix, out *FileGateway) {
	if g.InstanceType != "" || g.CacheDiskGiB != 0 {
		p.fail(key, "instanceType and cacheDiskGiB size an EC2 gateway (mode ec2); a VM is sized on its host")
	}
	switch {
	case g.CacheDiskPath != "" && g.CacheDiskID != "":
		p.fail(key, "set cacheDiskPath or cacheDiskId, not both: they name the same disk")
	case g.CacheDiskID != "":
		if !diskIDPattern.MatchString(g.CacheDiskID) {
			p.fail(key+".cacheDiskId", "%q is not a disk id as the gateway lists it (like pci-0000:03:00.0-scsi-0:0:1:0)", g.CacheDiskID)
		}
	case !diskPathPattern.MatchString(g.CacheDiskPath):
		p.fail(key+".cacheDiskPath", "%q is not a device path (like /dev/sdb); or set cacheDiskId", g.CacheDiskPath)
	}
	switch {
	case g.ActivationKey != "" && g.IPAddress != "":
		p.fail(key, "set activationKey or ipAddress, not both: AWS accepts one way to activate")
	case g.ActivationKey == "" && g.IPAddress == "":
		p.fail(key, "set activationKey (from the gateway VM's console) or ipAddress (to fetch it on port 80)")
	case g.IPAddress != "":
		addr, err := netip.ParseAddr(g.IPAddress)
		switch {
		case err != nil || !addr.Is4():
			p.fail(key+".ipAddress", "%q is not an IPv4 address", g.IPAddress)
		case !containsAddr(onPrem, addr):
			p.fail(key+".ipAddress", "%s is outside the on-premises cidrs: the gateway VM runs in the data centre", addr)
		default:
			out.IPAddress = addr
		}
	}
}

// ec2Gateway checks a gateway in AWS: the program activates it by its private address and attaches its
// cache volume, so neither an activation key, an address nor a disk path is configured.
func (p *parser) ec2Gateway(key string, g gatewayInput, out *FileGateway) {
	if g.ActivationKey != "" || g.IPAddress != "" || g.CacheDiskPath != "" || g.CacheDiskID != "" {
		p.fail(key, "mode ec2 activates the instance by its private address and attaches its cache disk: leave activationKey, ipAddress, cacheDiskPath and cacheDiskId unset")
	}
	out.InstanceType, out.CacheDiskGiB = g.InstanceType, g.CacheDiskGiB
	if out.InstanceType == "" {
		out.InstanceType = defaultGatewayInstanceType
	}
	if out.CacheDiskGiB == 0 {
		out.CacheDiskGiB = minCacheDiskGiB
	}
	if out.CacheDiskGiB < minCacheDiskGiB || out.CacheDiskGiB > maxCacheDiskGiB {
		p.fail(key+".cacheDiskGiB", "%d is outside %d-%d GiB", out.CacheDiskGiB, minCacheDiskGiB, maxCacheDiskGiB)
	}
}

func (p *parser) share(key, name, prefix string, cidrs []string, refresh int, onPrem []netip.Prefix, earlier []Share) Share {
	out := Share{Name: name, Prefix: prefix, CacheRefreshSeconds: refresh}
	if !shareNamePattern.MatchString(name) {
		p.fail(key+".name", "%q is not a share name (lower-case letters, digits, -)", name)
	}
	if !prefixPattern.MatchString(prefix) {
		p.fail(key+".prefix", "%q is not a bucket prefix ending in / (like claims/)", prefix)
	}
	for j, other := range earlier {
		if other.Name == name {
			p.fail(key+".name", "%q is also the name of shares[%d]", name, j)
		}
		// Two shares writing one prefix would overwrite each other's files without either cache knowing.
		if strings.HasPrefix(prefix, other.Prefix) || strings.HasPrefix(other.Prefix, prefix) {
			p.fail(key+".prefix", "%q overlaps %q (shares[%d])", prefix, other.Prefix, j)
		}
	}
	if refresh != 0 && (refresh < minCacheRefreshSeconds || refresh > maxCacheRefreshSeconds) {
		p.fail(key+".cacheRefreshSeconds", "%d is outside %d-%d (0 turns automatic refresh off)", refresh, minCacheRefreshSeconds, maxCacheRefreshSeconds)
	}
	if len(cidrs) == 0 {
		out.ClientCIDRs = onPrem
		return out
	}
	for i, s := range cidrs {
		ck := indexed(key+".clientCidrs", i)
		prefix, ok := p.cidr(ck, s)
		switch {
		case !ok:
		case prefix.Bits() == 0:
			p.fail(ck, "%s would let any host mount the share; list on-premises networks", prefix)
		case !within(prefix, onPrem):
			p.fail(ck, "%s is outside the on-premises cidrs", prefix)
		default:
			out.ClientCIDRs = append(out.ClientCIDRs, prefix)
		}
	}
	return out
}

// checkGatewayEndpoint makes sure a gateway told to use the VPC endpoint has one to use.
func (p *parser) checkGatewayEndpoint(c *Config) {
	if c.FileShare.Gateway.UseVpcEndpoint && !slices.Contains(c.Network.Endpoints, network.StorageGatewayEndpoint) {
		p.fail(p.key("fileShare")+".gateway.useVpcEndpoint", "needs %q in hybridcloud:network.endpoints", network.StorageGatewayEndpoint)
	}
}

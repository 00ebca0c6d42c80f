package config

import (
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/network"
)

// fileShare is hybridcloud:fileShare, one section for two components: its bucket object is the file
// bucket's settings, its gateway and shares the File Gateway's, and its protect covers both (a bucket
// without its gateway, or the reverse, is no use to keep).
type fileShare struct {
	Bucket data.FilesSettings `json:"bucket"`
	data.FileGatewaySettings
	// Protect is hybridcloud:fileShare.protect: default true, required in prod.
	Protect bool `json:"protect"`
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

// fileShare reads hybridcloud:fileShare into the file bucket's and the File Gateway's settings. Shares
// without clientCidrs get every on-premises network.
func (p *parser) fileShare(raw []byte, onPrem []netip.Prefix, env Environment) (data.FilesSettings, data.FileGatewaySettings) {
	key := p.key("fileShare")
	s := fileShare{Bucket: data.DefaultFilesSettings(), FileGatewaySettings: data.DefaultFileGatewaySettings(), Protect: true}
	p.decode(key, raw, &s)
	p.protect(key+".protect", s.Protect, env)
	s.Bucket.Protect, s.FileGatewaySettings.Protect = s.Protect, s.Protect

	p.fileBucket(key+".bucket", s.Bucket)
	p.appliance(key+".gateway", &s.Gateway, onPrem)
	if len(s.Shares) == 0 {
		p.fail(key+".shares", "required: at least one share")
	}
	names := slices.Sorted(maps.Keys(s.Shares))
	for i, name := range names {
		s.Shares[name] = p.share(key+".shares", name, s.Shares[name], names[:i], s.Shares, onPrem)
	}
	return s.Bucket, s.FileGatewaySettings
}

func (p *parser) fileBucket(key string, b data.FilesSettings) {
	if b.ArchiveAccessDays != 0 && (b.ArchiveAccessDays < minArchiveAccessDays || b.ArchiveAccessDays > maxArchiveDays) {
		p.fail(key+".archiveAccessDays", "%d is outside %d-%d days (0 turns the tier off)", b.ArchiveAccessDays, minArchiveAccessDays, maxArchiveDays)
	}
	if b.DeepArchiveAccessDays != 0 && (b.DeepArchiveAccessDays < minDeepArchiveAccessDays || b.DeepArchiveAccessDays > maxArchiveDays) {
		p.fail(key+".deepArchiveAccessDays", "%d is outside %d-%d days (0 turns the tier off)", b.DeepArchiveAccessDays, minDeepArchiveAccessDays, maxArchiveDays)
	}
	if b.ArchiveAccessDays != 0 && b.DeepArchiveAccessDays != 0 && b.DeepArchiveAccessDays <= b.ArchiveAccessDays {
		p.fail(key+".deepArchiveAccessDays", "%d must be later than archiveAccessDays (%d)", b.DeepArchiveAccessDays, b.ArchiveAccessDays)
	}
	if b.NoncurrentVersionDays < 1 {
		p.fail(key+".noncurrentVersionDays", "required: at least 1 day")
	}
	if b.AccessLogDays < 1 {
		p.fail(key+".accessLogDays", "required: at least 1 day")
	}
}

// appliance checks the gateway: its mode, how it is activated and names its cache disk (the rules
// spec.ActivationOf and spec.CheckCacheDisk, which the component applies too), and the rest.
func (p *parser) appliance(key string, g *data.Appliance, onPrem []netip.Prefix) {
	switch g.Mode {
	case spec.GatewayVM:
		if def := data.DefaultFileGatewaySettings().Gateway; g.InstanceType != def.InstanceType || g.CacheDiskGiB != def.CacheDiskGiB {
			p.fail(key, "instanceType and cacheDiskGiB size an EC2 gateway (mode ec2); a VM is sized on its host")
		}
	case spec.GatewayEC2:
		if g.CacheDiskGiB < data.MinCacheDiskGiB || g.CacheDiskGiB > data.MaxCacheDiskGiB {
			p.fail(key+".cacheDiskGiB", "%d is outside %d-%d GiB", g.CacheDiskGiB, data.MinCacheDiskGiB, data.MaxCacheDiskGiB)
		}
	default:
		p.fail(key+".mode", "%v", g.Mode.Check())
	}
	if g.Mode.Check() == nil { // with an unknown mode, these would repeat the error above
		if _, err := spec.ActivationOf(g.Mode, g.ActivationKey != "", g.IPAddress.IsValid()); err != nil {
			p.fail(key, "%v", err)
		}
		if err := spec.CheckCacheDisk(g.Mode, g.CacheDiskPath != "", g.CacheDiskID != ""); err != nil {
			p.fail(key, "%v", err)
		}
		if err := spec.CheckAMI(g.Mode, g.AMI != ""); err != nil {
			p.fail(key+".ami", "%v", err)
		}
	}
	if g.AMI != "" && !amiPattern.MatchString(g.AMI) {
		p.fail(key+".ami", "%q is not an AMI id (ami- and 8 or 17 hex digits)", g.AMI)
	}
	if g.Mode.Check() == nil && g.CacheDiskID == "" {
		// The lookup is for the first activation: after it, every preview and up would need the gateway.
		p.warn(key+".cacheDiskId", "unset, so every preview and up asks the gateway for its cache disk and fails while the gateway or the link is down; after the first activation set it to the stack output fileGatewayCacheDiskId (and drop cacheDiskPath): pulumi config set --path 'hybridcloud:fileShare.gateway.cacheDiskId' \"$(pulumi stack output fileGatewayCacheDiskId)\"")
	}
	if g.CacheDiskPath != "" && !diskPathPattern.MatchString(g.CacheDiskPath) {
		p.fail(key+".cacheDiskPath", "%q is not a device path (like /dev/sdb); or set cacheDiskId", g.CacheDiskPath)
	}
	if g.CacheDiskID != "" && !diskIDPattern.MatchString(g.CacheDiskID) {
		p.fail(key+".cacheDiskId", "%q is not a disk id as the gateway lists it (like pci-0000:03:00.0-scsi-0:0:1:0)", g.CacheDiskID)
	}
	if addr := g.IPAddress; addr.IsValid() {
		switch {
		case !addr.Is4():
			p.fail(key+".ipAddress", "%s is not an IPv4 address", addr)
		case !containsAddr(onPrem, addr):
			p.fail(key+".ipAddress", "%s is outside the on-premises cidrs: the gateway VM runs in the data centre", addr)
		}
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
}

// share checks the share called name (under key, the shares' key) against the shares named before it in
// sorted order, and fills its clients with onPrem when it lists none.
func (p *parser) share(key, name string, s data.Share, earlier []string, all map[string]data.Share, onPrem []netip.Prefix) data.Share {
	key += "." + name
	if !shareNamePattern.MatchString(name) {
		p.fail(key, "%q is not a share name (lower-case letters, digits, -)", name)
	}
	if !prefixPattern.MatchString(s.Prefix) {
		p.fail(key+".prefix", "%q is not a bucket prefix ending in / (like claims/)", s.Prefix)
	}
	for _, other := range earlier {
		// Two shares writing one prefix would overwrite each other's files without either cache knowing.
		if o := all[other].Prefix; strings.HasPrefix(s.Prefix, o) || strings.HasPrefix(o, s.Prefix) {
			p.fail(key+".prefix", "%q overlaps %q (shares.%s)", s.Prefix, o, other)
		}
	}
	if r := s.CacheRefreshSeconds; r != 0 && (r < minCacheRefreshSeconds || r > maxCacheRefreshSeconds) {
		p.fail(key+".cacheRefreshSeconds", "%d is outside %d-%d (0 turns automatic refresh off)", r, minCacheRefreshSeconds, maxCacheRefreshSeconds)
	}
	if len(s.ClientCIDRs) == 0 {
		s.ClientCIDRs = onPrem
		return s
	}
	for i, c := range s.ClientCIDRs {
		ck := indexed(key+".clientCidrs", i)
		switch {
		case !p.canonical(ck, c):
		case c.Bits() == 0:
			p.fail(ck, "%s would let any host mount the share; list on-premises networks", c)
		case !within(c, onPrem):
			p.fail(ck, "%s is outside the on-premises cidrs", c)
		}
	}
	return s
}

// checkGatewayEndpoint makes sure a gateway told to use the VPC endpoints has them: Storage Gateway's for
// control, S3's interface endpoint for the shares' data (a gateway endpoint serves nothing on premises).
func (p *parser) checkGatewayEndpoint(c *Config) {
	if !c.FileGateway.Gateway.UseVPCEndpoint {
		return
	}
	for _, e := range []string{network.StorageGatewayEndpoint, network.S3Endpoint} {
		if !slices.Contains(c.Network.Endpoints, e) {
			p.fail(p.key("fileShare")+".gateway.useVpcEndpoint", "needs %q in hybridcloud:network.endpoints", e)
		}
	}
}

package config

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/foundation"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/awsfacts"
	"github.com/insurance/hybridcloud/internal/report/cost"
	"github.com/insurance/hybridcloud/network"
)

// Environment is the kind of stack: it decides which safeguards are mandatory.
type Environment string

const (
	// Dev trades availability for cost and may relax deletion safeguards explicitly.
	Dev Environment = "dev"
	// Prod requires every safeguard: per-AZ NAT, deletion protection, protected state.
	Prod Environment = "prod"
)

// Reserved tag keys the program always sets; config may not override them.
const (
	TagEnvironment = "Environment"
	TagProject     = "Project"
	TagManagedBy   = "ManagedBy"
)

// Config is the whole validated stack configuration.
type Config struct {
	// Warnings are what the configuration allows but should not do (a secret in plain text in dev, say):
	// the program logs each, and the offline plan prints them.
	Warnings []string
	// Project is the Pulumi project, also the config namespace.
	Project string
	// Stack is the stack name.
	Stack string
	// Environment is dev or prod.
	Environment Environment
	// Region is the AWS region every resource is created in (aws:region).
	Region string
	// Tags are applied to every resource by the provider; they include the reserved tags.
	Tags map[string]string
	// Foundation is what is stack-wide: the operations topic's subscribers, the logs key's protection
	// (hybridcloud:foundation).
	Foundation foundation.Settings
	// Network is the VPC (hybridcloud:network).
	Network network.VPCSettings
	// OnPremises describes the data centre.
	OnPremises OnPremises
	// Database is the RDS PostgreSQL instance (hybridcloud:database).
	Database data.DatabaseSettings
	// Files is the file bucket (hybridcloud:fileShare.bucket and .protect).
	Files data.FilesSettings
	// FileGateway is the S3 File Gateway that fills the bucket and its NFS shares (hybridcloud:fileShare
	// .gateway, .shares and .protect).
	FileGateway data.FileGatewaySettings
	// Backup is AWS Backup over the data (hybridcloud:backup).
	Backup data.BackupSettings
	// Management is Systems Manager over the servers on both sides (hybridcloud:management): the
	// Management component's settings.
	Management Management
	// Usage holds the monthly usage figures the cost report assumes (hybridcloud:usage, optional).
	Usage cost.Usage
	// Connectivity is the connectivity to the data centre and its alarms, DNS is hybrid DNS: both from
	// hybridcloud:hybrid (DNS from its dns key).
	Connectivity hybrid.ConnectivitySettings
	DNS          hybrid.DNSSettings
	// Cluster is the ECS cluster: its hosts, load balancer and ECS Anywhere (hybridcloud:compute).
	Cluster compute.ClusterSettings
	// Services are the containerised applications on the cluster and their repositories (the services and
	// ecr keys of hybridcloud:compute).
	Services compute.ServicesSettings
	// DR is the disaster-recovery region and strategy (hybridcloud:dr); Backup copies there too.
	DR DR
}

// IsProd reports whether prod's safeguards apply.
func (c *Config) IsProd() bool { return c.Environment == Prod }

// Lookup returns the raw value of a fully qualified config key ("hybridcloud:network").
type Lookup func(key string) (string, bool)

// parseFor parses for a kind of run.
func parseFor(project, stack string, src Source, r run) (*Config, error) {
	facts, err := awsfacts.Load()
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	p := parser{project: project, lookup: src.Get, isSecret: src.IsSecret, run: r, facts: facts}
	c := &Config{Project: project, Stack: stack}
	p.stackName(stack)
	p.checkKeys(src.Keys)

	c.Region = p.requireString("aws:region")
	if c.Region != "" {
		p.fact("aws:region", facts.Region(c.Region))
	}
	env := p.requireString(p.key("environment"))
	switch Environment(env) {
	case Dev, Prod:
		c.Environment = Environment(env)
		p.env = c.Environment
	case "":
	default:
		p.fail(p.key("environment"), "%q is not an environment (want %q or %q)", env, Dev, Prod)
	}

	var extraTags map[string]string
	if raw, ok := p.section("tags", false); ok {
		p.decode(p.key("tags"), raw, &extraTags)
	}
	c.Tags = p.tags(extraTags, c.Environment)

	if raw, ok := p.section("foundation", true); ok {
		c.Foundation = p.foundation(raw, c.Environment)
	}
	if raw, ok := p.section("network", true); ok {
		c.Network = p.network(raw, c.Region, c.Environment)
	}
	if raw, ok := p.section("onPremises", true); ok {
		c.OnPremises = p.onPremises(raw)
	}
	if raw, ok := p.section("database", true); ok {
		c.Database = p.database(raw, c.Environment)
	}
	if raw, ok := p.section("fileShare", true); ok {
		c.Files, c.FileGateway = p.fileShare(raw, c.OnPremises.CIDRs, c.Environment)
	}
	c.Usage = p.usage()
	if raw, ok := p.section("hybrid", true); ok {
		c.Connectivity, c.DNS = p.hybrid(raw, c)
	}
	if raw, ok := p.section("management", true); ok {
		c.Management = p.management(raw, c.Environment)
	}
	if raw, ok := p.section("compute", true); ok {
		c.Cluster, c.Services = p.compute(raw, c.Environment, c.Management)
	}
	if raw, ok := p.section("dr", true); ok {
		c.DR = p.dr(raw, c)
	}
	if raw, ok := p.section("backup", true); ok {
		c.Backup = p.backup(raw, c.DR.Region, c.Environment, c.Foundation)
	}
	p.checkOverlaps(c)
	p.checkBackupStarts(c)
	p.checkGatewayEndpoint(c)

	if err := errors.Join(p.errs...); err != nil {
		return nil, fmt.Errorf("config: invalid stack configuration:\n%w", err)
	}
	c.Warnings = p.warnings
	return c, nil
}

// parser collects every validation error instead of stopping at the first.
type parser struct {
	project  string
	lookup   Lookup
	isSecret func(key string) bool
	run
	// env is the stack's environment once read: secrets in plain text are refused in prod, warned of in dev.
	env Environment
	// facts are what AWS offers (regions, zones, versions, types), dated, for checks that need them.
	facts    *awsfacts.Catalogue
	errs     []error
	warnings []string
	// undecoded are the keys whose value could not be decoded; checks on them, or inside them, would only
	// repeat that error in other words, so fail drops them.
	undecoded []string
}

// key qualifies a project key with the project namespace.
func (p *parser) key(name string) string { return p.project + ":" + name }

// warn records something the stack may deploy but should not, for the program to log (dev's relaxations).
func (p *parser) warn(key, format string, args ...any) {
	p.warnings = append(p.warnings, fmt.Sprintf("%s: %s", key, fmt.Sprintf(format, args...)))
}

// fact checks a fact about AWS: one the catalogue knows to be false fails key; one it does not know is only
// warned of, so a new region or version never blocks a deployment.
func (p *parser) fact(key string, err error) {
	switch {
	case err == nil:
	case errors.Is(err, awsfacts.ErrNotCatalogued):
		p.warn(key, "%v; AWS will say", err)
	default:
		p.fail(key, "%v", err)
	}
}

// stackNamePattern is what every name derived from the stack allows: RDS identifiers and load balancer
// names take lower-case letters, digits and hyphens only. Names that must fit a length (a load balancer's
// 32 characters) are checked by the component that builds them, with the name in the message.
var stackNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,15}$`)

// stackName checks the stack's name, which prefixes every resource name.
func (p *parser) stackName(stack string) {
	if !stackNamePattern.MatchString(stack) || strings.HasSuffix(stack, "-") || strings.Contains(stack, "--") {
		p.fail("stack name "+strconv.Quote(stack), "want 1-16 lower-case letters, digits or single hyphens, starting with a letter: it prefixes every resource name, and RDS and load balancer names allow nothing else")
	}
}

// fail records a problem with key, unless key (or a key it lies under) already failed to decode.
func (p *parser) fail(key, format string, args ...any) {
	for _, u := range p.undecoded {
		if key == u || strings.HasPrefix(key, u+".") || strings.HasPrefix(key, u+"[") {
			return
		}
	}
	p.errs = append(p.errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
}

// failDecode records that key's value could not be decoded, and the problem.
func (p *parser) failDecode(key, format string, args ...any) {
	p.fail(key, format, args...)
	p.undecoded = append(p.undecoded, key)
}

// section returns the raw value of the project key name (hybridcloud:<name>); a required section that is
// not set is reported.
func (p *parser) section(name string, required bool) ([]byte, bool) { //nolint:unparam // optional sections (tags, usage) still use p.object
	key := p.key(name)
	raw, ok := p.lookup(key)
	if !ok || raw == "" {
		if required {
			p.fail(key, "required but not set")
		}
		return nil, false
	}
	return []byte(raw), true
}

func (p *parser) requireString(key string) string {
	v, ok := p.lookup(key)
	if !ok || v == "" {
		p.fail(key, "required but not set")
		return ""
	}
	return v
}

// AWS's limits on tags.
const (
	maxTagKey   = 128
	maxTagValue = 256
)

func (p *parser) tags(extra map[string]string, env Environment) map[string]string {
	tags := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		v := extra[k]
		switch {
		case k == TagEnvironment || k == TagProject || k == TagManagedBy:
			p.fail(p.key("tags"), "%q is set by the program and cannot be overridden", k)
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			p.fail(p.key("tags")+"."+k, "the aws: prefix is AWS's own; tags may not use it")
		case len(k) > maxTagKey || k == "":
			p.fail(p.key("tags")+"."+k, "a tag key is 1-%d characters", maxTagKey)
		case len(v) > maxTagValue:
			p.fail(p.key("tags")+"."+k, "%d characters: a tag value is at most %d", len(v), maxTagValue)
		default:
			tags[k] = v
		}
	}
	tags[TagEnvironment] = string(env)
	tags[TagProject] = p.project
	tags[TagManagedBy] = "pulumi"
	return tags
}

// Partition is the AWS partition of the region, for ARNs built in policies.
func (c *Config) Partition() string { return foundation.Partition(c.Region) }

package awsfacts

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// DefaultFile is the catalogue this package embeds, as the repository names it.
const DefaultFile = "internal/awsfacts/catalogue.yaml"

//go:embed catalogue.yaml
var embedded []byte

var (
	// ErrNotOffered means the catalogue knows the thing does not exist, or that AWS no longer offers it:
	// a check may refuse it.
	ErrNotOffered = errors.New("not offered")
	// ErrNotCatalogued means the catalogue does not know the thing (newer than its date, or a region whose
	// zones it does not list): a check should warn and leave the answer to AWS.
	ErrNotCatalogued = errors.New("not catalogued")
)

// Source is where a group of facts was read, and when.
type Source struct {
	URL  string `yaml:"url"`
	Read string `yaml:"read"`
	Note string `yaml:"note"`
}

// Catalogue is the dated table of AWS facts.
type Catalogue struct {
	AsOf    string            `yaml:"as_of"`
	Sources map[string]Source `yaml:"sources"`
	Regions struct {
		Src   string   `yaml:"src"`
		Names []string `yaml:"names"`
		Zones []struct {
			Region string   `yaml:"region"`
			Names  []string `yaml:"names"`
			Src    string   `yaml:"src"`
		} `yaml:"zones"`
	} `yaml:"regions"`
	RDSPostgres struct {
		Offered []struct {
			Major  string   `yaml:"major"`
			Minors []string `yaml:"minors"`
			Src    string   `yaml:"src"`
		} `yaml:"offered"`
		Retired []struct {
			Since    string   `yaml:"since"`
			Versions []string `yaml:"versions"`
			Src      string   `yaml:"src"`
		} `yaml:"retired"`
	} `yaml:"rds_postgres"`
	RDSPostgresClasses []struct {
		Family string   `yaml:"family"`
		Sizes  []string `yaml:"sizes"`
		Src    string   `yaml:"src"`
	} `yaml:"rds_postgres_classes"`
	RetiredClassFamilies struct {
		Families []string `yaml:"families"`
		Src      string   `yaml:"src"`
	} `yaml:"rds_postgres_retired_families"`
	EC2InstanceTypes []struct {
		Family string   `yaml:"family"`
		Arch   string   `yaml:"arch"`
		Sizes  []string `yaml:"sizes"`
		Src    string   `yaml:"src"`
	} `yaml:"ec2_instance_types"`
	FileGatewayOnEC2 struct {
		Families []string `yaml:"families"`
		MinSize  string   `yaml:"min_size"`
		Src      string   `yaml:"src"`
	} `yaml:"file_gateway_on_ec2"`
	InterfaceEndpoints struct {
		Src   string   `yaml:"src"`
		Names []string `yaml:"names"`
	} `yaml:"interface_endpoints"`
}

// Load parses the embedded catalogue and checks that it is dated and that every entry names a source that
// says where and when it was read.
func Load() (*Catalogue, error) { return Parse(embedded) }

// Parse parses a catalogue (the embedded one, or a test's) and checks it as Load does.
func Parse(b []byte) (*Catalogue, error) {
	var c Catalogue
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("awsfacts: %s: %w", DefaultFile, err)
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("awsfacts: %s: %w", DefaultFile, err)
	}
	return &c, nil
}

func (c *Catalogue) check() error {
	var errs []error
	if _, err := time.Parse(time.DateOnly, c.AsOf); err != nil {
		errs = append(errs, fmt.Errorf("as_of: want YYYY-MM-DD, got %q", c.AsOf))
	}
	for name, s := range c.Sources {
		if !strings.HasPrefix(s.URL, "https://") {
			errs = append(errs, fmt.Errorf("sources.%s: url %q is not https", name, s.URL))
		}
		if _, err := time.Parse(time.DateOnly, s.Read); err != nil {
			errs = append(errs, fmt.Errorf("sources.%s: read: want YYYY-MM-DD, got %q", name, s.Read))
		}
		if strings.TrimSpace(s.Note) == "" {
			errs = append(errs, fmt.Errorf("sources.%s: a note says what was read", name))
		}
	}
	src := func(where, name string) {
		if _, ok := c.Sources[name]; !ok {
			errs = append(errs, fmt.Errorf("%s: source %q is not in sources", where, name))
		}
	}
	src("regions", c.Regions.Src)
	for _, z := range c.Regions.Zones {
		src("regions.zones "+z.Region, z.Src)
		if !slices.Contains(c.Regions.Names, z.Region) {
			errs = append(errs, fmt.Errorf("regions.zones: %s is not a region", z.Region))
		}
		for _, n := range z.Names {
			if !strings.HasPrefix(n, z.Region) || len(n) != len(z.Region)+1 {
				errs = append(errs, fmt.Errorf("regions.zones %s: %q is not the region code and a letter", z.Region, n))
			}
		}
	}
	for _, o := range c.RDSPostgres.Offered {
		src("rds_postgres.offered "+o.Major, o.Src)
		for _, m := range o.Minors {
			if major(m) != o.Major {
				errs = append(errs, fmt.Errorf("rds_postgres.offered %s: %s is of another major", o.Major, m))
			}
		}
	}
	for _, r := range c.RDSPostgres.Retired {
		src("rds_postgres.retired", r.Src)
		for _, v := range r.Versions {
			if c.offeredMinor(v) {
				errs = append(errs, fmt.Errorf("rds_postgres: %s is both offered and retired", v))
			}
		}
	}
	for _, f := range c.RDSPostgresClasses {
		src("rds_postgres_classes "+f.Family, f.Src)
	}
	src("rds_postgres_retired_families", c.RetiredClassFamilies.Src)
	for _, f := range c.EC2InstanceTypes {
		src("ec2_instance_types "+f.Family, f.Src)
		if f.Arch != "x86_64" && f.Arch != "arm64" {
			errs = append(errs, fmt.Errorf("ec2_instance_types %s: arch %q: want x86_64 or arm64", f.Family, f.Arch))
		}
	}
	src("file_gateway_on_ec2", c.FileGatewayOnEC2.Src)
	src("interface_endpoints", c.InterfaceEndpoints.Src)
	return errors.Join(errs...)
}

// dated wraps a sentinel with the catalogue's date, so a message says how old the knowledge is.
func (c *Catalogue) dated(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%s (%w in %s of %s)", fmt.Sprintf(format, args...), sentinel, DefaultFile, c.AsOf)
}

// Region checks that a region of the aws partition exists.
func (c *Catalogue) Region(name string) error {
	if slices.Contains(c.Regions.Names, name) {
		return nil
	}
	if near := nearest(name, c.Regions.Names); near != "" {
		return c.dated(ErrNotOffered, "%q is not an AWS region (did you mean %s?)", name, near)
	}
	return c.dated(ErrNotOffered, "%q is not an AWS region", name)
}

// Zones returns a region's Availability Zone names, or ErrNotCatalogued when the catalogue does not list
// them.
func (c *Catalogue) Zones(region string) ([]string, error) {
	if err := c.Region(region); err != nil {
		return nil, err
	}
	for _, z := range c.Regions.Zones {
		if z.Region == region {
			return slices.Clone(z.Names), nil
		}
	}
	return nil, c.dated(ErrNotCatalogued, "the Availability Zones of %s are not listed", region)
}

// Zone checks that az is an Availability Zone of region.
func (c *Catalogue) Zone(region, az string) error {
	zones, err := c.Zones(region)
	if err != nil {
		return err
	}
	if slices.Contains(zones, az) {
		return nil
	}
	for _, z := range c.Regions.Zones {
		if slices.Contains(z.Names, az) {
			return c.dated(ErrNotOffered, "%s is a zone of %s, not of %s", az, z.Region, region)
		}
	}
	return c.dated(ErrNotOffered, "%s is not an Availability Zone of %s (%s)", az, region, strings.Join(zones, ", "))
}

// PostgresVersion checks an RDS for PostgreSQL engine version: a major alone ("16") or a minor ("16.11").
func (c *Catalogue) PostgresVersion(v string) error {
	maj := major(v)
	var offeredMajor bool
	for _, o := range c.RDSPostgres.Offered {
		if o.Major == maj {
			offeredMajor = true
		}
	}
	for _, r := range c.RDSPostgres.Retired {
		if slices.Contains(r.Versions, v) {
			return c.dated(ErrNotOffered, "RDS for PostgreSQL %s is retired: no new instance since %s; use %s or a later minor, or the major alone (%q)",
				v, r.Since, c.latest(maj), maj)
		}
	}
	switch {
	case v == maj && offeredMajor:
		return nil
	case offeredMajor:
		if c.offeredMinor(v) {
			return nil
		}
		return c.dated(ErrNotCatalogued, "RDS for PostgreSQL %s is not listed (newest listed %s); `aws rds describe-db-engine-versions --engine postgres --engine-version %s` says", v, c.latest(maj), v)
	}
	return c.dated(ErrNotCatalogued, "RDS for PostgreSQL major version %s is not listed (listed: %s)", maj, strings.Join(c.majors(), ", "))
}

func (c *Catalogue) offeredMinor(v string) bool {
	for _, o := range c.RDSPostgres.Offered {
		if slices.Contains(o.Minors, v) {
			return true
		}
	}
	return false
}

func (c *Catalogue) latest(maj string) string {
	for _, o := range c.RDSPostgres.Offered {
		if o.Major == maj && len(o.Minors) > 0 {
			return o.Minors[len(o.Minors)-1]
		}
	}
	return maj
}

func (c *Catalogue) majors() []string {
	var out []string
	for _, o := range c.RDSPostgres.Offered {
		out = append(out, o.Major)
	}
	sort.Strings(out)
	return out
}

// PostgresInstanceClass checks an RDS DB instance class for PostgreSQL ("db.m7g.large").
func (c *Catalogue) PostgresInstanceClass(class string) error {
	family, size, ok := splitLast(class)
	if !ok || !strings.HasPrefix(class, "db.") {
		return c.dated(ErrNotOffered, "%q is not a DB instance class (db.<family>.<size>, like db.m7g.large)", class)
	}
	if slices.Contains(c.RetiredClassFamilies.Families, family) {
		return c.dated(ErrNotOffered, "%s: RDS for PostgreSQL no longer offers the %s family for new instances", class, family)
	}
	var families []string
	for _, f := range c.RDSPostgresClasses {
		families = append(families, f.Family)
		if f.Family != family {
			continue
		}
		if slices.Contains(f.Sizes, size) {
			return nil
		}
		return c.dated(ErrNotOffered, "%s: %s comes in %s", class, family, strings.Join(f.Sizes, ", "))
	}
	if near := nearest(family, families); near != "" {
		return c.dated(ErrNotCatalogued, "%s: family %s is not listed (did you mean %s?)", class, family, near)
	}
	return c.dated(ErrNotCatalogued, "%s: family %s is not listed", class, family)
}

// InstanceType is an EC2 instance type the catalogue knows.
type InstanceType struct {
	Family, Size, Arch string
}

// EC2InstanceType looks up an EC2 instance type ("m7i.large").
func (c *Catalogue) EC2InstanceType(name string) (InstanceType, error) {
	family, size, ok := splitLast(name)
	if !ok {
		return InstanceType{}, c.dated(ErrNotOffered, "%q is not an instance type (<family>.<size>, like m7i.large)", name)
	}
	var families []string
	for _, f := range c.EC2InstanceTypes {
		families = append(families, f.Family)
		if f.Family != family {
			continue
		}
		if slices.Contains(f.Sizes, size) {
			return InstanceType{Family: family, Size: size, Arch: f.Arch}, nil
		}
		return InstanceType{}, c.dated(ErrNotOffered, "%s: %s comes in %s", name, family, strings.Join(f.Sizes, ", "))
	}
	if near := nearest(family, families); near != "" {
		return InstanceType{}, c.dated(ErrNotCatalogued, "%s: family %s is not listed (did you mean %s?)", name, family, near)
	}
	return InstanceType{}, c.dated(ErrNotCatalogued, "%s: family %s is not listed", name, family)
}

// ECSHostType checks an instance type for the ECS hosts, which the program runs on x86_64.
func (c *Catalogue) ECSHostType(name string) error {
	t, err := c.EC2InstanceType(name)
	if err != nil {
		return err
	}
	if t.Arch != "x86_64" {
		return c.dated(ErrNotOffered, "%s is %s (AWS Graviton); the ECS hosts run an x86_64 AMI", name, t.Arch)
	}
	return nil
}

// FileGatewayType checks an instance type for the S3 File Gateway on EC2.
func (c *Catalogue) FileGatewayType(name string) error {
	t, err := c.EC2InstanceType(name)
	if err != nil {
		return err
	}
	g := c.FileGatewayOnEC2
	if !slices.Contains(g.Families, t.Family) {
		return c.dated(ErrNotOffered, "%s: a File Gateway on EC2 runs on %s", name, strings.Join(g.Families, ", "))
	}
	if sizeRank(t.Size) < sizeRank(g.MinSize) {
		return c.dated(ErrNotOffered, "%s: a File Gateway on EC2 needs %s or larger", name, g.MinSize)
	}
	return nil
}

// InterfaceEndpoint checks an interface VPC endpoint service's short name ("ecr.api").
func (c *Catalogue) InterfaceEndpoint(name string) error {
	if slices.Contains(c.InterfaceEndpoints.Names, name) {
		return nil
	}
	if near := nearest(name, c.InterfaceEndpoints.Names); near != "" {
		return c.dated(ErrNotOffered, "%q is not an interface endpoint service (did you mean %s?)", name, near)
	}
	return c.dated(ErrNotCatalogued, "%q is not a listed interface endpoint service", name)
}

// major is the major version of a PostgreSQL version (10 and later: the part before the first dot).
func major(v string) string {
	m, _, _ := strings.Cut(v, ".")
	return m
}

// splitLast splits "db.m7g.large" into "db.m7g" and "large".
func splitLast(s string) (string, string, bool) {
	i := strings.LastIndex(s, ".")
	if i <= 0 || i == len(s)-1 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// sizeRank orders instance sizes: nano < … < large < xlarge < 2xlarge < … ; metal is the largest.
func sizeRank(size string) int {
	small := []string{"nano", "micro", "small", "medium", "large", "xlarge"}
	if i := slices.Index(small, size); i >= 0 {
		return i
	}
	if strings.HasPrefix(size, "metal") {
		return 1000
	}
	var n int
	if _, err := fmt.Sscanf(size, "%dxlarge", &n); err == nil {
		return len(small) + n
	}
	return -1
}

// nearest returns the candidate closest to s, within two edits and closer than any other: a likely typo.
func nearest(s string, candidates []string) string {
	best, bestD, tie := "", 3, false
	for _, c := range candidates {
		d := distance(s, c)
		switch {
		case d == 0:
			return ""
		case d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD:
			tie = true
		}
	}
	if best == "" || tie {
		return ""
	}
	return best
}

// distance is the optimal-string-alignment edit distance: insertions, deletions, substitutions and
// transpositions of neighbours (esat → east) each count one.
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

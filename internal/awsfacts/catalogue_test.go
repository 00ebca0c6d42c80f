package awsfacts

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

func catalogue(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Load()
	require.NoError(t, err)
	return c
}

// verdict names what a lookup answered, for table tests.
func verdict(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrNotOffered):
		return "not offered"
	case errors.Is(err, ErrNotCatalogued):
		return "not catalogued"
	default:
		return "error: " + err.Error()
	}
}

func TestTheCatalogueIsDatedAndEveryEntryNamesASourceSayingWhereAndWhenItWasRead(t *testing.T) {
	c := catalogue(t)
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, c.AsOf)
	require.NotEmpty(t, c.Sources)
	for name, s := range c.Sources {
		assert.True(t, strings.HasPrefix(s.URL, "https://"), name)
		assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, s.Read, name)
		assert.LessOrEqual(t, s.Read, c.AsOf, "%s was read by the catalogue's date", name)
		assert.NotEmpty(t, s.Note, name)
	}
	// Every entry that carries facts carries a source that exists (Load refuses otherwise); check the
	// counts so a section cannot silently be empty.
	assert.NotEmpty(t, c.Regions.Zones)
	assert.NotEmpty(t, c.RDSPostgres.Offered)
	assert.NotEmpty(t, c.RDSPostgres.Retired)
	assert.NotEmpty(t, c.RDSPostgresClasses)
	assert.NotEmpty(t, c.EC2InstanceTypes)
	assert.NotEmpty(t, c.InterfaceEndpoints.Names)
}

func TestACatalogueWithoutDatesOrSourcesIsRefused(t *testing.T) {
	for name, mutate := range map[string]func(*Catalogue){
		"no date":           func(c *Catalogue) { c.AsOf = "" },
		"an undated source": func(c *Catalogue) { s := c.Sources["aws-az-docs"]; s.Read = "recently"; c.Sources["aws-az-docs"] = s },
		"a source with no url": func(c *Catalogue) {
			s := c.Sources["privatelink-docs"]
			s.URL = ""
			c.Sources["privatelink-docs"] = s
		},
		"an entry whose source is missing": func(c *Catalogue) { c.EC2InstanceTypes[0].Src = "hearsay" },
		"a version both offered and retired": func(c *Catalogue) {
			c.RDSPostgres.Retired[0].Versions = append(c.RDSPostgres.Retired[0].Versions, c.RDSPostgres.Offered[0].Minors[0])
		},
		"a zone of another region": func(c *Catalogue) { c.Regions.Zones[0].Names = append(c.Regions.Zones[0].Names, "eu-west-1a") },
	} {
		t.Run(name, func(t *testing.T) {
			c := catalogue(t)
			mutate(c)
			b, err := yaml.Marshal(c)
			require.NoError(t, err)
			_, err = Parse(b)
			assert.Error(t, err)
		})
	}
}

func TestTheStacksAndDocsRegionsAndZonesAreCatalogued(t *testing.T) {
	c := catalogue(t)
	// Every region and zone name the repository's stack files and docs mention is in the catalogue.
	region := regexp.MustCompile(`\b(us|eu|ap|ca|sa|me|af|il|mx)-(east|west|central|north|south|northeast|southeast)-\d\b`)
	zone := regexp.MustCompile(`\b(us|eu|ap|ca|sa|me|af|il|mx)-(east|west|central|north|south|northeast|southeast)-\d[a-z]\b`)
	files, err := filepath.Glob("../../Pulumi.*.yaml")
	require.NoError(t, err)
	docs, err := filepath.Glob("../../docs/*.md")
	require.NoError(t, err)
	files = append(files, docs...)
	require.GreaterOrEqual(t, len(files), 3)
	var regions, zones int
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, r := range region.FindAllString(string(b), -1) {
			regions++
			_, err := c.Zones(r)
			assert.NoError(t, err, "%s mentions %s", f, r)
		}
		for _, z := range zone.FindAllString(string(b), -1) {
			zones++
			assert.NoError(t, c.Zone(z[:len(z)-1], z), "%s mentions %s", f, z)
		}
	}
	assert.Positive(t, regions)
	assert.Positive(t, zones)
}

func TestZones(t *testing.T) {
	c := catalogue(t)
	tests := []struct {
		region, az, want, says string
	}{
		{"us-east-1", "us-east-1a", "ok", ""},
		{"us-east-1", "us-east-1f", "ok", ""},
		{"us-east-1", "us-east-1g", "not offered", "us-east-1g is not an Availability Zone of us-east-1 (us-east-1a, us-east-1b"},
		{"us-east-1", "eu-west-1a", "not offered", "eu-west-1a is a zone of eu-west-1, not of us-east-1"},
		{"ap-northeast-1", "ap-northeast-1b", "not offered", "not an Availability Zone of ap-northeast-1"},
		{"me-south-1", "me-south-1a", "not catalogued", "the Availability Zones of me-south-1 are not listed"},
		{"us-east-9", "us-east-9a", "not offered", `"us-east-9" is not an AWS region`},
	}
	for _, tt := range tests {
		t.Run(tt.az, func(t *testing.T) {
			err := c.Zone(tt.region, tt.az)
			assert.Equal(t, tt.want, verdict(err), "%v", err)
			if tt.says != "" {
				assert.ErrorContains(t, err, tt.says)
				assert.ErrorContains(t, err, "in internal/awsfacts/catalogue.yaml of "+c.AsOf, "the message dates the knowledge")
			}
		})
	}
}

func TestRegions(t *testing.T) {
	c := catalogue(t)
	for name, want := range map[string]string{
		"us-east-1": "ok", "eu-central-1": "ok", "ap-southeast-6": "ok", "us-east-9": "not offered", "us-esat-1": "not offered", "moon-1": "not offered",
	} {
		assert.Equal(t, want, verdict(c.Region(name)), name)
	}
	assert.ErrorContains(t, c.Region("us-esat-1"), "did you mean us-east-1?")
}

func TestPostgresVersions(t *testing.T) {
	c := catalogue(t)
	tests := []struct {
		version, want, says string
	}{
		{"16", "ok", ""},
		{"18", "ok", ""},
		{"16.11", "ok", ""},
		{"17.9", "ok", ""},
		{"16.4", "not offered", "RDS for PostgreSQL 16.4 is retired: no new instance since 2026-05-01; use 16.13 or a later minor, or the major alone (\"16\")"},
		{"16.8", "not offered", "retired"},
		{"17.1", "not offered", "retired"},
		{"16.14", "not catalogued", "newest listed 16.13"},
		{"13", "not catalogued", "major version 13 is not listed"},
		{"19.1", "not catalogued", "listed: 14, 15, 16, 17, 18"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			err := c.PostgresVersion(tt.version)
			assert.Equal(t, tt.want, verdict(err), "%v", err)
			if tt.says != "" {
				assert.ErrorContains(t, err, tt.says)
			}
		})
	}
}

func TestPostgresInstanceClasses(t *testing.T) {
	c := catalogue(t)
	tests := []struct {
		class, want, says string
	}{
		{"db.t4g.micro", "ok", ""},
		{"db.m7g.large", "ok", ""},
		{"db.r6g.16xlarge", "ok", ""},
		{"db.m7g.nano", "not offered", "db.m7g comes in large, xlarge"},
		{"db.m4.large", "not offered", "no longer offers the db.m4 family"},
		{"m7g.large", "not offered", "not a DB instance class"},
		{"db.m7gg.large", "not catalogued", "did you mean db.m7g?"},
		{"db.z9.large", "not catalogued", "family db.z9 is not listed"},
	}
	for _, tt := range tests {
		t.Run(tt.class, func(t *testing.T) {
			err := c.PostgresInstanceClass(tt.class)
			assert.Equal(t, tt.want, verdict(err), "%v", err)
			if tt.says != "" {
				assert.ErrorContains(t, err, tt.says)
			}
		})
	}
}

func TestEC2InstanceTypesForTheHostsAndTheGateway(t *testing.T) {
	c := catalogue(t)
	typ, err := c.EC2InstanceType("m7i.large")
	require.NoError(t, err)
	assert.Equal(t, InstanceType{Family: "m7i", Size: "large", Arch: "x86_64"}, typ)
	typ, err = c.EC2InstanceType("m7g.large")
	require.NoError(t, err)
	assert.Equal(t, "arm64", typ.Arch)

	hosts := []struct {
		name, want, says string
	}{
		{"m7i.large", "ok", ""},
		{"m6i.large", "ok", ""},
		{"t3.medium", "ok", ""},
		{"m7g.large", "not offered", "arm64 (AWS Graviton); the ECS hosts run an x86_64 AMI"},
		{"m7i.larg", "not offered", "m7i comes in large, xlarge"},
		{"m7.large", "not catalogued", "family m7 is not listed"},
		{"m7ii.large", "not catalogued", "did you mean m7i?"},
		{"large", "not offered", "not an instance type"},
	}
	for _, tt := range hosts {
		t.Run("host "+tt.name, func(t *testing.T) {
			err := c.ECSHostType(tt.name)
			assert.Equal(t, tt.want, verdict(err), "%v", err)
			if tt.says != "" {
				assert.ErrorContains(t, err, tt.says)
			}
		})
	}

	gateways := []struct {
		name, want, says string
	}{
		{"m5.xlarge", "ok", ""},
		{"m6i.2xlarge", "ok", ""},
		{"m5.large", "not offered", "needs xlarge or larger"},
		{"t3.2xlarge", "not offered", "a File Gateway on EC2 runs on m5"},
	}
	for _, tt := range gateways {
		t.Run("gateway "+tt.name, func(t *testing.T) {
			err := c.FileGatewayType(tt.name)
			assert.Equal(t, tt.want, verdict(err), "%v", err)
			if tt.says != "" {
				assert.ErrorContains(t, err, tt.says)
			}
		})
	}
}

func TestInterfaceEndpointServices(t *testing.T) {
	c := catalogue(t)
	tests := []struct {
		name, want, says string
	}{
		{"ecr.api", "ok", ""},
		{"ssmmessages", "ok", ""},
		{"storagegateway", "ok", ""},
		{"ecr.apii", "not offered", `"ecr.apii" is not an interface endpoint service (did you mean ecr.api?)`},
		{"secretmanager", "not offered", "did you mean secretsmanager?"},
		{"bedrock-runtime", "not catalogued", "not a listed interface endpoint service"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.InterfaceEndpoint(tt.name)
			assert.Equal(t, tt.want, verdict(err), "%v", err)
			if tt.says != "" {
				assert.ErrorContains(t, err, tt.says)
			}
		})
	}
}

func TestTheStacksChoicesAgainstTheCatalogue(t *testing.T) {
	// What the committed stack files choose, so a catalogue update that drops one is seen here first. The
	// stacks name the major alone ("16"); the minor they once pinned, 16.4, is retired.
	c := catalogue(t)
	for _, class := range []string{"db.t4g.micro", "db.m7g.large"} {
		assert.NoError(t, c.PostgresInstanceClass(class), class)
	}
	for _, host := range []string{"m7i.large", "m6i.large", "t3.medium"} {
		assert.NoError(t, c.ECSHostType(host), host)
	}
	for _, e := range []string{"ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "ssm", "ssmmessages", "ec2messages", "logs", "sts", "secretsmanager", "storagegateway"} {
		assert.NoError(t, c.InterfaceEndpoint(e), e)
	}
	assert.NoError(t, c.PostgresVersion("16"))
	assert.ErrorIs(t, c.PostgresVersion("16.4"), ErrNotOffered)
}

func TestSizesAreOrdered(t *testing.T) {
	order := []string{"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "48xlarge", "metal"}
	for i := 1; i < len(order); i++ {
		assert.Less(t, sizeRank(order[i-1]), sizeRank(order[i]), "%s < %s", order[i-1], order[i])
	}
	assert.Equal(t, -1, sizeRank("huge"))
}

func TestATypoSuggestsOnlyAClearlyNearestName(t *testing.T) {
	names := []string{"us-east-1", "us-east-2", "us-west-1"}
	assert.Equal(t, "us-east-1", nearest("us-esat-1", names), "a swap of neighbours is one edit")
	assert.Equal(t, "", nearest("us-east-3", names), "equally near to two names: no guess")
	assert.Equal(t, "", nearest("eu-central-1", names), "too far: no guess")
	assert.Equal(t, "", nearest("us-east-1", names), "an exact name needs no suggestion")
}

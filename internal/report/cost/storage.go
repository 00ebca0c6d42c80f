package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// Intelligent-Tiering (https://aws.amazon.com/s3/storage-classes/intelligent-tiering/): an object moves to
// the infrequent tier after 30 days without access, and to the archive tiers after the days a bucket's
// tiering configuration sets; objects under 128 KB are never monitored nor moved.
const (
	frequentTierDays      = 30
	minMonitoredObjectMB  = 128.0 / 1024
	mbPerGB               = 1024
	objectsPerMonitorUnit = 1000
)

// tierMix is the share of the file bucket in each Intelligent-Tiering tier, in percent.
type tierMix struct{ frequent, infrequent, archive, deep float64 }

// mix splits the bucket by the usage figures of when data was last read; a tier the bucket does not
// configure keeps what would have moved on in the tier before it.
func (p *pricer) mix(archive, deep bool) tierMix {
	u := p.in.Usage
	m := tierMix{frequent: u.Get(UsageFileFrequentPercent), infrequent: u.Get(UsageFileInfrequentPercent), deep: u.Get(UsageFileDeepArchivePercent)}
	m.archive = max(0, 100-m.frequent-m.infrequent-m.deep)
	if !deep {
		m.archive, m.deep = m.archive+m.deep, 0
	}
	if !archive {
		m.infrequent, m.archive = m.infrequent+m.archive, 0
	}
	return m
}

// archiveTiers reads which archive tiers the bucket's Intelligent-Tiering configurations enable.
func (p *pricer) archiveTiers(b plan.Resource) (archive, deep bool) {
	for _, cfg := range p.x.Dependents(b, typeITConfiguration, "bucket") {
		if planread.String(cfg.Props(), "status") == "Disabled" {
			continue
		}
		for _, t := range planread.List(cfg.Props(), "tierings") {
			m, _ := t.(map[string]any)
			switch planread.String(m, "accessTier") {
			case "ARCHIVE_ACCESS":
				archive = true
			case "DEEP_ARCHIVE_ACCESS":
				deep = true
			}
		}
	}
	return archive, deep
}

// intelligentTiering prices the file bucket at the tier mix the usage figures describe, and the
// monitoring fee per 1,000 objects its average object size gives.
func (p *pricer) intelligentTiering(r plan.Resource) []Line {
	archive, deep := p.archiveTiers(r)
	m := p.mix(archive, deep)
	tiers := []struct {
		name, key string
		pct       float64
	}{
		{"frequent", "s3.int_tiering.frequent_gb_month", m.frequent},
		{"infrequent", "s3.int_tiering.infrequent_gb_month", m.infrequent},
		{"archive access", "s3.int_tiering.archive_access_gb_month", m.archive},
		{"deep archive access", "s3.int_tiering.deep_archive_access_gb_month", m.deep},
	}
	var out []Line
	for _, t := range tiers {
		if t.pct == 0 {
			continue
		}
		l := p.usage(r, charge{what: "file bucket storage (Intelligent-Tiering, " + t.name + " tier)", unit: "GB-month", key: t.key},
			UsageFileBucketTB, gbPerTB*t.pct/100, 1, "")
		l.Assumption += fmt.Sprintf(", %s%% in this tier (%s)", formatNum(t.pct), mixSource(t.name))
		out = append(out, l)
	}
	avg := p.in.Usage.Get(UsageFileAverageObjectMB)
	objects := 0.0
	if avg >= minMonitoredObjectMB {
		objects = p.in.Usage.Get(UsageFileBucketTB) * gbPerTB * mbPerGB / avg
	}
	mon := p.usage(r, charge{what: "Intelligent-Tiering monitoring", unit: "1k objects", key: "s3.int_tiering.monitoring_per_1k_objects"},
		UsageFileBucketTB, 1, 1, "")
	mon = withQuantity(mon, objects/objectsPerMonitorUnit)
	mon.Assumption += fmt.Sprintf(", %s objects at %s %s MB (%s)", formatNum(roundTo(objects, 0)), UsageFileAverageObjectMB, formatNum(avg), p.origin(UsageFileAverageObjectMB))
	if avg < minMonitoredObjectMB {
		mon.Note = "objects under 128 KB are not monitored"
	}
	return append(out, mon)
}

func mixSource(tier string) string {
	switch tier {
	case "frequent":
		return "fileFrequentPercent"
	case "infrequent":
		return "fileInfrequentPercent, and the archive share when no archive tier is configured"
	case "archive access":
		return "100% less the other tiers"
	default:
		return "fileDeepArchivePercent"
	}
}

// noncurrentDays is the days the bucket's lifecycle keeps noncurrent versions; false when the bucket is not
// versioned or never expires them.
func (p *pricer) noncurrentDays(b plan.Resource) (float64, bool) {
	versioned := false
	for _, v := range p.x.Dependents(b, typeBucketVersioning, "bucket") {
		if planread.String(planread.Object(v.Props(), "versioningConfiguration"), "status") == "Enabled" {
			versioned = true
		}
	}
	if !versioned {
		return 0, false
	}
	for _, lc := range p.x.Dependents(b, typeBucketLifecycle, "bucket") {
		for _, rule := range planread.List(lc.Props(), "rules") {
			m, _ := rule.(map[string]any)
			if days, ok := planread.Number(planread.Object(m, "noncurrentVersionExpiration"), "noncurrentDays"); ok {
				return days, true
			}
		}
	}
	return neverExpiresAssumedMonth * daysPerMonth, true
}

// noncurrentVersions: with versioning on, every file the gateway writes leaves at least one noncurrent
// version (the upload, then a metadata update: "Avoiding unanticipated costs when uploading gateway data",
// AWS Storage Gateway docs), and each write that replaces a file leaves the old one too; the lifecycle keeps
// them noncurrentDays. In Intelligent-Tiering they are never read, so they spend 30 days in the frequent
// tier and the rest in the infrequent one.
func (p *pricer) noncurrentVersions(r plan.Resource, class string) ([]Line, bool) {
	days, ok := p.noncurrentDays(r)
	if !ok {
		return nil, false
	}
	u := p.in.Usage
	perMonth := u.Get(UsageFileGatewayWrittenGB) * (1 + u.Get(UsageFileReplacedPercent)/100)
	why := fmt.Sprintf(", × (1 + %s %s%%) versions per GB written, kept %s days", UsageFileReplacedPercent, formatNum(u.Get(UsageFileReplacedPercent)), formatNum(days))
	if class != "S3_INTELLIGENT_TIERING" {
		key := "s3.standard.gb_month_first_50tb"
		if class != "" && class != "S3_STANDARD" {
			key = "s3." + strings.ToLower(class) + ".gb_month"
		}
		l := p.usage(r, charge{what: "noncurrent versions", unit: "GB-month", key: key}, UsageFileGatewayWrittenGB, 1, 1, "")
		l = withQuantity(l, perMonth*days/daysPerMonth)
		l.Assumption += why
		return []Line{l}, true
	}
	frequent, infrequent := min(days, frequentTierDays), max(0, days-frequentTierDays)
	var out []Line
	for _, part := range []struct {
		tier, key string
		days      float64
	}{
		{"frequent", "s3.int_tiering.frequent_gb_month", frequent},
		{"infrequent", "s3.int_tiering.infrequent_gb_month", infrequent},
	} {
		if part.days == 0 {
			continue
		}
		l := p.usage(r, charge{what: "noncurrent versions (" + part.tier + " tier)", unit: "GB-month", key: part.key},
			UsageFileGatewayWrittenGB, 1, 1, "")
		l = withQuantity(l, perMonth*part.days/daysPerMonth)
		l.Assumption += why + fmt.Sprintf(" (%s of them in this tier)", formatNum(part.days))
		out = append(out, l)
	}
	return out, true
}

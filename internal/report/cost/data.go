package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// gbPerTB converts the file bucket's TB figure to the GB-months S3 is priced in.
const gbPerTB = 1024

// rdsInstance: the instance class by the hour at its Single- or Multi-AZ rate, allocated storage at the
// matching per-GB rate, and the master user secret when RDS manages it.
func rdsInstance(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	engine := planread.String(props, "engine")
	if engine == "postgres" {
		engine = "pg"
	}
	class := planread.String(props, "instanceClass")
	az, azLabel := "single_az", "Single-AZ"
	if planread.Bool(props, "multiAz") {
		az, azLabel = "multi_az", "Multi-AZ"
	}
	classKey := "rds_" + engine + "." + strings.ReplaceAll(class, ".", "_") + "." + az + "_hour"
	out := []Line{p.fixed(r, charge{what: fmt.Sprintf("DB instance hours (%s, %s)", class, azLabel), quantity: 1, unit: "instance", hourly: true, key: classKey})}

	storageType := planread.String(props, "storageType")
	if storageType == "" {
		storageType = "gp2" // the provider's default without iops
	}
	gb, _ := planread.Number(props, "allocatedStorage")
	note := ""
	if maxGB, ok := planread.Number(props, "maxAllocatedStorage"); ok && maxGB > gb {
		note = fmt.Sprintf("allocated size; storage autoscaling may grow it to %s GB", formatNum(maxGB))
	}
	out = append(out, p.fixed(r, charge{what: fmt.Sprintf("DB storage (%s, %s)", storageType, azLabel), quantity: gb, unit: "GB-month",
		key: "rds." + storageType + "." + az + "_gb_month", note: note}))
	if planread.Bool(props, "manageMasterUserPassword") {
		out = append(out, p.fixed(r, charge{what: "master user secret (managed by RDS)", quantity: 1, unit: "secret", key: "secrets_manager.secret_month"}))
	}
	return lines(out...)
}

// fileShareOf returns the storage class of the first file share that writes into bucket b.
func (p *pricer) fileShareOf(b plan.Resource) (storageClass string, ok bool) {
	for _, typ := range []string{typeNFSFileShare, typeSMBFileShare} {
		if shares := p.x.Dependents(b, typ, "locationArn"); len(shares) > 0 {
			return planread.String(shares[0].Props(), "defaultStorageClass"), true
		}
	}
	return "", false
}

// bucket: the file bucket (the one a File Gateway share writes into) at the usage figure in TB, in the
// share's storage class. Other buckets (logs) hold what usage puts there and have no figure.
func bucket(p *pricer, r plan.Resource) outcome {
	class, ok := p.fileShareOf(r)
	if !ok {
		return outcome{notPriced: "storage and requests depend on usage; no usage figure for buckets other than the file bucket"}
	}
	c := charge{what: "file bucket storage", unit: "GB-month"}
	switch class {
	case "S3_INTELLIGENT_TIERING":
		c.what += " (Intelligent-Tiering)"
		c.key = "s3.int_tiering.frequent_gb_month"
		c.note = "all in the frequent-access tier; the archive tiers lower it"
	case "", "S3_STANDARD":
		c.what += " (Standard)"
		c.key = "s3.standard.gb_month_first_50tb"
	default:
		c.what += " (" + class + ")"
		c.key = "s3." + strings.ToLower(class) + ".gb_month"
	}
	return lines(p.usage(r, c, UsageFileBucketTB, gbPerTB, 1, ""))
}

// storageGateway: the GB written to AWS through the gateway (usage), after the account's free allowance
// and up to the monthly cap per gateway, both from the price table.
func storageGateway(p *pricer, r plan.Resource) outcome {
	n := p.countOf(typeStorageGateway, nil)
	l := p.usage(r, charge{what: "data written to AWS", unit: "GB", key: "storage_gateway.gb_written"},
		UsageFileGatewayWrittenGB, 1, n, "gateways")
	region := l.Region
	if free := p.in.Prices.Lookup("storage_gateway.free_gb_written_per_account", region); free.Known && l.Quantity > 0 {
		billed := max(0, l.Quantity-free.Value/float64(n))
		l.Assumption += fmt.Sprintf(", less the account's free %s GB", formatNum(free.Value))
		l.Quantity = billed
		switch {
		case l.Monthly != nil:
			m := billed * *l.UnitPrice
			l.Monthly = &m
		case billed == 0:
			// Nothing above the free allowance costs nothing, whatever the price.
			zero := 0.0
			l.Monthly, l.Note = &zero, "within the free allowance"
		}
	}
	if limit := p.in.Prices.Lookup("storage_gateway.monthly_cap_per_gateway", region); limit.Known {
		switch {
		case l.Monthly == nil:
			l.Note = join(l.Note, fmt.Sprintf("AWS caps this charge at $%s per gateway a month", formatNum(limit.Value)))
		case *l.Monthly > limit.Value:
			capped := limit.Value
			l.Monthly = &capped
			l.Note = join(l.Note, fmt.Sprintf("capped at $%s per gateway a month", formatNum(limit.Value)))
		}
	}
	return lines(l)
}

// backupVault: recovery points stored in a vault in the stack's region at the backup usage figures; a
// vault in another region (the disaster-recovery copy) stores the same again at that region's prices, and
// the copy's transfer out of the stack's region is priced on it.
func backupVault(p *pricer, r plan.Resource) outcome {
	home := p.x.Region(r, p.in.Region) == p.in.Region
	inRegion := func(v plan.Resource) bool { return (p.x.Region(v, p.in.Region) == p.in.Region) == home }
	n := p.countOf(typeBackupVault, inRegion)
	noun := "vaults in the stack's region"
	what := "recovery points"
	if !home {
		noun, what = "vaults in other regions", "copied recovery points"
	}
	out := []Line{
		p.usage(r, charge{what: "database " + what, unit: "GB-month", key: "aws_backup.rds_snapshot_gb_month"},
			UsageBackupDatabaseGB, 1, n, noun),
		p.usage(r, charge{what: "file bucket " + what, unit: "GB-month", key: "aws_backup.s3_warm_gb_month"},
			UsageBackupFilesGB, 1, n, noun),
	}
	if !home {
		// The transfer is charged where the copy leaves: the stack's region.
		copyLine := p.usage(r, charge{what: "cross-region copy transfer", unit: "GB", key: "aws_backup.cross_region_gb", region: p.in.Region},
			UsageBackupCopyGB, 1, n, noun)
		out = append(out, copyLine)
	}
	return lines(out...)
}

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
// matching per-GB rate, and the master user secret when RDS manages it. A read replica takes its engine and
// its storage from its source (replicateSourceDb), as RDS does.
func rdsInstance(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	source := props
	if src, ok := p.x.Dependency(r, "replicateSourceDb", r.Type); ok {
		source = src.Props()
	}
	engine := planread.String(source, "engine")
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

	storageType := planread.String(source, "storageType")
	if storageType == "" {
		storageType = "gp2" // the provider's default without iops
	}
	gb, _ := planread.Number(source, "allocatedStorage")
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
// share's storage class, with the noncurrent versions the gateway's writes leave; other buckets (logs) at
// the log bucket figure in S3 Standard.
func bucket(p *pricer, r plan.Resource) outcome {
	class, ok := p.fileShareOf(r)
	if !ok {
		return lines(p.usage(r, charge{what: "log bucket storage (Standard)", unit: "GB-month", key: "s3.standard.gb_month_first_50tb"},
			UsageLogBucketGB, 1, 1, ""))
	}
	var out []Line
	switch class {
	case "S3_INTELLIGENT_TIERING":
		out = p.intelligentTiering(r)
	case "", "S3_STANDARD":
		out = []Line{p.usage(r, charge{what: "file bucket storage (Standard)", unit: "GB-month", key: "s3.standard.gb_month_first_50tb"},
			UsageFileBucketTB, gbPerTB, 1, "")}
	default:
		out = []Line{p.usage(r, charge{what: "file bucket storage (" + class + ")", unit: "GB-month", key: "s3." + strings.ToLower(class) + ".gb_month"},
			UsageFileBucketTB, gbPerTB, 1, "")}
	}
	if nc, ok := p.noncurrentVersions(r, class); ok {
		out = append(out, nc...)
	}
	return lines(out...)
}

// storageGateway: the GB written to AWS through the gateway (usage), up to the monthly cap per gateway from
// the price table. The account's free allowance is not subtracted: it is shared with every gateway and
// stack of the account (docs/cost.md).
func storageGateway(p *pricer, r plan.Resource) outcome {
	n := p.countOf(typeStorageGateway, nil)
	l := p.usage(r, charge{what: "data written to AWS", unit: "GB", key: "storage_gateway.gb_written"},
		UsageFileGatewayWrittenGB, 1, n, "gateways")
	if limit := p.in.Prices.Lookup("storage_gateway.monthly_cap_per_gateway", l.Region); limit.Known {
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

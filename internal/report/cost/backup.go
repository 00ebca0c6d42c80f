package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// AWS Backup stores a full copy at a resource's first backup and only what changed at each later one
// ("AWS Backup pricing": "For the first backup ... a full copy of your data is saved"); for S3 it keeps
// every unexpired version (https://docs.aws.amazon.com/aws-backup/latest/devguide/s3-backups.html). So a
// vault holds each protected resource's size, plus the data its recovery points keep after the resource
// replaced it: what changes a month, for as many months as the longest rule writing into the vault keeps
// its recovery points. Cold storage does not apply to RDS or S3 backups, so it is not priced.

// vaultWrite is one way recovery points reach a vault: a plan's rule targeting it, or a copy action.
type vaultWrite struct {
	plan      plan.Resource
	rule      string
	retention float64 // days
	copy      bool    // a copy action's, not a rule's own target
}

// writesInto lists the rules and copy actions that put recovery points into vault v.
func (p *pricer) writesInto(v plan.Resource) []vaultWrite {
	name := planread.String(v.Props(), "name")
	var out []vaultWrite
	for _, bp := range p.x.OfType(typeBackupPlan) {
		for _, raw := range planread.List(bp.Props(), "rules") {
			rule, _ := raw.(map[string]any)
			ruleName := planread.String(rule, "ruleName")
			if planread.String(rule, "targetVaultName") == name {
				out = append(out, vaultWrite{plan: bp, rule: ruleName, retention: retentionDays(rule)})
			}
			for _, c := range planread.List(rule, "copyActions") {
				ca, _ := c.(map[string]any)
				if p.copiesTo(bp, planread.String(ca, "destinationVaultArn"), name, v) {
					out = append(out, vaultWrite{plan: bp, rule: ruleName + " (copy)", retention: retentionDays(ca), copy: true})
				}
			}
		}
	}
	return out
}

// copiesTo reports whether a copy action's destination is vault v: by the ARN's vault name, or, while the
// ARN is unknown (a preview), by the plan depending on v, a vault in another region than its target.
func (p *pricer) copiesTo(bp plan.Resource, arn, name string, v plan.Resource) bool {
	if arn != "" {
		return arn[strings.LastIndex(arn, ":")+1:] == name
	}
	if p.x.Region(v, p.in.Region) == p.in.Region {
		return false
	}
	for _, urn := range bp.Dependencies["rules"] {
		if urn == v.URN {
			return true
		}
	}
	return false
}

// retentionDays is a rule's or copy action's lifecycle deleteAfter; a point never deleted is priced as
// kept a year, as a never-expiring log group is.
func retentionDays(m map[string]any) float64 {
	if d, ok := planread.Number(planread.Object(m, "lifecycle"), "deleteAfter"); ok && d > 0 {
		return d
	}
	return neverExpiresAssumedMonth * daysPerMonth
}

// protected lists the resources the plans' selections back up, once each.
func (p *pricer) protected(plans map[string]bool) []plan.Resource {
	seen := map[string]bool{}
	var out []plan.Resource
	for _, sel := range p.x.OfType(typeBackupSelection) {
		bp, ok := p.x.Dependency(sel, "planId", typeBackupPlan)
		if !ok || !plans[bp.URN] {
			continue
		}
		for _, urn := range sel.Dependencies["resources"] {
			if r, ok := p.x.Resource(urn); ok && !seen[urn] {
				seen[urn] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// backedUp is what a protected resource puts into a vault: its size and what changes a month (GB).
type backedUp struct {
	what, key, assumption string
	usageKey              UsageKey
	sizeGB, changedGB     float64
	// newGB is what each month's backups copy anew: changed plus added data.
	newGB float64
}

func (p *pricer) backedUp(r plan.Resource) (backedUp, bool) {
	u := p.in.Usage
	switch r.Type {
	case typeRDSInstance:
		allocated, _ := planread.Number(r.Props(), "allocatedStorage")
		size := u.GetOr(UsageDatabaseGB, allocated)
		origin := p.origin(UsageDatabaseGB)
		if !u.IsSet(UsageDatabaseGB) {
			origin = "default: the allocated storage"
		}
		changed := size * u.Get(UsageDatabaseChangePercent) / 100
		return backedUp{what: "database", key: "aws_backup.rds_snapshot_gb_month", usageKey: UsageDatabaseGB, sizeGB: size, changedGB: changed, newGB: changed,
			assumption: fmt.Sprintf("usage %s = %s (%s); %s = %s (%s)", UsageDatabaseGB, formatNum(size), origin,
				UsageDatabaseChangePercent, formatNum(u.Get(UsageDatabaseChangePercent)), p.origin(UsageDatabaseChangePercent))}, true
	case typeBucket, typeBucketV2:
		size := u.Get(UsageFileBucketTB) * gbPerTB
		written := u.Get(UsageFileGatewayWrittenGB)
		replaced := written * u.Get(UsageFileReplacedPercent) / 100
		return backedUp{what: "file bucket", key: "aws_backup.s3_warm_gb_month", usageKey: UsageFileBucketTB, sizeGB: size, changedGB: replaced, newGB: written,
			assumption: fmt.Sprintf("usage %s = %s (%s); %s %s × %s %s%% replaced a month", UsageFileBucketTB, formatNum(u.Get(UsageFileBucketTB)), p.origin(UsageFileBucketTB),
				UsageFileGatewayWrittenGB, formatNum(written), UsageFileReplacedPercent, formatNum(u.Get(UsageFileReplacedPercent)))}, true
	}
	return backedUp{}, false
}

// backupVault: the recovery points the plans' rules and copy actions put into the vault, per protected
// resource; a vault in another region (the disaster-recovery copy) also pays the monthly cross-region
// transfer, in the stack's region, and the first full copy is listed as a one-off. A vault nothing writes
// into holds nothing.
func backupVault(p *pricer, r plan.Resource) outcome {
	writes := p.writesInto(r)
	if len(writes) == 0 {
		return outcome{free: "no charge: no backup rule or copy action writes into this vault"}
	}
	plans, longest, rule, copiesOnly := map[string]bool{}, 0.0, "", true
	for _, w := range writes {
		plans[w.plan.URN] = true
		copiesOnly = copiesOnly && w.copy
		if w.retention > longest {
			longest, rule = w.retention, w.rule
		}
	}
	months := longest / daysPerMonth
	remote := p.x.Region(r, p.in.Region) != p.in.Region
	what := "recovery points"
	if copiesOnly {
		// The DR vault, or the backup account's vault in this region.
		what = "copied recovery points"
	}
	var out []Line
	var copied, first float64
	for _, res := range p.protected(plans) {
		b, ok := p.backedUp(res)
		if !ok {
			continue
		}
		stored := b.sizeGB + b.changedGB*months
		l := p.fixed(r, charge{what: b.what + " " + what + " (" + res.Name + ")", quantity: stored, unit: "GB-month", key: b.key})
		l.UsageKey = b.usageKey
		l.Assumption = fmt.Sprintf("%s: a full copy of %s GB + %s GB changed a month × %s months kept (rule %s, %s days)",
			b.assumption, formatNum(roundTo(b.sizeGB, 2)), formatNum(roundTo(b.changedGB, 2)), formatNum(roundTo(months, 2)), rule, formatNum(longest))
		out = append(out, l)
		copied += b.newGB
		first += b.sizeGB
	}
	if remote && len(out) > 0 {
		// The transfer is charged where the copy leaves: the stack's region.
		c := charge{what: "cross-region copy transfer", quantity: copied, unit: "GB", key: "aws_backup.cross_region_gb", region: p.in.Region}
		l := p.fixed(r, c)
		l.UsageKey = UsageFileGatewayWrittenGB
		l.Assumption = fmt.Sprintf("each month's new and changed data of the protected resources, %s GB", formatNum(roundTo(copied, 2)))
		out = append(out, l)
		once := p.fixed(r, charge{what: "first full cross-region copy (once)", quantity: first, unit: "GB", key: "aws_backup.cross_region_gb", region: p.in.Region})
		once.UsageKey = UsageFileBucketTB
		once.Assumption = "the protected resources' full size, copied once when the first recovery points are copied"
		p.oneOff = append(p.oneOff, once)
	}
	return lines(out...)
}

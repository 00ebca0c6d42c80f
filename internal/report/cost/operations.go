package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// Log storage: CloudWatch Logs keeps what a group ingests for its retention; a group that never expires
// is priced as if it kept a year, and says so.
const (
	daysPerMonth             = 365.0 / 12
	neverExpiresAssumedMonth = 12
)

// kmsKey: a customer managed key by the month (requests are not estimated).
func kmsKey(p *pricer, r plan.Resource) outcome {
	return lines(p.fixed(r, charge{what: "KMS key", quantity: 1, unit: "key", key: "kms.cmk_month"}))
}

// isFlowLogGroup reports whether a flow log delivers into the log group: vended logs, priced apart.
func (p *pricer) isFlowLogGroup(r plan.Resource) bool {
	return len(p.x.Dependents(r, typeFlowLog, "logDestination")) > 0
}

// logGroup: ingestion at the usage figure shared by the groups of its kind (flow logs are vended logs,
// with their own figure and price), and storage of what the retention keeps.
func logGroup(p *pricer, r plan.Resource) outcome {
	flow := p.isFlowLogGroup(r)
	k, key, noun, what := UsageLogsIngestedGB, "cloudwatch_logs.ingest_gb", "log groups", "log ingestion"
	if flow {
		k, key, noun, what = UsageFlowLogsIngestedGB, "vpc_flow_logs.cwl_vended_ingest_first_10tb_gb", "flow log groups", "flow log delivery"
	}
	n := p.countOf(typeLogGroup, func(g plan.Resource) bool { return p.isFlowLogGroup(g) == flow })
	ingest := p.usage(r, charge{what: what, unit: "GB", key: key}, k, 1, n, noun)

	days, _ := planread.Number(r.Props(), "retentionInDays")
	months, kept := days/daysPerMonth, fmt.Sprintf("kept %s days", formatNum(days))
	if days == 0 {
		months, kept = neverExpiresAssumedMonth, "never expires: a year assumed"
	}
	// Log storage is billed on the compressed size (CloudWatch Logs pricing: "Store (Archival)", per GB
	// compressed); ingestion on the size sent.
	compressed := p.in.Usage.Get(UsageLogCompressedPercent)
	store := p.usage(r, charge{what: "log storage (compressed)", unit: "GB-month", key: "cloudwatch_logs.storage_gb_month"},
		k, months*compressed/100, n, noun)
	store.Assumption += fmt.Sprintf(", %s (%s months of ingestion), stored at %s %s%% (%s)", kept, formatNum(months),
		UsageLogCompressedPercent, formatNum(compressed), p.origin(UsageLogCompressedPercent))
	return lines(ingest, store)
}

// metricAlarm: priced per metric it watches, at the high-resolution rate when its period is under a minute.
func metricAlarm(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	metrics := 0
	for _, q := range planread.List(props, "metricQueries") {
		if m, ok := q.(map[string]any); ok && planread.Object(m, "metric") != nil {
			metrics++
		}
	}
	if metrics == 0 {
		metrics = 1
	}
	c := charge{what: "standard alarm metrics", quantity: float64(metrics), unit: "metric", key: "cloudwatch.alarm_standard_month"}
	if period, ok := planread.Number(props, "period"); ok && period < 60 {
		c.what, c.key = "high-resolution alarm metrics", "cloudwatch.alarm_high_res_month"
	}
	return lines(p.fixed(r, c))
}

func compositeAlarm(p *pricer, r plan.Resource) outcome {
	return lines(p.fixed(r, charge{what: "composite alarm", quantity: 1, unit: "alarm", key: "cloudwatch.composite_alarm_month"}))
}

// secret: a Secrets Manager secret by the month (API calls are not estimated).
func secret(p *pricer, r plan.Resource) outcome {
	return lines(p.fixed(r, charge{what: "secret", quantity: 1, unit: "secret", key: "secrets_manager.secret_month"}))
}

// The SSM setting that switches the account's hybrid managed nodes to the advanced-instances tier, which
// Session Manager needs for on-premises servers ("Configuring instance tiers", AWS Systems Manager docs);
// the tier is account- and region-wide and charged per managed node-hour.
const activationTierSetting = "/ssm/managed-instance/activation-tier"

// ssmServiceSetting: the advanced-instances tier charges every node the stack's activations may register,
// by the hour; other settings cost nothing.
func ssmServiceSetting(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	if !strings.HasSuffix(planread.String(props, "settingId"), activationTierSetting) || planread.String(props, "settingValue") != "advanced" {
		return outcome{free: noCharge}
	}
	nodes := 0.0
	for _, a := range p.x.OfType(typeSSMActivation) {
		limit, ok := planread.Number(a.Props(), "registrationLimit")
		if !ok {
			limit = 1 // the AWS default
		}
		nodes += limit
	}
	return lines(p.fixed(r, charge{what: "SSM advanced-instances tier", quantity: nodes, unit: "managed node", hourly: true, key: "ssm.hybrid_advanced_instance_hour",
		note: "every on-premises node the activations may register (their registration limits)"}))
}

package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestKeysSecretsAndAlarmsAreChargedByTheMonth(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	s.Resource(c, typeKMSKey, "key", nil, nil)
	s.Resource(c, typeSecret, "secret", nil, nil)
	s.Resource(c, typeMetricAlarm, "standard", map[string]any{"period": 60}, nil)
	s.Resource(c, typeMetricAlarm, "fast", map[string]any{"period": 10}, nil)
	s.Resource(c, typeMetricAlarm, "math", map[string]any{"metricQueries": []any{
		map[string]any{"id": "a", "metric": map[string]any{"metricName": "A"}},
		map[string]any{"id": "b", "metric": map[string]any{"metricName": "B"}},
		map[string]any{"id": "e", "expression": "a+b"},
	}}, nil)
	s.Resource(c, typeCompositeAlarm, "composite", nil, nil)
	r := build(t, s, Usage{})

	assert.InDelta(t, price(t, "kms.cmk_month"), monthlyOf(t, line(t, r, "key", "KMS key")), 1e-9)
	assert.InDelta(t, price(t, "secrets_manager.secret_month"), monthlyOf(t, line(t, r, "secret", "secret")), 1e-9)
	assert.InDelta(t, price(t, "cloudwatch.alarm_standard_month"), monthlyOf(t, line(t, r, "standard", "standard alarm metrics")), 1e-9)
	assert.InDelta(t, price(t, "cloudwatch.alarm_high_res_month"), monthlyOf(t, line(t, r, "fast", "high-resolution alarm metrics")), 1e-9)
	assert.Equal(t, 2.0, line(t, r, "math", "standard alarm metrics").Quantity, "two metrics, the expression is free")
	assert.Nil(t, line(t, r, "composite", "composite alarm").Monthly)
}

func TestLogGroupsShareTheirKindsIngestionAndStoreWhatTheRetentionKeeps(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:network:Vpc", "vpc")
	flow := s.Resource(c, typeLogGroup, "flow", map[string]any{"retentionInDays": 365}, nil)
	s.Resource(c, typeFlowLog, "vpc", nil, map[string][]plan.Resource{"logDestination": {flow}})
	s.Resource(c, typeLogGroup, "app", map[string]any{"retentionInDays": 30}, nil)
	s.Resource(c, typeLogGroup, "audit", map[string]any{}, nil)
	r := build(t, s, Usage{}.With(UsageFlowLogsIngestedGB, 40).With(UsageLogsIngestedGB, 20))

	delivery := line(t, r, "flow", "flow log delivery")
	assert.Equal(t, 40.0, delivery.Quantity)
	assert.InDelta(t, 40*price(t, "vpc_flow_logs.cwl_vended_ingest_first_10tb_gb"), monthlyOf(t, delivery), 1e-9)
	assert.InDelta(t, 40*12*0.3, line(t, r, "flow", "log storage").Quantity, 1e-9, "a year of 40 GB a month, stored compressed to 30%")

	app := line(t, r, "app", "log ingestion")
	assert.Equal(t, 10.0, app.Quantity, "20 GB shared by the 2 other log groups")
	assert.InDelta(t, 10*price(t, "cloudwatch_logs.ingest_gb"), monthlyOf(t, app), 1e-9)
	assert.InDelta(t, 10*30/daysPerMonth*0.3, line(t, r, "app", "log storage").Quantity, 1e-9)
	never := line(t, r, "audit", "log storage")
	assert.InDelta(t, 10*12*0.3, never.Quantity, 1e-9)
	assert.Contains(t, never.Assumption, "logCompressedPercent 30% (default)")
	assert.Contains(t, never.Assumption, "never expires: a year assumed")
	assert.Contains(t, r.Free, TypeCount{Type: typeFlowLog, Count: 1, Reason: pricedViaLogs})
}

func TestTheSSMAdvancedTierChargesEveryNodeTheActivationsMayRegister(t *testing.T) {
	s := &plantest.Builder{}
	m := s.Component("hybridcloud:hybrid:Management", "mgmt")
	s.Resource(m, typeSSMActivation, "linux", map[string]any{"registrationLimit": 30}, nil)
	s.Resource(m, typeSSMActivation, "windows", map[string]any{"registrationLimit": 10}, nil)
	s.Resource(m, typeServiceSetting, "tier", map[string]any{
		"settingId": "arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/managed-instance/activation-tier", "settingValue": "advanced",
	}, nil)
	s.Resource(m, typeServiceSetting, "sharing", map[string]any{"settingId": "/ssm/documents/console/public-sharing-permission", "settingValue": "Disable"}, nil)
	r := build(t, s, Usage{})
	tier := line(t, r, "tier", "SSM advanced-instances tier")
	assert.Equal(t, 40.0, tier.Quantity)
	assert.InDelta(t, 40*730*price(t, "ssm.hybrid_advanced_instance_hour"), monthlyOf(t, tier), 1e-9)
	assert.Empty(t, linesOf(r, "sharing"))
	assert.Contains(t, r.Free, TypeCount{Type: typeServiceSetting, Count: 1, Reason: noCharge})
}

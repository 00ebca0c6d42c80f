package rules

import "slices"

// enhancedMonitoringIntervals are the intervals (seconds) RDS accepts; 0 switches Enhanced Monitoring off.
var enhancedMonitoringIntervals = []float64{1, 5, 10, 15, 30, 60}

// RdsEnhancedMonitoring gives operators OS-level metrics of the database host.
var RdsEnhancedMonitoring = Rule{
	ID: "rds-enhanced-monitoring", Controls: []string{"RDS.6"}, Severity: Low,
	Description: "RDS instances enable Enhanced Monitoring (monitoringInterval 1, 5, 10, 15, 30 or 60) with a monitoringRoleArn.",
	Remediation: "set monitoringInterval 60 and monitoringRoleArn to the monitoring role",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"monitoringInterval", "monitoringRoleArn"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("monitoringInterval")
		seconds, known := number(v, 0)
		switch {
		case !known:
			f.Unknown(r, "monitoringInterval")
		case !slices.Contains(enhancedMonitoringIntervals, seconds):
			f.Fail(r, "monitoringInterval is %s; want one of 1, 5, 10, 15, 30, 60", show(v))
		default:
			requireSet(r, f, "monitoringRoleArn")
		}
	},
}

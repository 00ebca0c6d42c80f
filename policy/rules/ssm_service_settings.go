package rules

import "strings"

// ssmSettings are the service settings the SSM controls name, with the value they want.
var ssmSettings = map[string]string{
	"/ssm/documents/console/public-sharing-permission": "Disable",
	"/ssm/automation/customer-script-log-destination":  "CloudWatch",
}

// SsmServiceSettings holds the account's SSM settings, where a stack declares them: public document sharing
// blocked, Automation script output logged to CloudWatch.
var SsmServiceSettings = Rule{
	ID: "ssm-service-settings", Controls: []string{"SSM.7", "SSM.6"}, Severity: Medium,
	Description: "Where declared, SSM service settings set /ssm/documents/console/public-sharing-permission to Disable and /ssm/automation/customer-script-log-destination to CloudWatch.",
	Remediation: "set settingValue to Disable (public sharing) or CloudWatch (Automation logs)",
	Exceptions:  []string{"Account-level settings (catalogue F3): this program declares neither; the account baseline stack does. The program runs no Automation runbooks (SSM.6)."},
	Types:       []string{ssmServiceSetting},
	Reads:       map[string][]string{ssmServiceSetting: {"settingId", "settingValue"}},
	Resource: func(r Resource, f *Findings) {
		id, known := text(r.Get("settingId"))
		if !known {
			f.Unknown(r, "settingId")
		}
		for suffix, want := range ssmSettings { // an unknown id ("") matches none
			if strings.HasSuffix(id, suffix) {
				requireOneOf(r, f, []string{want}, "", "settingValue")
			}
		}
	},
}

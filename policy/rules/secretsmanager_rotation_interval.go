package rules

import (
	"fmt"
	"strings"
)

// maxRotationDays is SecretsManager.4's default maxDaysSinceRotation.
const maxRotationDays = 90

// SecretsManagerRotationInterval keeps rotations at most 90 days apart.
var SecretsManagerRotationInterval = Rule{
	ID: "secretsmanager-rotation-interval", Controls: []string{"SecretsManager.4"}, Severity: Low,
	Description: "Secret rotations run at least every 90 days: rotationRules.automaticallyAfterDays <= 90, or a scheduleExpression rate(N days) with N <= 90.",
	Remediation: "set rotationRules.automaticallyAfterDays to 90 or less",
	Exceptions:  []string{"A cron(...) scheduleExpression is not evaluated; the last rotation date is run-time state (the catalogue marks SecretsManager.4 partly static)."},
	Types:       []string{secretRotation},
	Reads:       map[string][]string{secretRotation: {"rotationRules.automaticallyAfterDays", "rotationRules.scheduleExpression"}},
	Resource: func(r Resource, f *Findings) {
		days, known := number(r.Get("rotationRules", "automaticallyAfterDays"), 0)
		expr, exprKnown := text(r.Get("rotationRules", "scheduleExpression"))
		var n float64
		var unit string
		_, _ = fmt.Sscanf(expr, "rate(%g %s", &n, &unit) // anything else leaves unit empty
		if strings.HasPrefix(unit, "day") {
			days = n
		}
		switch {
		case !known || !exprKnown:
			f.Unknown(r, "rotationRules")
		case days > maxRotationDays:
			f.Fail(r, "rotates every %s days; want at most %d", trimFloat(days), maxRotationDays)
		case days <= 0 && !strings.HasPrefix(expr, "cron("):
			f.Fail(r, "rotationRules set no interval; want automaticallyAfterDays <= %d", maxRotationDays)
		}
	},
}

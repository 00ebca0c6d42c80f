package rules

import (
	"slices"
	"strings"
)

// eventSubscriptionReads are what the event subscription rules read.
var eventSubscriptionReads = map[string][]string{rdsEventSubscription: {"sourceType", "eventCategories", "enabled", "snsTopic"}}

// eventSubscriptionRule is a stack rule requiring, in a stack with an RDS instance, an enabled event
// subscription for sourceType whose categories include categories (no categories means every category).
func eventSubscriptionRule(id, control, sourceType string, categories []string) Rule {
	return Rule{
		ID: id, Controls: []string{control}, Severity: Low,
		Description: "A stack with an RDS instance has an enabled aws:rds/eventSubscription to an SNS topic for sourceType " + sourceType +
			" whose eventCategories include " + strings.Join(categories, ", ") + " (or are unset: every category).",
		Remediation: "declare an aws:rds/eventSubscription {sourceType: " + sourceType + ", eventCategories: [" + strings.Join(categories, ", ") + "], snsTopic: <the operations topic>}",
		Reads:       eventSubscriptionReads,
		Stack: func(rs []Resource, f *Findings) {
			dbs := ofType(rs, rdsInstance)
			if len(dbs) == 0 {
				return
			}
			answer := no
			for _, s := range ofType(rs, rdsEventSubscription) {
				answer = max(answer, subscribes(s, sourceType, categories))
			}
			switch answer {
			case yes:
			case pending:
				f.Unknown(dbs[0], "the stack's RDS event subscriptions")
			default:
				f.Fail(dbs[0], "no enabled %s for sourceType %s covers %s", rdsEventSubscription, sourceType, strings.Join(categories, ", "))
			}
		},
	}
}

// subscribes says whether subscription s is enabled for sourceType with every category in want.
func subscribes(s Resource, sourceType string, want []string) verdict {
	typ, typeKnown := text(s.Get("sourceType"))
	enabled := s.Get("enabled")
	on, enabledKnown := truth(enabled)
	cats, catsKnown := texts(s.Get("eventCategories"))
	topic, topicKnown := text(s.Get("snsTopic")) // an unknown topic ARN will be set
	switch {
	case !typeKnown || !enabledKnown || !catsKnown:
		return pending
	case typ != sourceType || !on && !enabled.IsNull() || topicKnown && topic == "":
		return no
	case len(cats) > 0 && slices.ContainsFunc(want, func(c string) bool { return !slices.Contains(cats, c) }):
		return no
	}
	return yes
}

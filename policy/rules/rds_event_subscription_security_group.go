package rules

// RdsEventSubscriptionSecurityGroup tells operators when a DB security group changes or fails. DB security
// groups are EC2-Classic's; the control is still evaluated, and a subscription costs nothing.
var RdsEventSubscriptionSecurityGroup = eventSubscriptionRule("rds-event-subscription-security-group", "RDS.22", "db-security-group",
	[]string{"configuration change", "failure"})

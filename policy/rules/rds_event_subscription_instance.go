package rules

// RdsEventSubscriptionInstance tells operators when the database fails over, changes or is maintained.
var RdsEventSubscriptionInstance = eventSubscriptionRule("rds-event-subscription-instance", "RDS.20", "db-instance",
	[]string{"maintenance", "configuration change", "failure"})

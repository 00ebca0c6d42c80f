package rules

// RdsEventSubscriptionParameterGroup tells operators when a database parameter group changes.
var RdsEventSubscriptionParameterGroup = eventSubscriptionRule("rds-event-subscription-parameter-group", "RDS.21", "db-parameter-group",
	[]string{"configuration change"})

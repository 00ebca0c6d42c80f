package data

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// eventSubscription is one RDS event subscription: a source type, the sources of that type (none: every
// source of the type in the account and region) and the event categories operators are told of.
type eventSubscription struct {
	Role       string
	SourceType string
	Categories []string
}

// eventSubscriptions are what operators hear about from RDS (FSBP RDS.20-22): the instance's failures,
// failovers, maintenance and configuration changes, and configuration changes of its parameter group and of
// DB security groups. Categories per source type: RDS User Guide, "Amazon RDS event categories and event
// messages" (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html).
var eventSubscriptions = []eventSubscription{
	{Role: "instance", SourceType: "db-instance", Categories: []string{"availability", "configuration change", "deletion", "failover", "failure", "low storage", "maintenance", "notification", "recovery", "restoration"}},
	{Role: "parameter-group", SourceType: "db-parameter-group", Categories: []string{"configuration change"}},
	// DB security groups belong to EC2-Classic; this instance uses VPC security groups, so the subscription
	// covers every DB security group of the account (there should be none) and costs nothing.
	{Role: "security-group", SourceType: "db-security-group", Categories: []string{"configuration change", "failure"}},
}

// subscribeToEvents sends the instance's and its parameter group's RDS events to topic.
func subscribeToEvents(ctx *pulumi.Context, name string, topic pulumi.StringInput, db *rds.Instance, params *rds.ParameterGroup, parent pulumi.ResourceOption) error {
	for _, e := range eventSubscriptions {
		var sources pulumi.StringArray
		switch e.SourceType {
		case "db-instance":
			sources = pulumi.StringArray{db.Identifier}
		case "db-parameter-group":
			sources = pulumi.StringArray{params.Name}
		default: // db-security-group: every source of the type
		}
		if _, err := rds.NewEventSubscription(ctx, name+"-events-"+e.Role, &rds.EventSubscriptionArgs{
			SnsTopic:        topic,
			SourceType:      pulumi.String(e.SourceType),
			SourceIds:       sources,
			EventCategories: pulumi.ToStringArray(e.Categories),
			Enabled:         pulumi.Bool(true),
		}, parent); err != nil {
			return err
		}
	}
	return nil
}

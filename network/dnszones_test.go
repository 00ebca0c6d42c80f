package network

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestForwarderZonesAreTheServicesDefaultNames(t *testing.T) {
	for short, want := range map[string]string{
		"ssm":           "ssm.us-east-1.amazonaws.com",
		"ecr.api":       "api.ecr.us-east-1.amazonaws.com",
		"ecr.dkr":       "dkr.ecr.us-east-1.amazonaws.com",
		"s3":            "s3.us-east-1.amazonaws.com",
		"ecs-agent":     "us-east-1.amazonaws.com",
		"ecs-telemetry": "us-east-1.amazonaws.com",
	} {
		assert.Equal(t, want, ForwarderZone(short, "us-east-1"), short)
	}
	assert.Equal(t, []string{"api.ecr.eu-west-1.amazonaws.com", "eu-west-1.amazonaws.com", "logs.eu-west-1.amazonaws.com"},
		ForwarderZones([]string{"logs", "ecs-agent", "ecr.api", "ecs-telemetry"}, "eu-west-1"))
}

package rules

import "testing"

func TestEcsNoCredentialsInEnv(t *testing.T) {
	checkRule(t, EcsNoCredentialsInEnv, "aws:ecs/taskDefinition:TaskDefinition",
		map[string]any{"containerDefinitions": `[{"name":"api","environment":[{"name":"LOG_LEVEL","value":"info"}],"secrets":[{"name":"DB","valueFrom":"arn:secret"}]}]`}, []mutation{
			{name: "plain settings and secrets pass"},
			{name: "an access key in the environment fails", set: map[string]any{"containerDefinitions": `[{"name":"api","environment":[{"name":"AWS_SECRET_ACCESS_KEY","value":"x"}]}]`},
				wantFail: `container "api" sets AWS_SECRET_ACCESS_KEY in environment`},
		})
}

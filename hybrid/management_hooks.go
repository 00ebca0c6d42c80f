package hybrid

import (
	"encoding/json"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The hooks read the host's container instance from the ECS agent's introspection API (localhost:51678, on
// every ECS Anywhere host) and call ECS with the AWS CLI under the credentials the SSM agent keeps for the
// node; a node without an ECS agent has nothing to drain. The CLI and python3 are prerequisites of the
// hosts (docs/operations.md, "Patching").
const (
	introspect = `meta=$(curl -sf http://localhost:51678/v1/metadata) || { echo "no ECS agent on this node: nothing to drain"; exit 0; }
field() { printf '%s' "$meta" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
cluster=$(field Cluster); instance=$(field ContainerInstanceArn); region=$(printf '%s' "$instance" | cut -d: -f4)
`
	// drainScript sets the container instance DRAINING and waits (up to the 30 minutes ECS gives a
	// deployment) until no task runs on it: ECS starts the replacements elsewhere first, within each
	// service's minimum healthy percent. A timeout fails the hook, and so the patching of this host.
	drainScript = introspect + `aws ecs update-container-instances-state --region "$region" --cluster "$cluster" --container-instances "$instance" --status DRAINING
for i in $(seq 1 60); do
  running=$(curl -sf http://localhost:51678/v1/tasks | python3 -c "import json,sys; print(sum(1 for t in json.load(sys.stdin)['Tasks'] if t['KnownStatus'] != 'STOPPED'))")
  [ "$running" = 0 ] && { echo "drained $instance"; exit 0; }
  sleep 30
done
echo "tasks still run on $instance after 30 minutes: not patching it"; exit 1
`
	// activateScript returns the container instance to service after the patching and its reboot.
	activateScript = introspect + `aws ecs update-container-instances-state --region "$region" --cluster "$cluster" --container-instances "$instance" --status ACTIVE
`
)

// hookDocument is an SSM Command document running script on Linux.
func hookDocument(description, script string) (string, error) {
	b, err := json.Marshal(map[string]any{
		"schemaVersion": "2.2",
		"description":   description,
		"mainSteps": []map[string]any{{
			"action": "aws:runShellScript", "name": "run", "precondition": map[string]any{"StringEquals": []string{"platformType", "Linux"}},
			"inputs": map[string]any{"runCommand": []string{"set -eu", script}, "timeoutSeconds": 2400},
		}},
	})
	return string(b), err
}

// declareHookDocuments declares the drain (pre-install) and reactivate (on-exit) hooks and returns their
// names, which the patch task passes to AWS-RunPatchBaselineWithHooks.
func declareHookDocuments(ctx *pulumi.Context, name string, parent pulumi.ResourceOption) (string, string, error) {
	var names []string
	for _, h := range []struct{ suffix, description, script string }{
		{"drain-ecs-host", "Drain this node's ECS container instance before patching", drainScript},
		{"activate-ecs-host", "Return this node's ECS container instance to service after patching", activateScript},
	} {
		content, err := hookDocument(h.description, h.script)
		if err != nil {
			return "", "", err
		}
		if _, err := ssm.NewDocument(ctx, name+"-"+h.suffix, &ssm.DocumentArgs{
			Name:           pulumi.String(name + "-" + h.suffix),
			DocumentType:   pulumi.String("Command"),
			DocumentFormat: pulumi.String("JSON"),
			Content:        pulumi.String(content),
		}, parent); err != nil {
			return "", "", err
		}
		names = append(names, name+"-"+h.suffix)
	}
	return names[0], names[1], nil
}

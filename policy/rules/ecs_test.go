package rules

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// withContainers returns a copy of a task definition's inputs with its container definitions edited.
func withContainers(t *testing.T, inputs map[string]any, edit func(cs []map[string]any) []map[string]any) map[string]any {
	t.Helper()
	var cs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(inputs["containerDefinitions"].(string)), &cs))
	raw, err := json.Marshal(edit(cs))
	require.NoError(t, err)
	out := deepCopy(inputs).(map[string]any)
	out["containerDefinitions"] = string(raw)
	return out
}

// editContainer edits the first container of a prod task definition.
func editContainer(t *testing.T, name string, edit func(c map[string]any)) string {
	t.Helper()
	return withContainers(t, inputsOf(t, "prod", ecsTaskDefinition, name), func(cs []map[string]any) []map[string]any {
		edit(cs[0])
		return cs
	})["containerDefinitions"].(string)
}

// second adds a copy of the first container, edited, as a second container.
func second(t *testing.T, name string, edit func(c map[string]any)) string {
	t.Helper()
	return withContainers(t, inputsOf(t, "prod", ecsTaskDefinition, name), func(cs []map[string]any) []map[string]any {
		c := deepCopy(cs[0]).(map[string]any)
		c["name"] = "sidecar"
		edit(c)
		return append(cs, c)
	})["containerDefinitions"].(string)
}

const claims = "prod-services-claims-api"

func TestContainerFieldsAreTheECSAPIs(t *testing.T) {
	// The container struct reads only fields the ECS API's ContainerDefinition has (containerFields), and a
	// container the program declares uses them under those names.
	var c container
	raw, err := json.Marshal(c)
	require.NoError(t, err)
	var fields map[string]any
	require.NoError(t, json.Unmarshal(raw, &fields))
	for f := range fields {
		require.Contains(t, containerFields, f)
	}
	require.Len(t, fields, len(containerFields))
	var program []map[string]any
	require.NoError(t, json.Unmarshal([]byte(inputsOf(t, "prod", ecsTaskDefinition, claims)["containerDefinitions"].(string)), &program))
	for _, f := range []string{"name", "privileged", "readonlyRootFilesystem", "environment", "logConfiguration"} {
		require.Contains(t, program[0], f, "the program writes %s under this name", f)
	}
}

func TestContainersAreRead(t *testing.T) {
	checkRule(t, EcsNoPrivileged, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, claims), []mutation{
		{name: "invalid JSON fails", set: map[string]any{"containerDefinitions": "{"}, wantFail: "containerDefinitions is not a JSON array of containers"},
		{name: "unknown definitions are re-checked at up", set: map[string]any{"containerDefinitions": unknown}, wantUnknown: "containerDefinitions"},
	})
}

func TestEcsNoPrivileged(t *testing.T) {
	for _, name := range namesOf(t, ecsTaskDefinition) {
		checkRule(t, EcsNoPrivileged, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, name), []mutation{
			{name: name + " passes"},
			{name: name + " privileged fails", set: map[string]any{"containerDefinitions": editContainer(t, name, func(c map[string]any) { c["privileged"] = true })},
				wantFail: "has privileged = true"},
			{name: name + " with a privileged sidecar fails", set: map[string]any{"containerDefinitions": second(t, name, func(c map[string]any) { c["privileged"] = true })},
				wantFail: `container "sidecar" has privileged = true`},
		})
	}
}

func TestEcsNoCredentialsInEnv(t *testing.T) {
	var cases []mutation
	for _, v := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"} {
		cases = append(cases, mutation{name: v + " fails", wantFail: "sets " + v + " in environment; pass it through secrets",
			set: map[string]any{"containerDefinitions": editContainer(t, claims, func(c map[string]any) {
				c["environment"] = append(c["environment"].([]any), map[string]any{"name": v, "value": "x"})
			})}})
	}
	cases = append(cases, mutation{name: "the program's environment passes"},
		mutation{name: "a sidecar's credential fails", wantFail: `container "sidecar" sets AWS_ACCESS_KEY_ID`,
			set: map[string]any{"containerDefinitions": second(t, claims, func(c map[string]any) {
				c["environment"] = []any{map[string]any{"name": "AWS_ACCESS_KEY_ID", "value": "x"}}
			})}})
	checkRule(t, EcsNoCredentialsInEnv, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, claims), cases)
}

func TestEcsTaskLogging(t *testing.T) {
	checkRule(t, EcsTaskLogging, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, claims), []mutation{
		{name: "awslogs passes"},
		{name: "no log configuration fails", set: map[string]any{"containerDefinitions": editContainer(t, claims, func(c map[string]any) { delete(c, "logConfiguration") })},
			wantFail: `container "claims-api" has no logConfiguration.logDriver`},
		{name: "no driver fails", set: map[string]any{"containerDefinitions": editContainer(t, claims, func(c map[string]any) { c["logConfiguration"] = map[string]any{} })},
			wantFail: "has no logConfiguration.logDriver"},
		{name: "a sidecar without logging fails", set: map[string]any{"containerDefinitions": second(t, claims, func(c map[string]any) { delete(c, "logConfiguration") })},
			wantFail: `container "sidecar"`},
	})
}

func TestEcsReadonlyRoot(t *testing.T) {
	checkRule(t, EcsReadonlyRoot, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, claims), []mutation{
		{name: "a read-only root passes"},
		{name: "a writable root fails", set: map[string]any{"containerDefinitions": editContainer(t, claims, func(c map[string]any) { c["readonlyRootFilesystem"] = false })},
			wantFail: `container "claims-api" has readonlyRootFilesystem false; want true`},
		{name: "unset fails", set: map[string]any{"containerDefinitions": editContainer(t, claims, func(c map[string]any) { delete(c, "readonlyRootFilesystem") })},
			wantFail: "readonlyRootFilesystem unset"},
		{name: "a writable sidecar fails", set: map[string]any{"containerDefinitions": second(t, claims, func(c map[string]any) { c["readonlyRootFilesystem"] = false })},
			wantFail: `container "sidecar"`},
		{name: "a Windows task is out of scope", set: map[string]any{"runtimePlatform.operatingSystemFamily": "WINDOWS_SERVER_2022_CORE",
			"containerDefinitions": editContainer(t, claims, func(c map[string]any) { c["readonlyRootFilesystem"] = false })}},
		{name: "a Linux task is in scope", set: map[string]any{"runtimePlatform.operatingSystemFamily": "LINUX",
			"containerDefinitions": editContainer(t, claims, func(c map[string]any) { c["readonlyRootFilesystem"] = false })}, wantFail: "readonlyRootFilesystem false"},
		{name: "an unknown family is re-checked", set: map[string]any{"runtimePlatform.operatingSystemFamily": unknown,
			"containerDefinitions": editContainer(t, claims, func(c map[string]any) { c["readonlyRootFilesystem"] = false })}, wantUnknown: "operatingSystemFamily"},
	})
	checkRule(t, EcsReadonlyRoot, ecsTaskDefinition, inputsOf(t, "dev", ecsTaskDefinition, "dev-services-claims-api"), []mutation{
		{name: "dev's ECS Exec task has a writable root (advisory in dev)", wantFail: "readonlyRootFilesystem false"},
	})
}

func TestEcsHostNetworkUser(t *testing.T) {
	host := func(user any, privileged bool) map[string]any {
		return map[string]any{"networkMode": "host", "containerDefinitions": editContainer(t, claims, func(c map[string]any) {
			c["privileged"] = privileged
			if user != nil {
				c["user"] = user
			}
		})}
	}
	checkRule(t, EcsHostNetworkUser, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, claims), []mutation{
		{name: "awsvpc passes"},
		{name: "bridge passes, root or not", set: map[string]any{"networkMode": "bridge"}},
		{name: "host mode with the image's user fails", set: host(nil, false), wantFail: `networkMode is "host" and container "claims-api" runs as user "" (root)`},
		{name: "host mode as root fails", set: host("root", false), wantFail: `runs as user "root"`},
		{name: "host mode as uid 0 with a group fails", set: host("0:1000", false), wantFail: `runs as user "0:1000"`},
		{name: "host mode as a named user passes", set: host("app:app", false)},
		{name: "host mode as uid 1000 passes", set: host("1000", false)},
		{name: "host mode privileged passes ECS.1 (ECS.4 refuses it)", set: host(nil, true)},
		{name: "an unknown mode is re-checked", set: map[string]any{"networkMode": unknown}, wantUnknown: "networkMode"},
	})
}

func TestEcsNoHostPID(t *testing.T) {
	checkRule(t, EcsNoHostPID, ecsTaskDefinition, inputsOf(t, "prod", ecsTaskDefinition, claims), []mutation{
		{name: "unset passes"},
		{name: "task passes", set: map[string]any{"pidMode": "task"}},
		{name: "host fails", set: map[string]any{"pidMode": "host"}, wantFail: `pidMode is "host"`},
		{name: "unknown is re-checked", set: map[string]any{"pidMode": unknown}, wantUnknown: "pidMode"},
	})
}

func TestEcsServiceNoPublicIP(t *testing.T) {
	checkRule(t, EcsServiceNoPublicIP, ecsService, inputsOf(t, "prod", ecsService, claims), []mutation{
		{name: "no public IP passes"},
		{name: "a public IP fails", set: map[string]any{"networkConfiguration.assignPublicIp": true}, wantFail: "networkConfiguration.assignPublicIp is true; want false"},
		{name: "unknown is re-checked", set: map[string]any{"networkConfiguration.assignPublicIp": unknown}, wantUnknown: "assignPublicIp"},
	})
	checkRule(t, EcsServiceNoPublicIP, ecsService, inputsOf(t, "prod", ecsService, "prod-services-document-scanner"), []mutation{{name: "an EXTERNAL service has no network configuration"}})
	checkRule(t, EcsServiceNoPublicIP, ecsTaskSet, map[string]any{"cluster": "c", "service": "s", "taskDefinition": "td",
		"networkConfiguration": map[string]any{"subnets": []any{"subnet-1"}, "assignPublicIp": false}}, []mutation{
		{name: "a task set without a public IP passes"},
		{name: "a task set with one fails", set: map[string]any{"networkConfiguration.assignPublicIp": true}, wantFail: "assignPublicIp is true"},
	})
}

func TestEcsContainerInsights(t *testing.T) {
	checkRule(t, EcsContainerInsights, ecsCluster, inputsOf(t, "prod", ecsCluster, "prod-compute"), []mutation{
		{name: "enabled passes"},
		{name: "enhanced passes", set: map[string]any{"settings[0].value": "enhanced"}},
		{name: "disabled fails", set: map[string]any{"settings[0].value": "disabled"}, wantFail: `containerInsights is "disabled"`},
		{name: "no settings fail", set: map[string]any{"settings": nil}, wantFail: "settings has no containerInsights entry"},
		{name: "another setting only fails", set: map[string]any{"settings[0].name": "other"}, wantFail: "settings has no containerInsights entry"},
		{name: "the setting after another passes", set: map[string]any{"settings[1]": map[string]any{"name": "containerInsights", "value": "enabled"}, "settings[0].name": "other"}},
		{name: "unknown settings are re-checked", set: map[string]any{"settings": unknown}, wantUnknown: "settings"},
		{name: "an unknown value is re-checked", set: map[string]any{"settings[0].value": unknown}, wantUnknown: "settings[0].value"},
		{name: "an unknown name is re-checked, not a violation", set: map[string]any{"settings[0].name": unknown}, wantUnknown: "settings[].name"},
		{name: "an unknown name beside the setting passes", set: map[string]any{"settings[1]": map[string]any{"name": unknown, "value": "x"}}},
		{name: "an unknown name before another setting is re-checked", set: map[string]any{"settings[0].name": unknown, "settings[1]": map[string]any{"name": "other", "value": "x"}},
			wantUnknown: "settings[].name"},
	})
}

func TestEcsExecLogged(t *testing.T) {
	const exec = "configuration.executeCommandConfiguration."
	checkRule(t, EcsExecLogged, ecsCluster, inputsOf(t, "prod", ecsCluster, "prod-compute"), []mutation{
		{name: "encrypted and logged passes"},
		{name: "no configuration fails", set: map[string]any{"configuration": nil}, wantFail: "executeCommandConfiguration is unset: sessions would be neither encrypted nor logged"},
		{name: "no key fails", set: map[string]any{exec + "kmsKeyId": nil}, wantFail: exec + "kmsKeyId is unset"},
		{name: "default logging fails", set: map[string]any{exec + "logging": "DEFAULT"}, wantFail: exec + `logging is "DEFAULT"; want "OVERRIDE"`},
		{name: "no log group fails", set: map[string]any{exec + "logConfiguration.cloudWatchLogGroupName": nil}, wantFail: "cloudWatchLogGroupName is unset"},
		{name: "unencrypted logs fail", set: map[string]any{exec + "logConfiguration.cloudWatchEncryptionEnabled": false}, wantFail: "cloudWatchEncryptionEnabled is false"},
		{name: "unknown logging is re-checked", set: map[string]any{exec + "logging": unknown}, wantUnknown: "logging"},
	})
}

func TestSsmActivationExpiry(t *testing.T) {
	checkRule(t, SsmActivationExpiry, ssmActivation, inputsOf(t, "prod", ssmActivation, "prod-compute-anywhere"), []mutation{
		{name: "an expiring, limited activation passes"},
		{name: "no expiry fails", set: map[string]any{"expirationDate": nil}, wantFail: "expirationDate is unset"},
		{name: "no limit fails", set: map[string]any{"registrationLimit": nil}, wantFail: "registrationLimit is unset"},
		{name: "an expiry computed at deploy time passes", set: map[string]any{"expirationDate": unknown}},
	})
}

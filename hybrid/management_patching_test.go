package hybrid

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPatchGroupsAreSplitByHowTheirHostsMayBePatched(t *testing.T) {
	ordinary, scanned, drained := patchGroupsByHandling([]string{"ecs-hosts", "onprem-linux", "ecs-anywhere", "onprem-windows"}, []string{"ecs-hosts"}, []string{"ecs-anywhere"})
	assert.Equal(t, []string{"onprem-linux", "onprem-windows"}, ordinary)
	assert.Equal(t, []string{"ecs-hosts"}, scanned)
	assert.Equal(t, []string{"ecs-anywhere"}, drained)

	task := drainTask("drain", "activate")
	assert.Equal(t, "AWS-RunPatchBaselineWithHooks", task.document)
	assert.Equal(t, "1", task.maxConcurrency, "never more than one ECS Anywhere host out of service")
	assert.Equal(t, "0", task.maxErrors, "a host that cannot drain stops the window before the next")
	assert.Equal(t, map[string]string{"Operation": "Install", "RebootOption": "RebootIfNeeded", "PreInstallHookDocName": "drain", "OnExitHookDocName": "activate"}, task.parameters)
	assert.Equal(t, "NoReboot", scanTask.parameters["RebootOption"])
	assert.Equal(t, "Scan", scanTask.parameters["Operation"])
}

func TestTheDrainHookWaitsForTheTasksAndFailsRatherThanRebootABusyHost(t *testing.T) {
	doc, err := hookDocument("d", drainScript)
	assert.NoError(t, err)
	assert.Contains(t, doc, `"schemaVersion":"2.2"`)
	assert.Contains(t, drainScript, "--status DRAINING")
	assert.Contains(t, drainScript, "exit 1", "a host whose tasks do not drain is not patched")
	assert.Contains(t, drainScript, "nothing to drain\"; exit 0", "a node without an ECS agent is patched as usual")
	assert.Contains(t, activateScript, "--status ACTIVE")
}

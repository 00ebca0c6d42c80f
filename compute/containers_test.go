package compute

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute/spec"
)

func decodeContainers(t *testing.T, s namedService, rt containerRuntime) containerDefinition {
	t.Helper()
	doc, err := containerDefinitions(s, rt)
	require.NoError(t, err)
	var defs []containerDefinition
	require.NoError(t, json.Unmarshal([]byte(doc), &defs))
	require.Len(t, defs, 1)
	return defs[0]
}

func TestContainerGetsTheDatabaseEndpointAndItsOwnRoleButNoPassword(t *testing.T) {
	svc := testService("claims-api")
	db := &databaseConnection{Host: testDBAddress, Port: 5433, Name: "app", User: "svc_claims_api"}
	def := decodeContainers(t, svc, containerRuntime{Image: "repo:1.4.2", LogGroup: "g", Region: "us-east-1", Database: db})
	assert.Equal(t, []secretRef{{Name: "API_SIGNING_KEY", ValueFrom: testSecret}}, def.Secrets, "its own secret only: no database credential")
	assert.Equal(t, []keyValue{
		{Name: spec.DatabaseHostVar, Value: testDBAddress},
		{Name: spec.DatabaseNameVar, Value: "app"},
		{Name: spec.DatabasePortVar, Value: "5433"},
		{Name: spec.DatabaseUserVar, Value: "svc_claims_api"},
		{Name: "LOG_LEVEL", Value: "info"},
	}, def.Environment)
}

func TestContainerIsUnprivilegedReadOnlyAndLogsToItsGroup(t *testing.T) {
	svc := testService("claims-api")
	def := decodeContainers(t, svc, containerRuntime{Image: "repo:1.4.2", LogGroup: "s-claims-api", Region: "us-east-1"})
	assert.Equal(t, "claims-api", def.Name)
	assert.Equal(t, "repo:1.4.2", def.Image)
	assert.True(t, def.Essential)
	assert.False(t, def.Privileged)
	assert.True(t, def.ReadonlyRootFilesystem)
	assert.Equal(t, []mountPoint{{SourceVolume: tmpVolume, ContainerPath: "/tmp"}}, def.MountPoints, "a writable /tmp beside the read-only root")
	assert.Equal(t, []portMapping{{ContainerPort: 8080, HostPort: 8080, Protocol: "tcp"}}, def.PortMappings)
	assert.Equal(t, logConfiguration{LogDriver: "awslogs", Options: map[string]string{
		"awslogs-group": "s-claims-api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "claims-api",
	}}, def.LogConfiguration)
	assert.Empty(t, decodeContainers(t, testService("scanner"), containerRuntime{}).Secrets, "no database, no secrets")
}

func TestContainerDefinitionsDoNotDependOnMapOrder(t *testing.T) {
	svc := testService("claims-api")
	svc.Environment = map[string]string{"B": "2", "A": "1", "C": "3"}
	first, err := containerDefinitions(svc, containerRuntime{})
	require.NoError(t, err)
	for range 20 {
		again, err := containerDefinitions(svc, containerRuntime{})
		require.NoError(t, err)
		require.Equal(t, first, again, "a reordered document would redeploy the service")
	}
}

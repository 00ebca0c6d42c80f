package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// project writes a project declaring projectConfig and one stack file, and returns the folder.
func project(t *testing.T, projectConfig, stackYAML string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte("name: demo\nruntime: go\nconfig:\n"+projectConfig), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.test.yaml"), []byte(stackYAML), 0o600))
	return dir
}

const settingsOnly = "  demo:settings:\n    type: object\n"

func TestLoadStackNamesEveryNestedSecureValueByItsPathWithItsOwnPlaceholder(t *testing.T) {
	dir := project(t, settingsOnly, `config:
  demo:settings:
    gateway:
      activationKey:
        secure: v1:AAAA
    vpn:
      gateways:
        - name: edge1
          tunnels:
            - presharedKey:
                secure: v1:BBBB
            - presharedKey:
                secure: v1:BBBB
`)
	st, err := LoadStack(dir, "test")
	require.NoError(t, err)

	paths := []string{
		"demo:settings.gateway.activationKey",
		"demo:settings.vpn.gateways[0].tunnels[0].presharedKey",
		"demo:settings.vpn.gateways[0].tunnels[1].presharedKey",
	}
	assert.Equal(t, paths, st.SecretPaths, "one entry per secure value, in the --path syntax")
	assert.Equal(t, []string{"demo:settings"}, st.SecretKeys, "the engine marks the whole key secret")

	var got struct {
		Gateway struct{ ActivationKey string }
		VPN     struct {
			Gateways []struct {
				Tunnels []struct{ PresharedKey string }
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(st.Config["demo:settings"]), &got), st.Config["demo:settings"])
	assert.Equal(t, SecretPlaceholder(paths[0]), got.Gateway.ActivationKey)
	require.Len(t, got.VPN.Gateways, 1)
	require.Len(t, got.VPN.Gateways[0].Tunnels, 2)
	assert.Equal(t, SecretPlaceholder(paths[1]), got.VPN.Gateways[0].Tunnels[0].PresharedKey)
	assert.Equal(t, SecretPlaceholder(paths[2]), got.VPN.Gateways[0].Tunnels[1].PresharedKey,
		"equal ciphertexts at two paths still get two placeholders")
	assert.NotEqual(t, got.VPN.Gateways[0].Tunnels[0].PresharedKey, got.VPN.Gateways[0].Tunnels[1].PresharedKey)
	assert.NotContains(t, st.Config["demo:settings"], "v1:", "ciphertext never reaches the program")
}

func TestLoadStackRefusesAKeySetTwiceAtAnyDepth(t *testing.T) {
	dir := project(t, settingsOnly, `config:
  demo:settings:
    database:
      multiAz: false
      multiAz: true
`)
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.test.yaml:5: demo:settings.database.multiAz is set twice (first at line 4)")
}

func TestLoadStackRefusesATopLevelKeySetTwice(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  demo:settings: {a: 1}\n  demo:settings: {a: 2}\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.test.yaml:3: demo:settings is set twice (first at line 2)")
}

func TestLoadStackRefusesASecondYAMLDocument(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  demo:settings: {a: 1}\n---\nconfig:\n  demo:settings: {a: 2}\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.test.yaml:3: a second YAML document")
}

func TestLoadStackRefusesASecondDocumentInTheProjectFileToo(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  demo:settings: {}\n")
	path := filepath.Join(dir, "Pulumi.yaml")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append(b, []byte("---\nname: other\n")...), 0o600))
	_, err = LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.yaml:")
	assert.Contains(t, err.Error(), "a second YAML document")
}

func TestLoadStackReportsTypedKeysWithoutADefaultThatTheStackLacksAsTheCLIDoes(t *testing.T) {
	dir := project(t, "  demo:usage:\n    type: object\n  demo:another:\n    type: string\n  demo:tags:\n    type: object\n    default: {}\n", "config: {}\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Stack 'test' is missing configuration values 'demo:another' and 'demo:usage'")
	assert.NotContains(t, err.Error(), "tags", "a declared default fills the key")

	dir = project(t, "  usage:\n    type: object\n", "config: {}\n")
	_, err = LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Stack 'test' is missing configuration value 'usage'")
}

func TestLoadStackChecksEveryDeclaredTypeAndReportsAllAtOnce(t *testing.T) {
	dir := project(t, settingsOnly+"  demo:size:\n    type: integer\n", "config:\n  demo:settings: plain text\n  demo:size: large\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Stack 'test' with configuration key 'demo:settings' must be of type 'object'")
	assert.Contains(t, err.Error(), "Stack 'test' with configuration key 'demo:size' must be of type 'integer'")
}

func TestLoadStackRefusesPlainTextForAKeyDeclaredSecret(t *testing.T) {
	dir := project(t, "  demo:token:\n    type: string\n    secret: true\n", "config:\n  demo:token: hunter2\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Stack 'test' with configuration key 'demo:token' must be encrypted as it's secret")

	dir = project(t, "  demo:token:\n    type: string\n    secret: true\n", "config:\n  demo:token:\n    secure: v1:AAAA\n")
	st, err := LoadStack(dir, "test")
	require.NoError(t, err)
	assert.Equal(t, SecretPlaceholder("demo:token"), st.Config["demo:token"])
	assert.Equal(t, []string{"demo:token"}, st.SecretPaths)
}

func TestLoadStackNamesTheDeclaredKeyForAWronglyCasedOne(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  demo:settings: {}\n  demo:Settings: {multiAz: true}\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "demo:Settings is not declared in Pulumi.yaml (keys are case-sensitive: demo:settings)")
}

func TestLoadStackExplainsThatAFlatPathIsNotAKey(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  demo:settings: {}\n  demo:settings.cidr: 10.0.0.0/16\n")
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "demo:settings.cidr is not declared in Pulumi.yaml (a --path inside a structured key is not a key of its own")
}

func TestLoadStackAcceptsKeysWithoutTheProjectNamespace(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  settings: {a: 1}\n")
	st, err := LoadStack(dir, "test")
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1}`, st.Config["demo:settings"], "the SDK namespaces bare keys with the project")
}

func TestLoadStackReadsTheFileOfAnOrganisationQualifiedStackName(t *testing.T) {
	dir := project(t, settingsOnly, "config:\n  demo:settings: {a: 1}\n")
	st, err := LoadStack(dir, "acme/test")
	require.NoError(t, err)
	assert.Equal(t, "test", st.Name, "Pulumi Cloud's org/stack names the file by the stack part")
}

func TestLoadStackPassesAnUnquotedDateAsTheCLIDoes(t *testing.T) {
	// The CLI's YAML reader turns an unquoted date into a timestamp and hands the program its Go text; the
	// offline plan now sees the same value, so config validation catches it before `pulumi up` does.
	dir := project(t, settingsOnly, "config:\n  demo:settings: {quoted: \"2026-12-20\", unquoted: 2026-12-20}\n")
	st, err := LoadStack(dir, "test")
	require.NoError(t, err)
	assert.JSONEq(t, `{"quoted":"2026-12-20","unquoted":"2026-12-20 00:00:00 +0000 UTC"}`, st.Config["demo:settings"])
}

func TestLoadStackRefusesAProjectFileThePulumiSchemaRejects(t *testing.T) {
	dir := project(t, settingsOnly, "config: {}\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte("runtime: go\n"), 0o600))
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "name")
}

func TestFormatErrorListsJoinedProblemsUnderTheirHeader(t *testing.T) {
	joined := errors.Join(errors.New("hybridcloud:network.cidr: not RFC 1918"), errors.New("hybridcloud:database.multiAz: required in prod"))
	err := fmt.Errorf("config: invalid stack configuration:\n%w", joined)
	assert.Equal(t, "config: invalid stack configuration:\n"+
		"  - hybridcloud:network.cidr: not RFC 1918\n"+
		"  - hybridcloud:database.multiAz: required in prod", FormatError(err))

	assert.Equal(t, "plan: one problem", FormatError(errors.New("plan: one problem")), "a single error prints as it is")
	assert.Equal(t, "  - a\n  - b\n  - c", FormatError(errors.Join(errors.New("a"), errors.Join(errors.New("b"), errors.New("c")))),
		"nested joins flatten into one list")
}

func TestStackFilePathNamesTheFileLoadStackReads(t *testing.T) {
	dir := writeProject(t, "config:\n  demo:size: 3\n")
	for _, stack := range []string{"test", "org/test"} {
		path, err := StackFilePath(dir, stack)
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(dir, "Pulumi.test.yaml"), path, stack)
	}
	_, err := StackFilePath(t.TempDir(), "test")
	assert.Error(t, err, "a directory without Pulumi.yaml has no stack files")
}

func TestCheckYAMLIsTheCheckLoadStackRuns(t *testing.T) {
	err := CheckYAML("Pulumi.x.yaml", []byte("config:\n  a: 1\n  a: 2\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.x.yaml:3: a is set twice (first at line 2)")
	assert.NoError(t, CheckYAML("Pulumi.x.yaml", []byte("config:\n  a: 1\n")))
}

package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeProject(t *testing.T, stackYAML string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(`name: demo
runtime: go
config:
  pulumi:disable-default-providers:
    value: [aws]
  demo:size:
    type: integer
    default: 2
  demo:settings:
    type: object
`), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.test.yaml"), []byte(stackYAML), 0o600))
	return dir
}

func TestLoadStackReadsValuesDefaultsAndObjectsAsTheEngineDoes(t *testing.T) {
	dir := writeProject(t, `config:
  aws:region: us-east-1
  demo:settings:
    name: x
    list: [1, 2]
`)
	st, err := LoadStack(dir, "test")
	require.NoError(t, err)
	assert.Equal(t, "demo", st.Project)
	assert.Equal(t, "us-east-1", st.Config["aws:region"])
	assert.Equal(t, "2", st.Config["demo:size"], "a declared default applies when the stack sets nothing")
	assert.JSONEq(t, `{"name":"x","list":[1,2]}`, st.Config["demo:settings"], "objects reach the program as JSON")
	assert.JSONEq(t, `["aws"]`, st.Config["pulumi:disable-default-providers"])
	assert.Empty(t, st.SecretKeys)
}

func TestLoadStackReplacesSecureValuesWithMarkedPlaceholders(t *testing.T) {
	dir := writeProject(t, `config:
  demo:size:
    secure: v1:AAAA
  demo:settings:
    key:
      secure: v1:BBBB
`)
	st, err := LoadStack(dir, "test")
	require.NoError(t, err)
	assert.Equal(t, SecretPlaceholder("demo:size"), st.Config["demo:size"])
	assert.Regexp(t, `^PLACEHOLDER_SECRET_[0-9a-f]{16}$`, st.Config["demo:size"])
	assert.NotEqual(t, SecretPlaceholder("demo:size"), SecretPlaceholder("demo:settings.key"), "one placeholder per key")
	assert.JSONEq(t, `{"key":"`+SecretPlaceholder("demo:settings.key")+`"}`, st.Config["demo:settings"])
	assert.ElementsMatch(t, []string{"demo:size", "demo:settings"}, st.SecretKeys, "a key with a secure part is secret as a whole")
	assert.NotContains(t, st.Config["demo:settings"], "v1:BBBB", "ciphertext never reaches the program")
}

func TestLoadStackRejectsKeysTheProjectDoesNotDeclare(t *testing.T) {
	dir := writeProject(t, `config:
  demo:sizee: 3
`)
	_, err := LoadStack(dir, "test")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "demo:sizee is not declared in Pulumi.yaml")
}

func TestLoadStackFailsOnAMissingStackFile(t *testing.T) {
	_, err := LoadStack(writeProject(t, "config: {}\n"), "prod")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.prod.yaml")
}

// secretProgram reads a secret from config and passes it to a resource, as a real program would.
func secretProgram(ctx *pulumi.Context) error {
	password, _ := ctx.GetConfig("demo:password")
	return ctx.RegisterResource("test:index:Thing", "thing", pulumi.Map{
		"password": pulumi.ToSecret(pulumi.String(password)),
		"size":     pulumi.Int(2),
	}, &struct{ pulumi.CustomResourceState }{})
}

func TestSecretsAreMaskedAndUnknownsMarkedInJSON(t *testing.T) {
	st := Stack{Project: "demo", Name: "test", Config: map[string]string{"demo:password": "hunter2"}, SecretKeys: []string{"demo:password"}}
	for _, mode := range []Mode{Up, Preview} {
		res, err := Run(secretProgram, st, mode)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, res.WriteJSON(&buf))
		assert.NotContains(t, buf.String(), "hunter2", mode)

		var out []map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &out))
		require.Len(t, out, 1)
		assert.Equal(t, "test:index:Thing", out[0]["type"])
		assert.Equal(t, "thing", out[0]["name"])
		assert.Equal(t, "urn:pulumi:test::demo::pulumi:pulumi:Stack::demo-test", out[0]["parent"])
		inputs := out[0]["inputs"].(map[string]any)
		assert.Equal(t, SecretMask, inputs["password"])
		assert.EqualValues(t, 2, inputs["size"])
	}
}

func TestUpFillsIDsAndComputedOutputsWhilePreviewLeavesThemUnknown(t *testing.T) {
	var arn pulumi.StringOutput
	var id pulumi.IDOutput
	program := func(ctx *pulumi.Context) error {
		var r struct {
			pulumi.CustomResourceState
			Arn pulumi.StringOutput `pulumi:"arn"`
		}
		if err := ctx.RegisterResource("aws:kms/key:Key", "key", pulumi.Map{}, &r); err != nil {
			return err
		}
		arn, id = r.Arn, r.ID()
		return nil
	}
	st := Stack{Project: "demo", Name: "test"}

	_, err := Run(program, st, Up)
	require.NoError(t, err)
	v, err := Await(arn)
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key", v.Value)
	idv, err := Await(id)
	require.NoError(t, err)
	assert.EqualValues(t, "key_id", idv.Value)

	_, err = Run(program, st, Preview)
	require.NoError(t, err)
	v, err = Await(arn)
	require.NoError(t, err)
	assert.False(t, v.Known, "preview knows no computed outputs")
	idv, err = Await(id)
	require.NoError(t, err)
	assert.False(t, idv.Known, "preview knows no ids")
}

func TestTreeShowsChildrenUnderTheirComponentAndCountsTypes(t *testing.T) {
	program := func(ctx *pulumi.Context) error {
		comp := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource("demo:x:Group", "group", comp); err != nil {
			return err
		}
		for _, n := range []string{"b", "a"} {
			if err := ctx.RegisterResource("test:index:Thing", n, pulumi.Map{}, &struct{ pulumi.CustomResourceState }{}, pulumi.Parent(comp)); err != nil {
				return err
			}
		}
		return nil
	}
	res, err := Run(program, Stack{Project: "demo", Name: "test"}, Preview)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, res.WriteTree(&buf))
	lines := strings.Split(buf.String(), "\n")
	assert.Equal(t, "demo:x:Group  group", lines[0])
	assert.Equal(t, "  test:index:Thing  a", lines[1], "children indented under their component, sorted")
	assert.Equal(t, "  test:index:Thing  b", lines[2])
	assert.Contains(t, buf.String(), "   2  test:index:Thing")
}

func TestAMissingInvokeAnswerIsAnError(t *testing.T) {
	m := &monitor{}
	_, err := m.Call(pulumi.MockCallArgs{Token: "aws:index/getAmi:getAmi"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:index/getAmi:getAmi")
}

func TestClockIsTodayOrTheGivenDay(t *testing.T) {
	now, err := Clock("")
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), now(), time.Minute)
	now, err = Clock("2026-12-01")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC), now())
	_, err = Clock("1 Dec 2026")
	assert.EqualError(t, err, `-now "1 Dec 2026": want YYYY-MM-DD`)
}

func TestRunRecordsTheStackOutputsWithSecretsAndUnknownsMarked(t *testing.T) {
	program := func(ctx *pulumi.Context) error {
		var key struct {
			pulumi.CustomResourceState
			Arn pulumi.StringOutput `pulumi:"arn"`
		}
		if err := ctx.RegisterResource("aws:kms/key:Key", "key", pulumi.Map{}, &key); err != nil {
			return err
		}
		ctx.Export("environment", pulumi.String("dev"))
		ctx.Export("keyArn", key.Arn)
		ctx.Export("code", pulumi.ToSecret(pulumi.String("hunter2")))
		ctx.Export("commands", pulumi.StringMap{"linux": pulumi.ToSecret(pulumi.String("register hunter2")).(pulumi.StringOutput)})
		return nil
	}
	st := Stack{Project: "demo", Name: "test"}

	up, err := Run(program, st, Up)
	require.NoError(t, err)
	require.Len(t, up.Outputs, 4)
	assert.Equal(t, Value{Value: "dev", Known: true}, up.Outputs["environment"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key", up.Outputs["keyArn"].Value)
	assert.True(t, up.Outputs["code"].Secret)
	assert.True(t, up.Outputs["commands"].Secret, "a map holding a secret is secret as a whole")

	preview, err := Run(program, st, Preview)
	require.NoError(t, err)
	assert.False(t, preview.Outputs["keyArn"].Known, "a preview does not know computed outputs")

	var buf bytes.Buffer
	require.NoError(t, preview.WriteOutputs(&buf))
	require.NoError(t, preview.WriteSummary(&buf))
	text := buf.String()
	assert.Contains(t, text, "Outputs:\n    code       : [secret]\n    commands   : [secret]\n    environment: \"dev\"\n    keyArn     : [unknown until apply]\n")
	assert.Contains(t, text, "Resources:\n    + 2 to create\n", "the key and the root stack, as the CLI counts")
	assert.NotContains(t, text, "hunter2")
}

func TestUpAnswersEachResourceAndFunctionFromItsProvidersRegionAndAccount(t *testing.T) {
	arns := map[string]pulumi.StringOutput{}
	accounts := map[string]string{}
	program := func(ctx *pulumi.Context) error {
		providers := map[string]*aws.ProviderArgs{
			"home": {Region: pulumi.String("us-east-1")},
			"dr":   {Region: pulumi.String("us-west-2")},
			"vault": {Region: pulumi.String("us-east-1"), AllowedAccountIds: pulumi.StringArray{pulumi.String("444455556666")},
				AssumeRole: &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String("arn:aws:iam::444455556666:role/deployer")}},
		}
		for name, args := range providers {
			p, err := aws.NewProvider(ctx, name, args)
			if err != nil {
				return err
			}
			key, err := kms.NewKey(ctx, name+"-key", &kms.KeyArgs{}, pulumi.Provider(p))
			if err != nil {
				return err
			}
			arns[name] = key.Arn
			role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String("{}")}, pulumi.Provider(p))
			if err != nil {
				return err
			}
			arns[name+"-role"] = role.Arn
			me, err := aws.GetCallerIdentity(ctx, &aws.GetCallerIdentityArgs{}, pulumi.Provider(p))
			if err != nil {
				return err
			}
			accounts[name] = me.AccountId
		}
		return nil
	}
	_, err := Run(program, Stack{Project: "demo", Name: "test"}, Up)
	require.NoError(t, err)
	for name, want := range map[string]string{
		"home":  "arn:aws:kms:us-east-1:123456789012:home-key",
		"dr":    "arn:aws:kms:us-west-2:123456789012:dr-key",
		"vault": "arn:aws:kms:us-east-1:444455556666:vault-key",
		// IAM is global: its ARNs name no region.
		"dr-role":    "arn:aws:iam::123456789012:dr-role",
		"vault-role": "arn:aws:iam::444455556666:vault-role",
	} {
		v, err := Await(arns[name])
		require.NoError(t, err)
		assert.Equal(t, want, v.Value, name)
	}
	assert.Equal(t, map[string]string{"home": "123456789012", "dr": "123456789012", "vault": "444455556666"}, accounts)
}

func TestRunRecordsTheProviderFunctionsTheProgramCalls(t *testing.T) {
	program := func(ctx *pulumi.Context) error {
		var provider struct{ pulumi.ProviderResourceState }
		if err := ctx.RegisterResource("pulumi:providers:aws", "aws", pulumi.Map{}, &provider); err != nil {
			return err
		}
		var out map[string]any
		return ctx.Invoke("aws:index/getPartition:getPartition", map[string]any{}, &out, pulumi.Provider(&provider))
	}
	res, err := Run(program, Stack{Project: "demo", Name: "test"}, Preview)
	require.NoError(t, err)
	assert.Equal(t, []string{"aws:index/getPartition:getPartition"}, res.Invokes)
}

func TestRunReturnsTheProgramsErrorWithoutTheSDKsMultierrorWrapper(t *testing.T) {
	boom := errors.New("config: hybridcloud:network.cidr: not RFC 1918")
	_, err := Run(func(*pulumi.Context) error { return boom }, Stack{Project: "demo", Name: "test"}, Preview)
	require.Error(t, err)
	assert.Equal(t, boom.Error(), err.Error(), "no \"1 error occurred\" around it")
	assert.ErrorIs(t, err, boom)
}

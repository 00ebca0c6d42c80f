package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/insurance/hybridcloud/policy/rules"
)

// serve starts the pack's analyzer server as the CLI does (policyx.Main prints its port on stdout) and
// returns a client for it.
func serve(t *testing.T) pulumirpc.AnalyzerClient {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	stdout := os.Stdout
	os.Stdout = w
	go func() { _ = policyx.Main(rules.NewPack) }()
	port, err := bufio.NewReader(r).ReadString('\n')
	os.Stdout = stdout
	require.NoError(t, err)
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return pulumirpc.NewAnalyzerClient(conn)
}

func props(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(resource.NewPropertyMapFromMap(m), plugin.MarshalOptions{})
	require.NoError(t, err)
	return s
}

func TestTheServedPackReadsTheStackEnvironmentAndReportsViolations(t *testing.T) {
	c := serve(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The engine's order: handshake, configure the stack (which builds the pack), then describe and analyze.
	_, err := c.Handshake(ctx, &pulumirpc.AnalyzerHandshakeRequest{})
	require.NoError(t, err)
	_, err = c.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{Project: "hybridcloud", Stack: "prod",
		Config: map[string]string{rules.EnvironmentConfigKey: "prod"}})
	require.NoError(t, err)
	info, err := c.GetAnalyzerInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	assert.Equal(t, rules.PackName, info.GetName())
	assert.Len(t, info.GetPolicies(), len(rules.Policies("")))

	// The program's database, moved off the default port (a known violation of today's program) and made
	// single-AZ: exactly one mandatory policy must fire.
	raw, err := os.ReadFile("rules/testdata/program.json")
	require.NoError(t, err)
	var program map[string][]struct {
		Type   string         `json:"type"`
		Name   string         `json:"name"`
		Inputs map[string]any `json:"inputs"`
	}
	require.NoError(t, json.Unmarshal(raw, &program))
	var inputs map[string]any
	for _, r := range program["prod"] {
		if r.Type == "aws:rds/instance:Instance" && r.Name == "prod-db" {
			inputs = r.Inputs
		}
	}
	require.NotNil(t, inputs)
	inputs["port"], inputs["multiAz"] = 5433, false
	db := props(t, inputs)
	res, err := c.Analyze(ctx, &pulumirpc.AnalyzeRequest{Type: "aws:rds/instance:Instance", Name: "prod-db",
		Urn: "urn:pulumi:prod::hybridcloud::aws:rds/instance:Instance::prod-db", Properties: db,
		Options: &pulumirpc.AnalyzerResourceOptions{Protect: true}})
	require.NoError(t, err)
	require.Len(t, res.GetDiagnostics(), 1, "%v", res.GetDiagnostics())
	d := res.GetDiagnostics()[0]
	assert.Equal(t, rules.RdsMultiAZ.ID, d.GetPolicyName())
	assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, d.GetEnforcementLevel())
	assert.Contains(t, d.GetMessage(), "[RDS.5, AwsSolutions-RDS3, AWSGuard rds-instance-multi-az-enabled; severity medium]")
	assert.Contains(t, d.GetMessage(), "Remediation: set database.multiAz true.\n"+`Instance "prod-db": multiAz is false; want true`)
}

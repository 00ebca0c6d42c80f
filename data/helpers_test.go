package data

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// Inputs the components take from other components, as fixed values.
var (
	testAccount = pulumi.String("123456789012")
	testLogsKey = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs")
	onPremises  = []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16"), netip.MustParsePrefix("172.20.0.0/16")}
	// testAdmins administer the keys; testBreakGlass alone destroys.
	testAdmins = keys.Admins{Roles: pulumi.ToStringArray([]string{testKeyAdmin}), BreakGlass: testBreakGlass}
)

const (
	testKeyAdmin   = "arn:aws:iam::123456789012:role/deployer"
	testBreakGlass = "arn:aws:iam::123456789012:role/break-glass"
)

// document decodes a JSON policy or document input (the data tier's policies carry no Sids, so
// plantest.Statements does not apply).
func document(t *testing.T, v any) map[string]any {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok, "want a JSON string, got %T", v)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &doc))
	return doc
}

// assertChildren checks that the component of type typ called name is a child of the stack, and that
// every custom resource of the run but the providers is its child and named after it; it returns how many
// there are.
func assertChildren(t *testing.T, res *plan.Result, typ, name string) int {
	t.Helper()
	component := plantest.Named(t, res, typ, name)
	assert.Contains(t, component.Parent, "::pulumi:pulumi:Stack::", "the component is a child of the stack")
	children := 0
	for _, r := range res.Resources {
		if !r.Custom || strings.HasPrefix(r.Type, token.AWSProvider) {
			continue
		}
		children++
		assert.Equal(t, component.URN, r.Parent, "%s %s is a child of %s", r.Type, r.Name, name)
		assert.True(t, r.Name == name || strings.HasPrefix(r.Name, name+"-"), "%s %s is named after %s", r.Type, r.Name, name)
	}
	return children
}

package deploy

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var stacks = []string{"dev", "prod"}

// readOnly is how a read action's name starts; sts:GetCallerIdentity and ssm:GetParameter qualify.
var readOnly = regexp.MustCompile(`^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*$`)

func allStatements(t *testing.T, role Role, names []string) []Statement {
	t.Helper()
	docs, err := Policies(role, names)
	require.NoError(t, err)
	require.NotEmpty(t, docs)
	var out []Statement
	for _, d := range docs {
		out = append(out, d.Statement...)
	}
	return out
}

func TestEveryActionIsAServiceActionWithAFamily(t *testing.T) {
	action := regexp.MustCompile(`^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$`)
	check := func(owner string, actions []string) {
		for _, a := range actions {
			assert.Regexp(t, action, a, owner)
			if action.MatchString(a) {
				_, ok := families[service(a)]
				assert.True(t, ok, "%s: %s has no policy family", owner, a)
			}
		}
	}
	for _, table := range []map[string]Access{Types, Invokes} {
		for typ, a := range table {
			check(typ, append(append(append(append([]string(nil), a.Create...), a.Read...), a.Update...), a.Delete...))
			for _, g := range a.Grants {
				check(typ+" "+g.Sid, g.Actions)
				assert.NotEmpty(t, g.Resources, "%s %s: a grant names its resources", typ, g.Sid)
			}
		}
	}
}

func TestReadActionsOnlyRead(t *testing.T) {
	for _, table := range []map[string]Access{Types, Invokes} {
		for typ, a := range table {
			for _, r := range a.Read {
				assert.Regexp(t, readOnly, r, "%s: Read lists %s", typ, r)
			}
		}
	}
}

func TestThePreviewPolicyChangesNothing(t *testing.T) {
	for _, st := range allStatements(t, Previewer, stacks) {
		for _, a := range st.Action {
			assert.Regexp(t, readOnly, a, "statement %s", st.Sid)
		}
		assert.NotContains(t, st.Action, "iam:PassRole")
	}
}

func TestNoStatementAllowsAWildcardAction(t *testing.T) {
	for _, role := range []Role{Deployer, Previewer} {
		for _, st := range allStatements(t, role, stacks) {
			require.NotEmpty(t, st.Action, st.Sid)
			for _, a := range st.Action {
				assert.NotContains(t, a, "*", "%s %s", role, st.Sid)
			}
			assert.Equal(t, "Allow", st.Effect)
		}
	}
}

func TestPassRoleIsForTheStacksRolesAndOnlyToTheServicesThatTakeThem(t *testing.T) {
	var pass []Statement
	for _, st := range allStatements(t, Deployer, stacks) {
		for _, a := range st.Action {
			if a == "iam:PassRole" {
				pass = append(pass, st)
			}
		}
	}
	require.Len(t, pass, 1, "one statement passes roles")
	st := pass[0]
	assert.Equal(t, []string{"iam:PassRole"}, st.Action)
	assert.Equal(t, []string{"arn:aws:iam::*:role/dev-*", "arn:aws:iam::*:role/prod-*"}, st.Resource)
	assert.Equal(t, []string{"backup.amazonaws.com", "ec2.amazonaws.com", "ecr.amazonaws.com", "ecs-tasks.amazonaws.com", "monitoring.rds.amazonaws.com", "s3.amazonaws.com",
		"ssm.amazonaws.com", "storagegateway.amazonaws.com", "vpc-flow-logs.amazonaws.com"},
		st.Condition["StringEquals"]["iam:PassedToService"])
}

func TestRoleWritesAreScopedToTheStacksNames(t *testing.T) {
	writes := regexp.MustCompile(`^iam:(Create|Delete|Put|Update|Attach|Detach|Add|Remove|Tag|Untag)`)
	for _, st := range allStatements(t, Deployer, []string{"prod"}) {
		for _, a := range st.Action {
			if !writes.MatchString(a) || a == "iam:CreateServiceLinkedRole" {
				continue
			}
			for _, r := range st.Resource {
				assert.Regexp(t, `^arn:aws:iam::\*:(role|policy|instance-profile)/prod-\*$`, r, "%s in %s", a, st.Sid)
			}
		}
	}
	for _, st := range allStatements(t, Deployer, []string{"prod"}) {
		b, err := json.Marshal(st)
		require.NoError(t, err)
		assert.NotContains(t, string(b), "dev-", "a prod-only policy names no dev resource")
	}
}

func TestAttachingIsLimitedToTheStacksOwnPolicies(t *testing.T) {
	for _, st := range allStatements(t, Deployer, stacks) {
		for _, a := range st.Action {
			if a == "iam:AttachRolePolicy" {
				assert.Equal(t, []string{"arn:aws:iam::*:policy/dev-*", "arn:aws:iam::*:policy/prod-*"}, st.Condition["ArnLike"]["iam:PolicyARN"])
				return
			}
		}
	}
	t.Fatal("no statement allows iam:AttachRolePolicy")
}

func TestKeysAreUsedOnlyThroughServices(t *testing.T) {
	for _, st := range allStatements(t, Deployer, stacks) {
		for _, a := range st.Action {
			if a == "kms:CreateGrant" || a == "kms:Decrypt" || a == "kms:GenerateDataKey" {
				assert.Contains(t, st.Condition["StringLike"]["kms:ViaService"], "rds.*.amazonaws.com", st.Sid)
			}
		}
	}
}

func TestEveryPolicyFitsIAMsLimitsAndHasUniqueStatementIDs(t *testing.T) {
	for _, role := range []Role{Deployer, Previewer} {
		docs, err := Policies(role, stacks)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(docs), MaxPoliciesPerRole)
		for fam, d := range docs {
			assert.LessOrEqual(t, Size(d), MaxManagedPolicyChars, "%s %s", role, fam)
			sids := map[string]bool{}
			for _, st := range d.Statement {
				assert.Regexp(t, `^[A-Za-z0-9]+$`, st.Sid)
				assert.False(t, sids[st.Sid], "%s %s: Sid %s twice", role, fam, st.Sid)
				sids[st.Sid] = true
			}
		}
	}
}

func TestPoliciesNeedStackNames(t *testing.T) {
	_, err := Policies(Deployer, nil)
	assert.ErrorContains(t, err, "no stack names")
}

func TestSizeIgnoresWhiteSpaceAsIAMDoes(t *testing.T) {
	d := Document{Version: "2012-10-17", Statement: []Statement{{Sid: "A", Effect: "Allow", Action: []string{"s3:GetObject"}, Resource: []string{"*"}}}}
	b, err := Marshal(d)
	require.NoError(t, err)
	compact, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Greater(t, len(b), len(compact), "the files are indented")
	assert.Equal(t, len(compact), Size(d))
}

// trust reads one of the OIDC trust policies kept by hand.
func trust(t *testing.T, file string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc struct {
		Statement []map[string]any
	}
	require.NoError(t, json.Unmarshal(b, &doc), file)
	require.Len(t, doc.Statement, 1, file)
	return doc.Statement[0]
}

func TestThePreviewRolesTrustOnlyTheirOwnGitHubJobs(t *testing.T) {
	for file, subject := range map[string]string{
		"github-oidc-trust-preview-dev.json":  ":pull_request",
		"github-oidc-trust-preview-prod.json": ":environment:prod-preview",
	} {
		st := trust(t, file)
		assert.Equal(t, "sts:AssumeRoleWithWebIdentity", st["Action"], file)
		assert.Equal(t, map[string]any{"Federated": "arn:aws:iam::<AWS_ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com"}, st["Principal"], file)
		cond, ok := st["Condition"].(map[string]any)
		require.True(t, ok, file)
		require.Len(t, cond, 1, "%s: only exact matches (no StringLike wildcard on the subject)", file)
		eq, ok := cond["StringEquals"].(map[string]any)
		require.True(t, ok, file)
		assert.Equal(t, "sts.amazonaws.com", eq["token.actions.githubusercontent.com:aud"], file)
		sub, _ := eq["token.actions.githubusercontent.com:sub"].(string)
		assert.True(t, strings.HasPrefix(sub, "repo:<GITHUB_ORG>@<GITHUB_ORG_ID>/<GITHUB_REPO>@<GITHUB_REPO_ID>"), "%s: immutable subject form, got %s", file, sub)
		assert.True(t, strings.HasSuffix(sub, subject), "%s: subject %s", file, sub)
	}
}

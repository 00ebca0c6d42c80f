package platform

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// databaseServices are the services each stack file gives database access, and their roles.
var databaseServices = map[string]map[string]string{
	"dev":  {"claims-api": "svc_claims_api"},
	"prod": {"claims-api": "svc_claims_api", "policy-portal": "svc_policy_portal"},
}

// mockResourceID is the DbiResourceId the mocks give an RDS instance.
const mockResourceID = "db-ABCDEFGHIJKLMNOPQRSTUVWXY0"

type policyDoc struct {
	Statement []struct {
		Effect    string
		Action    []string
		Resource  []string
		Condition map[string]any
	}
}

func parsePolicy(t *testing.T, res *plan.Result, name string) policyDoc {
	t.Helper()
	var doc policyDoc
	require.NoError(t, json.Unmarshal([]byte(plantest.Named(t, res, token.IAMRolePolicy, name).Props()["policy"].(string)), &doc), name)
	return doc
}

func TestEachDatabaseServiceConnectsAsItsOwnRoleByIAMAndOnlyThatRole(t *testing.T) {
	for stack, users := range databaseServices {
		res := runStack(t, stack, plan.Up)
		for service, user := range users {
			task := parsePolicy(t, res, stack+"-services-"+service+"-task")
			var connects [][]string
			for _, s := range task.Statement {
				for _, a := range s.Action {
					if strings.HasPrefix(a, "rds-db:") {
						assert.Equal(t, []string{"rds-db:connect"}, s.Action, "%s %s: rds-db:connect alone in its statement", stack, service)
						assert.Equal(t, "Allow", s.Effect)
						assert.Nil(t, s.Condition)
						connects = append(connects, s.Resource)
					}
				}
			}
			want := "arn:aws:rds-db:us-east-1:123456789012:dbuser:" + mockResourceID + "/" + user
			assert.Equal(t, [][]string{{want}}, connects, "%s %s: one statement, one instance by resource id, its own user", stack, service)
		}
		// Services without the database hold no rds-db grant at all (the warm standby's services connect to the
		// replica, TestWarmStandbyServicesConnectToTheReplica).
		for _, r := range primaryOf(res).OfType(token.IAMRolePolicy) {
			service := strings.TrimSuffix(strings.TrimPrefix(r.Name, stack+"-services-"), "-task")
			if _, ok := users[service]; ok && strings.HasSuffix(r.Name, "-task") {
				continue
			}
			assert.NotContains(t, r.Props()["policy"], "rds-db:", "%s: %s", stack, r.Name)
		}
	}
}

func TestNoTaskDefinitionOrExecutionRoleSeesTheMasterSecret(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			defs := plantest.Every(t, res, token.ECSTaskDefinition, 2)
			for _, d := range defs {
				doc, known := d.Props()["containerDefinitions"].(string)
				if !known {
					continue // a preview leaves the document unknown
				}
				assert.NotContains(t, doc, "rds!", "%s %s %s: the master secret", stack, mode, d.Name)
				assert.NotContains(t, doc, "DB_PASSWORD", "%s %s %s", stack, mode, d.Name)
			}
			for _, r := range res.OfType(token.IAMRolePolicy) {
				if doc, known := r.Props()["policy"].(string); known && strings.HasPrefix(r.Name, stack+"-services-") {
					assert.NotContains(t, doc, "rds!", "%s %s %s: no service reads the master secret", stack, mode, r.Name)
					assert.NotContains(t, doc, ":"+stack+"-db\"", "%s %s %s: nor decrypts with the database key", stack, mode, r.Name)
				}
			}
		}
	}
}

func TestDatabaseServicesGetTheEndpointAndTheirUserAsEnvironment(t *testing.T) {
	for stack, users := range databaseServices {
		res := runStack(t, stack, plan.Up)
		for service, user := range users {
			var defs []struct {
				Environment []struct{ Name, Value string }
				Secrets     []struct{ Name, ValueFrom string }
			}
			doc := plantest.Named(t, res, token.ECSTaskDefinition, stack+"-services-"+service).Props()["containerDefinitions"].(string)
			require.NoError(t, json.Unmarshal([]byte(doc), &defs))
			require.Len(t, defs, 1)
			env := map[string]string{}
			for _, kv := range defs[0].Environment {
				env[kv.Name] = kv.Value
			}
			assert.Equal(t, stack+"-db.abcdefghijkl.us-east-1.rds.amazonaws.com", env["DB_HOST"], "%s %s", stack, service)
			assert.Equal(t, "5433", env["DB_PORT"], "%s %s: the configured, non-default port", stack, service)
			assert.Equal(t, "app", env["DB_NAME"], "%s %s", stack, service)
			assert.Equal(t, user, env["DB_USER"], "%s %s", stack, service)
			for _, s := range defs[0].Secrets {
				assert.NotContains(t, s.Name, "DB_", "%s %s: no database credential", stack, service)
			}
		}
		assert.Equal(t, users, res.Outputs["databaseUsers"].Value, "%s: the roles make db-bootstrap creates", stack)
		assert.Equal(t, mockResourceID, res.Outputs["databaseResourceId"].Value, stack)
		assert.EqualValues(t, 5433, res.Outputs["databasePort"].Value, stack)
		assert.Equal(t, "app", res.Outputs["databaseName"].Value, stack)
	}
}

func TestTheDatabaseListensOnItsPortAndAdmitsOnlyThat(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Preview)
		assert.EqualValues(t, 5433, plantest.Named(t, res, token.RDSInstance, stack+"-db").Props()["port"], stack)
		ingress := plantest.Named(t, res, token.EC2SecurityGroup, stack+"-db").Props()["ingress"].([]any)
		require.NotEmpty(t, ingress)
		for _, rule := range ingress {
			assert.EqualValues(t, 5433, rule.(map[string]any)["fromPort"], stack)
			assert.EqualValues(t, 5433, rule.(map[string]any)["toPort"], stack)
		}
	}
}

func TestRDSEventsReachTheOperationsTopic(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Up)
		subs := plantest.Every(t, res, token.RDSEventSubscription, 3)
		require.Len(t, subs, 3, stack)
		for _, s := range subs {
			assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:"+stack+"-foundation-operations", s.Props()["snsTopic"], "%s %s", stack, s.Name)
		}
	}
}

func TestWarmStandbyServicesConnectToTheReplica(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	for service, user := range databaseServices["prod"] {
		task := plantest.Named(t, res, token.IAMRolePolicy, "prod-dr-services-"+service+"-task").Props()["policy"]
		connect := plantest.Statements(t, task)["ConnectAsOwnDatabaseRole"]
		require.NotNil(t, connect, service)
		resources := connect["Resource"].([]any)
		require.Len(t, resources, 1)
		assert.Regexp(t, `^arn:aws:rds-db:us-west-2:123456789012:dbuser:[^/]+/`+user+`$`, resources[0], "%s: its own role, on the DR region's replica", service)
	}
}

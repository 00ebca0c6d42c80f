package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

// Every resource of both stacks belongs to a component, and every component to the stack or to another
// component: nothing is declared loose in the program body, so the tree in `pulumi preview` is the
// architecture, and a component's protect and provider options reach everything it declares.
func TestEveryResourceHasAComponentParentAndEveryComponentTheStackOrAComponent(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			byURN := map[string]plan.Resource{}
			for _, r := range res.Resources {
				byURN[r.URN] = r
			}
			root := "urn:pulumi:" + stack + "::hybridcloud::pulumi:pulumi:Stack::hybridcloud-" + stack
			components, custom := 0, 0
			for _, r := range res.Resources {
				parent, ok := byURN[r.Parent]
				switch {
				case strings.HasPrefix(r.Type, "pulumi:providers:"):
					assert.Equal(t, root, r.Parent, "%s: providers are the stack's", r.Name)
				case !r.Custom:
					components++
					assert.True(t, r.Parent == root || (ok && !parent.Custom), "%s %s (%s): a component's parent is the stack or a component, not %s", r.Type, r.Name, mode, r.Parent)
					assert.True(t, strings.HasPrefix(r.Type, "hybridcloud:"), "%s: components use the hybridcloud: type tokens", r.Type)
				default:
					custom++
					require.True(t, ok, "%s %s (%s): parent %s is not a resource of the plan", r.Type, r.Name, mode, r.Parent)
					assert.False(t, parent.Custom, "%s %s (%s): its parent %s is not a component", r.Type, r.Name, mode, parent.Name)
					assert.True(t, r.Name == parent.Name || strings.HasPrefix(r.Name, parent.Name+"-"), "%s %s: named after its component %s", r.Type, r.Name, parent.Name)
				}
			}
			assert.GreaterOrEqual(t, components, 11, "%s %s: the foundation, network, hybrid, DNS, cluster, services, data and operations components", stack, mode)
			assert.Greater(t, custom, 150, "%s %s", stack, mode)
		}
	}
}

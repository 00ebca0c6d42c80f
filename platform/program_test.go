package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

func TestBothStacksDeclareTheSameResourcesInPreviewAndUp(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			up := runStack(t, stack, plan.Up)
			preview := runStack(t, stack, plan.Preview)
			require.NotEmpty(t, up.Resources)
			assert.Equal(t, urns(up), urns(preview), "a preview, which knows no ids or computed outputs, must declare exactly what up declares")
		})
	}
}

func urns(r *plan.Result) []string {
	out := make([]string, 0, len(r.Resources))
	for _, res := range r.Resources {
		out = append(out, res.URN)
	}
	return out
}

package platform

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/network"
)

// The forwarder list is derived from the configured endpoint list; this compares it with the interface
// endpoints the plan actually declares, so neither can drift from the other.
func TestOnPremisesDnsForwardersCoverEveryInterfaceEndpoint(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			var want []string // the primary VPC's endpoints: the DR VPC's are in the DR region, forwarded there
			for _, ep := range plantest.Every(t, primaryOf(res), token.EC2VPCEndpoint, 10) {
				if ep.Props()["vpcEndpointType"] != "Interface" {
					continue
				}
				short := strings.TrimPrefix(ep.Props()["serviceName"].(string), "com.amazonaws.us-east-1.")
				want = append(want, network.ForwarderZone(short, "us-east-1"))
			}
			slices.Sort(want)
			want = slices.Compact(want)
			require.Contains(t, want, "ssm.us-east-1.amazonaws.com")
			require.Contains(t, want, "s3.us-east-1.amazonaws.com")

			out, ok := res.Outputs["onPremisesDnsForwarders"]
			require.True(t, ok, "%s %s", stack, mode)
			forwarders := reflect.ValueOf(out.Value)
			require.Equal(t, reflect.Map, forwarders.Kind(), "%s %s: %T", stack, mode, out.Value)
			var got []string
			for _, zone := range forwarders.MapKeys() {
				got = append(got, zone.String())
				if mode == plan.Up {
					assert.Equal(t, res.Outputs["dnsInboundEndpointIps"].Value, forwarders.MapIndex(zone).Interface(), "%s: %s forwards to the inbound endpoint", stack, zone)
				}
			}
			slices.Sort(got)
			assert.Equal(t, want, got, "%s %s", stack, mode)
			_, ok = res.Outputs["resolverOutboundIps"]
			assert.True(t, ok, "%s %s", stack, mode)
		}
	}
}

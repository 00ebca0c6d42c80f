package hybrid

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func drTransitArgs() *DRTransitArgs {
	return &DRTransitArgs{
		Settings:               DRTransitSettings{AmazonSideASN: 64514, Protect: true},
		DirectConnectGatewayID: pulumi.String("dxgw-1"),
		VPCID:                  pulumi.String("vpc-dr"), VPCCIDR: netip.MustParsePrefix("10.11.0.0/16"),
		AppSubnetIDs:     pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
		AppRouteTableIDs: pulumi.StringArray{pulumi.String("rt-a"), pulumi.String("rt-b")}, DataRouteTableIDs: pulumi.StringArray{pulumi.String("rt-c")},
		OnPremisesCIDRs: []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")},
	}
}

func TestTheDRTransitGatewayAdvertisesOnlyTheDRRangeOnTheDirectConnectGateway(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, d := plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DRTransit, error) {
			return NewDRTransit(ctx, "t-dr-hybrid", drTransitArgs(), opts...)
		})
		assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.11.0.0/16")}, d.AllowedPrefixes)
		assoc := plantest.Named(t, res, "aws:directconnect/gatewayAssociation:GatewayAssociation", "t-dr-hybrid-dxgw-tgw")
		assert.Equal(t, "dxgw-1", assoc.Props()["dxGatewayId"], mode)
		assert.Equal(t, []any{"10.11.0.0/16"}, assoc.Props()["allowedPrefixes"], mode)
		assert.True(t, assoc.Protect, mode)
		tgw := plantest.Named(t, res, "aws:ec2transitgateway/transitGateway:TransitGateway", "t-dr-hybrid-tgw").Props()
		assert.Equal(t, "disable", tgw["defaultRouteTableAssociation"], "every attachment is associated explicitly, as on the primary")
		// Each app and data route table sends the data centre to the DR Transit Gateway.
		assert.Len(t, plantest.Every(t, res, "aws:ec2/route:Route", 3), 3, mode)
	}
}

func TestTheDRTransitGatewayNeedsAPathToTheDataCentre(t *testing.T) {
	args := drTransitArgs()
	args.DirectConnectGatewayID = nil
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DRTransit, error) {
		return NewDRTransit(ctx, "t-dr-hybrid", args, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a Direct Connect gateway or a VPN is required")
}

package hybrid

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// settle gives resources AWS is known to take long over (Transit Gateway attachments, Direct Connect
// gateway associations, VIFs) an hour instead of the provider's default before an update is declared failed.
var settle = pulumi.Timeouts(&pulumi.CustomTimeouts{Create: "60m", Update: "60m", Delete: "60m"})

// transit is what the Transit Gateway part declares and the paths attach to.
type transit struct {
	gateway *ec2transitgateway.TransitGateway
	// vpcRouteTable is associated with the VPC attachment: it learns the on-premises prefixes from the paths.
	vpcRouteTable *ec2transitgateway.RouteTable
	// onPremRouteTable is associated with the paths: it knows only the VPC, so the data centre cannot use the
	// Transit Gateway to hairpin between its own paths.
	onPremRouteTable *ec2transitgateway.RouteTable
}

// attach associates a path's attachment with the on-premises route table and, if it carries on-premises
// prefixes into the VPC, propagates its routes into the VPC route table.
func (t transit) attach(ctx *pulumi.Context, name string, attachmentID pulumi.StringInput, propagate bool, opts ...pulumi.ResourceOption) error {
	if _, err := ec2transitgateway.NewRouteTableAssociation(ctx, name, &ec2transitgateway.RouteTableAssociationArgs{
		TransitGatewayAttachmentId: attachmentID,
		TransitGatewayRouteTableId: t.onPremRouteTable.ID(),
	}, opts...); err != nil {
		return err
	}
	if !propagate {
		return nil
	}
	_, err := ec2transitgateway.NewRouteTablePropagation(ctx, name, &ec2transitgateway.RouteTablePropagationArgs{
		TransitGatewayAttachmentId: attachmentID,
		TransitGatewayRouteTableId: t.vpcRouteTable.ID(),
	}, opts...)
	return err
}

// transitGatewayArgs is the Transit Gateway: no default route table, so nothing attached later is routed
// anywhere by accident; ECMP over the VPN tunnels; CIDR blocks only when private VPNs need them.
func transitGatewayArgs(name string, tgw TransitGateway) *ec2transitgateway.TransitGatewayArgs {
	args := &ec2transitgateway.TransitGatewayArgs{
		Description:   pulumi.String(name + ": VPC, Direct Connect and VPN to the data centre"),
		AmazonSideAsn: pulumi.Int(int(tgw.AmazonSideASN)),
		// Every attachment is associated and propagated explicitly.
		DefaultRouteTableAssociation: pulumi.String("disable"),
		DefaultRouteTablePropagation: pulumi.String("disable"),
		AutoAcceptSharedAttachments:  pulumi.String("disable"),
		DnsSupport:                   pulumi.String("enable"),
		// ECMP spreads traffic over every VPN tunnel that advertises a prefix with an equal AS path.
		VpnEcmpSupport: pulumi.String("enable"),
		Tags:           pulumi.StringMap{"Name": pulumi.String(name + "-tgw")},
	}
	if len(tgw.CIDRBlocks) > 0 {
		args.TransitGatewayCidrBlocks = netrules.CIDRs(tgw.CIDRBlocks)
	}
	return args
}

// declareTransit declares the Transit Gateway with explicit route tables, the VPC attachment in the app
// subnets, and the VPC routes that send every on-premises CIDR to it.
func declareTransit(ctx *pulumi.Context, name string, args *ConnectivityArgs, parent pulumi.ResourceOption) (transit, error) {
	var t transit
	protect := pulumi.Protect(args.Settings.Protect)
	gateway, err := ec2transitgateway.NewTransitGateway(ctx, name+"-tgw", transitGatewayArgs(name, args.Settings.TransitGateway), parent, protect, settle)
	if err != nil {
		return t, err
	}
	t.gateway = gateway

	for _, rt := range []struct {
		role string
		into **ec2transitgateway.RouteTable
	}{{"vpc", &t.vpcRouteTable}, {"onprem", &t.onPremRouteTable}} {
		table, err := ec2transitgateway.NewRouteTable(ctx, name+"-"+rt.role+"-rt", &ec2transitgateway.RouteTableArgs{
			TransitGatewayId: gateway.ID(),
			Tags:             pulumi.StringMap{"Name": pulumi.String(name + "-" + rt.role)},
		}, parent)
		if err != nil {
			return t, err
		}
		*rt.into = table
	}

	attachment, err := ec2transitgateway.NewVpcAttachment(ctx, name+"-vpc", &ec2transitgateway.VpcAttachmentArgs{
		TransitGatewayId: gateway.ID(),
		VpcId:            args.VPCID,
		SubnetIds:        args.AppSubnetIDs,
		DnsSupport:       pulumi.String("enable"),
		// Explicit association below; the default route tables are disabled on the gateway.
		TransitGatewayDefaultRouteTableAssociation: pulumi.Bool(false),
		TransitGatewayDefaultRouteTablePropagation: pulumi.Bool(false),
		Tags: pulumi.StringMap{"Name": pulumi.String(name + "-vpc")},
	}, parent, protect, settle)
	if err != nil {
		return t, err
	}
	if _, err := ec2transitgateway.NewRouteTableAssociation(ctx, name+"-vpc", &ec2transitgateway.RouteTableAssociationArgs{
		TransitGatewayAttachmentId: attachment.ID(),
		TransitGatewayRouteTableId: t.vpcRouteTable.ID(),
	}, parent); err != nil {
		return t, err
	}
	if _, err := ec2transitgateway.NewRouteTablePropagation(ctx, name+"-vpc", &ec2transitgateway.RouteTablePropagationArgs{
		TransitGatewayAttachmentId: attachment.ID(),
		TransitGatewayRouteTableId: t.onPremRouteTable.ID(),
	}, parent); err != nil {
		return t, err
	}

	return t, declareOnPremisesRoutes(ctx, name, args, gateway, attachment, parent)
}

// declareOnPremisesRoutes sends every on-premises CIDR from every app and data route table to the Transit
// Gateway, once the VPC attachment exists. The route tables are one per AZ and their count comes from
// config, so the loop never reads an output.
func declareOnPremisesRoutes(ctx *pulumi.Context, name string, args *ConnectivityArgs, gateway *ec2transitgateway.TransitGateway,
	attachment *ec2transitgateway.VpcAttachment, parent pulumi.ResourceOption) error {
	viaTGW := pulumi.DependsOn([]pulumi.Resource{attachment})
	for _, tier := range []struct {
		name   string
		tables pulumi.StringArray
	}{{"app", args.AppRouteTableIDs}, {"data", args.DataRouteTableIDs}} {
		for i, table := range tier.tables {
			for _, cidr := range args.OnPremisesCIDRs {
				if _, err := ec2.NewRoute(ctx, fmt.Sprintf("%s-%s-%d-%s", name, tier.name, i, cidrLabel(cidr)), &ec2.RouteArgs{
					RouteTableId:         table,
					DestinationCidrBlock: pulumi.String(cidr.String()),
					TransitGatewayId:     gateway.ID(),
				}, parent, viaTGW); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// cidrLabel renders a prefix for a resource name: 10.100.0.0/16 -> 10-100-0-0-16.
func cidrLabel(p netip.Prefix) string {
	return strings.NewReplacer(".", "-", "/", "-").Replace(p.String())
}

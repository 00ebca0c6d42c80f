package dr

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NamesType is the type token of the Names component.
const NamesType = "hybridcloud:dr:Names"

// nameTTLSeconds is how long a resolver may cache an internal name: a failover's switch reaches every
// client within a minute.
const nameTTLSeconds = 60

// NamesArgs configure the private hosted zone of the internal names. Declare it with the primary region's
// provider (Route 53 is global).
type NamesArgs struct {
	// Domain is the zone's name (config: <stack>.aws.<on-premises domain>). Required.
	Domain string
	// VPCs are the VPCs the zone is associated with, by region: the primary's and the DR region's. The
	// Resolver's inbound endpoints in them answer the data centre's queries for Domain. Required.
	VPCs map[string]pulumi.StringInput
	// Targets are the names and the DNS names they point at today (the primary region's): "db" the
	// database, each service its load balancer. Required.
	Targets map[string]pulumi.StringInput
}

// Names is the private hosted zone, its VPC associations and a CNAME per internal name.
type Names struct {
	pulumi.ResourceState

	// ZoneID is the hosted zone; the failover command upserts its records.
	ZoneID pulumi.IDOutput
	// Names maps each internal name to its fully qualified form.
	Names map[string]string
}

func (a *NamesArgs) validate() error {
	if a.Domain == "" || len(a.VPCs) < 2 || len(a.Targets) == 0 {
		return errors.New("a domain, two VPCs (primary and DR) and at least one target are required")
	}
	return nil
}

// NewNames declares the zone, associated with every VPC given, and one CNAME per target.
func NewNames(ctx *pulumi.Context, name string, args *NamesArgs, opts ...pulumi.ResourceOption) (*Names, error) {
	if args == nil {
		return nil, fmt.Errorf("dr: names %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("dr: names %s: %w", name, err)
	}
	n := &Names{Names: map[string]string{}}
	if err := ctx.RegisterComponentResource(NamesType, name, n, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(n)

	var vpcs route53.ZoneVpcArray
	for _, region := range slices.Sorted(maps.Keys(args.VPCs)) {
		vpcs = append(vpcs, route53.ZoneVpcArgs{VpcId: args.VPCs[region], VpcRegion: pulumi.String(region)})
	}
	zone, err := route53.NewZone(ctx, name, &route53.ZoneArgs{
		Name:    pulumi.String(args.Domain),
		Comment: pulumi.String("Internal names that move with a DR failover (docs/dr.md)"),
		Vpcs:    vpcs,
	}, parent)
	if err != nil {
		return nil, err
	}
	for _, label := range slices.Sorted(maps.Keys(args.Targets)) {
		fqdn := label + "." + args.Domain
		// The failover command upserts the record to the DR target; the next `pulumi up` after the config
		// change declares the same (docs/dr.md, "Failover").
		if _, err := route53.NewRecord(ctx, name+"-"+label, &route53.RecordArgs{
			ZoneId:  zone.ZoneId,
			Name:    pulumi.String(fqdn),
			Type:    pulumi.String("CNAME"),
			Ttl:     pulumi.Int(nameTTLSeconds),
			Records: pulumi.StringArray{args.Targets[label]},
		}, parent); err != nil {
			return nil, err
		}
		n.Names[label] = fqdn
	}

	n.ZoneID = zone.ID()
	if err := ctx.RegisterResourceOutputs(n, pulumi.Map{"zoneId": n.ZoneID, "names": pulumi.ToStringMap(n.Names)}); err != nil {
		return nil, err
	}
	return n, nil
}

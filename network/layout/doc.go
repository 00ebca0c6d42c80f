// Package layout is the VPC's pure planning, with no Pulumi in it, so config, the component and the
// reports share one answer: how the subnets of each tier are carved from the VPC CIDR (Plan), and where
// the NAT gateways go (NATStrategy). Table and golden tests cover it.
package layout

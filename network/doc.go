// Package network builds the VPC every other component lives in (hybridcloud:network:Vpc).
//
// It takes its VPCSettings (a CIDR, explicit availability zones, subnet sizes, the NAT strategy, the
// interface endpoints) and, as wiring, the stack's logs key, identity and the on-premises networks. Per AZ
// it declares a public subnet that holds only NAT gateways, a private app subnet and a private data subnet,
// carved by the pure planner in package layout. App subnets egress through NAT (one per AZ, or one for
// all); data subnets have no internet route unless asked. Nothing private maps a public IP. It also
// declares the S3 gateway endpoint, the interface endpoints the platform needs (private DNS, reachable
// only from the VPC and on premises), flow logs of all traffic to an encrypted log group, and takes over
// the default security group with no rules.
//
// It exports what other components need: the VPC id and CIDR, subnet and route table ids per tier, the
// NAT gateways' public addresses, the endpoint security group and the interface endpoints' DNS names.
package network

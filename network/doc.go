// Package network builds the VPC every other component lives in (hybridcloud:network:Vpc).
//
// It takes a CIDR, explicit availability zones and a subnet layout carved by PlanSubnets, and declares per
// AZ a public subnet that holds only NAT gateways, a private app subnet and a private data subnet. App
// subnets egress through NAT (one per AZ, or one for all); data subnets have no internet route unless asked.
// Nothing private maps a public IP. It also declares the S3 gateway endpoint, the interface endpoints the
// platform needs (private DNS, reachable on 443 only from the VPC and on premises), flow logs of all traffic
// to an encrypted log group, and takes over the default security group with no rules.
//
// It exports what other components need: the VPC id and CIDR, subnet and route table ids per tier, the
// endpoint security group, interface endpoint DNS names and the KMS key for the stack's log groups.
package network

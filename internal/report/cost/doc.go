// Package cost estimates a stack's monthly AWS bill from its offline plan: every declared resource is
// priced by its type token and its declared inputs (a NAT gateway per gateway, an interface endpoint per AZ
// it sits in, a Resolver endpoint per IP address, RDS at its Multi-AZ rate, an Auto Scaling group at its
// desired capacity times its launch template's instance type), and usage-based charges by the figures of
// the hybridcloud:usage section (Usage). Prices come from package prices.
//
// A price the table does not know for the resource's region is reported as unknown, never as zero; a type
// no rule prices is listed as not priced, and known-free types as free, so the report never hides a
// resource. Report also holds the connectivity decision: the monthly cost of each hybrid mode for the
// configured volume to on premises, and the breakeven volume of Direct Connect against VPN.
package cost

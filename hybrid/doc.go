// Package hybrid connects the VPC to the data centre and manages the servers on both sides.
//
// Connectivity (hybridcloud:hybrid:Connectivity, ConnectivityType) takes its ConnectivitySettings
// (hybridcloud:hybrid) and, as wiring, the VPC's id, CIDR, app subnets and route tables, the on-premises
// CIDRs, the stack's logs key and its operations topic. It declares a Transit Gateway with explicit route
// tables and a VPC attachment in the app subnets, routes every on-premises CIDR from the app and data route
// tables to it, and, by mode, the paths: Direct Connect (a gateway, one transit VIF per connection,
// optionally the connections themselves with MACsec), Site-to-Site VPN over the internet (one connection
// per on-premises router, BGP, IKEv2, logged tunnels), and VPN over Direct Connect with private outside
// addresses for encryption on the private line. Failover is by BGP: Direct-Connect-propagated routes win
// over VPN ones for the same prefix. It alarms, to the operations topic, on every connection's state, every
// VIF's BGP session and every VPN tunnel. It exports the Transit Gateway and its VPC route table, the
// Direct Connect gateway (Direct Connect modes only), the VIFs, and per VIF and per VPN router what the
// on-premises routers need (pre-shared keys as secrets).
//
// DNS (hybridcloud:hybrid:DNS, DNSType) takes its DNSSettings (hybridcloud:hybrid.dns) and, as wiring, the
// VPC, its app subnets, the on-premises CIDRs, domain and resolvers, and the logs key. It declares Route 53
// Resolver inbound and outbound endpoints, the forwarding rule for the on-premises domain and query
// logging, and exports the inbound endpoint's addresses for the on-premises DNS forwarders.
//
// The pure rules both use, and config checks with, live in package topology: which parts each mode needs,
// what Direct Connect advertises, the resiliency models, and the MTU and port tables; package patching holds
// the patch window's schedule rules.
//
// Management (hybridcloud:hybrid:Management, ManagementType) takes its ManagementSettings
// (hybridcloud:management) and, as wiring, the logs key, the roles of nodes registered elsewhere (the ECS
// hosts' and ECS Anywhere's), the account, partition and region, and the time of the deployment. It is
// Systems Manager across both sides: one hybrid activation per patch group for on-premises servers, renewed
// within a rotation window (package activation), with the registration command per OS; a patch baseline per
// OS and a tag-targeted maintenance window that patches EC2 and mi- nodes alike (its schedule rules in
// package patching); State Manager associations for the agent and inventory; and Session Manager
// preferences that encrypt and log every session. It exports the activations, the registration commands
// (secrets) and the patch window.
//
// Components take typed settings and wiring, never config.
package hybrid

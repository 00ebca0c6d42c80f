// Package hybrid connects the VPC to the data centre.
//
// Connectivity (hybridcloud:hybrid:Connectivity) declares a Transit Gateway with explicit route tables and
// a VPC attachment in the app subnets, routes every on-premises CIDR from the app and data route tables to
// it, and, by Mode, the paths: Direct Connect (a gateway, one transit VIF per connection, optionally the
// connections themselves with MACsec), Site-to-Site VPN over the internet (one connection per on-premises
// router, BGP, IKEv2, logged tunnels), and VPN over Direct Connect with private outside addresses for
// encryption on the private line. Failover is by BGP: Direct-Connect-propagated routes win over VPN ones
// for the same prefix. It owns the KMS-encrypted operations topic and alarms on every connection's state,
// every VIF's BGP session and every VPN tunnel. CheckResiliency checks a connection list against AWS's
// Direct Connect resiliency models.
//
// DNS (hybridcloud:hybrid:DNS) declares Route 53 Resolver inbound and outbound endpoints, the forwarding
// rule for the on-premises domain and query logging.
//
// Management (hybridcloud:hybrid:Management, management*.go) is Systems Manager across both sides: the hybrid
// activation for on-premises servers, patching, State Manager associations and Session Manager.
//
// It takes the VPC's ids and typed settings, never config. It exports the Transit Gateway id, the topic's
// ARN, per VIF and per VPN tunnel what the on-premises routers need (pre-shared keys as secrets), and the
// inbound endpoint's addresses for the on-premises DNS forwarders.
package hybrid

// Package topology is hybrid connectivity's pure planning, with no Pulumi in it, so config, the component
// and the reports share one answer: which parts each connectivity Mode needs, allows or forbids (the rule
// table behind Presence), what the Direct Connect gateway advertises (Advertised), AWS's Direct Connect
// resiliency models and the check of a connection list against them (CheckResiliency), and the link
// tables AWS imposes (transit VIF MTUs, dedicated port speeds, MACsec). Table tests cover it.
package topology

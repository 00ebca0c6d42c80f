// Package diagram draws the architecture a plan declares, as Mermaid (for the README and pull requests)
// and Graphviz DOT: one group per top-level component with its key resources inside, the on-premises side
// (data-centre routers, customer gateways, NFS clients, ECS Anywhere hosts, on-premises DNS) beside AWS,
// and one edge for every pair of components where one's resources are built from the other's outputs,
// labelled with what flows. Output is deterministic: the same plan gives the same bytes.
package diagram

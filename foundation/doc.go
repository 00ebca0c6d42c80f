// Package foundation declares what is stack-wide, before any other component: the KMS key every log group
// of the stack is encrypted with, the operations topic every alarm and failed backup notifies, and the
// account, partition and region the other components build ARNs and policies from. The other components
// take these as wiring (Baseline's outputs) and own only their own resources.
package foundation

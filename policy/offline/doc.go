// Package offline runs the policy pack over a program run recorded by internal/plan, without the Pulumi CLI:
// the program's tests and `make plan` use it to see the verdicts `pulumi preview --policy-pack policy` gives.
// It takes a *plan.Result and exports Resources (the analyzer view of each registered resource), Check (the
// whole pack's violations) and Mandatory (the ones that block a deployment).
package offline

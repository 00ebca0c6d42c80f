// Package plantest builds small plans by hand, for unit tests of code that reads plans (the cost and
// diagram reports): components, resources with declared inputs, their providers, and the dependencies
// between them, shaped as the plan harness records them. It also holds the lookups the component tests share
// (Named, Await) over real runs of the harness.
package plantest

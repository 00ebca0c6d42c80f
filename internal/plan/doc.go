// Package plan runs the Pulumi program in-process under mocks and records what it declares: every
// resource with its type, name, parent and inputs (secrets kept as secrets, unknowns as unknowns). It plays
// either `pulumi up` (mocked ids and computed outputs) or `pulumi preview` of a new stack (no ids, only
// inputs echoed), reads a stack's configuration from Pulumi.yaml and Pulumi.<stack>.yaml with the Pulumi
// SDK's own loaders and applies the project's config as the CLI does, records the stack outputs and the
// provider functions the program calls, and renders the result as a tree (ending, as `pulumi preview`
// does, with the outputs and a create summary) or as JSON.
//
// The offline plan (cmd/plan), the reports and every test that declares resources (through package
// plantest) use this one harness, so they exercise exactly the code that `pulumi up` runs. Config and
// policy-rule tests need no resources and do not use it.
package plan

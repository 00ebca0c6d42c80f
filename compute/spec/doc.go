// Package spec is compute's pure rule table, with no Pulumi in it, so config and the components apply one
// rule in one place: the file access levels a service may hold (FileAccess), the checks both config and the
// components make on counts, ports, images and health checks, how a service is deployed where it runs
// (DeploymentPercents), and the names AWS limits or reserves (FitsAutoname, ReservedPrefix,
// TargetGroupName). Config names the stack-file key of a failed check; a component names its own field.
// Table tests cover it.
package spec

// Package patching is the pure part of Systems Manager patching, with no Pulumi in it, so config, the
// Management component and the reports share one answer: the operating systems a patch baseline can be
// declared for and the patches each one approves (OperatingSystem), how its servers register with the SSM
// agent, the compliance levels AWS knows (ComplianceLevel), which baseline covers a patch group (Assign),
// and AWS's limits on patch groups, approval delays and maintenance windows. Table tests cover it.
package patching

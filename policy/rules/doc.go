// Package rules is the hybridcloud policy pack: one rule per file, each with a stable ID, the control it maps
// to (AWS Security Hub FSBP id, CIS id, cdk-nag id or "custom"), a severity and an enforcement level held as
// data. NewPack turns the rules into policyx policies for `pulumi preview --policy-pack`; Evaluate runs the
// same policies in-process over a list of policyx.AnalyzerResource values, so tests and the offline plan
// see exactly what the CLI would report.
//
// Rules never guess: a value that is unknown at preview (a computed id, an ARN of a resource not yet created)
// does not produce a violation; it is reported by the advisory policy UnknownsPolicyID so a mandatory check
// that could not run is never passed silently. The real `pulumi up` runs the pack again with resolved inputs.
package rules

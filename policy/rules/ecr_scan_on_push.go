package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// EcrScanOnPush requires every image to be scanned when pushed.
var EcrScanOnPush = Rule{
	ID: "ecr-scan-on-push", Control: "ECR.1", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "ECR repositories scan images on push (imageScanningConfiguration.scanOnPush = true).",
	Types:       []string{ecrRepository},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "imageScanningConfiguration", "scanOnPush")
	},
}

package rules

// EcrScanOnPush requires every image to be scanned when pushed.
var EcrScanOnPush = Rule{
	ID: "ecr-scan-on-push", Controls: []string{"ECR.1", "PCP aws-ecr-repository-enable-image-scan", "PCP aws-ecr-repository-configure-image-scan"}, Severity: Medium,
	Description: "ECR repositories scan images on push (imageScanningConfiguration.scanOnPush = true).",
	Remediation: "set imageScanningConfiguration.scanOnPush true",
	Exceptions:  []string{"Registry-level scanning (aws:ecr/registryScanningConfiguration) would also satisfy ECR.1; the program does not declare it, so the rule asks for scan on push on every repository."},
	Types:       []string{ecrRepository},
	Reads:       map[string][]string{ecrRepository: {"imageScanningConfiguration.scanOnPush"}},
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "imageScanningConfiguration", "scanOnPush") },
}

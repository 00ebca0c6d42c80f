package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// SsmActivationExpiry requires an expiry on hybrid activations, so a leaked activation code stops working.
var SsmActivationExpiry = Rule{
	ID: "ssm-activation-expiry", Control: "custom (B45)", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "SSM hybrid activations (ECS Anywhere, managed on-premises hosts) set expirationDate and registrationLimit.",
	Types:       []string{"aws:ssm/activation:Activation"},
	Resource: func(r Resource, f *Findings) {
		requireSet(r, f, "expirationDate")
		requireSet(r, f, "registrationLimit")
	},
}

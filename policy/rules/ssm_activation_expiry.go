package rules

// SsmActivationExpiry requires an expiry and a registration limit on hybrid activations, so a leaked
// activation code stops working.
var SsmActivationExpiry = Rule{
	ID: "ssm-activation-expiry", Controls: []string{"B45"}, Severity: Medium,
	Description: "SSM hybrid activations (ECS Anywhere, managed on-premises hosts) set expirationDate and registrationLimit.",
	Remediation: "set expirationDate (at most 30 days ahead) and registrationLimit to the hosts that will register",
	Types:       []string{ssmActivation},
	Reads:       map[string][]string{ssmActivation: {"expirationDate", "registrationLimit"}},
	Resource: func(r Resource, f *Findings) {
		requireSet(r, f, "expirationDate")
		requireSet(r, f, "registrationLimit")
	},
}

package config

import "github.com/insurance/hybridcloud/internal/deploy/activation"

// activation checks an activation's registration limit and rotation (activation.Expiry): AWS registers at
// most 1000 hosts with one code, and a rotation must leave the activation time to be replaced before it
// lapses 30 days after its creation.
func (p *parser) activation(key string, registrationLimit, rotationDays int) {
	if registrationLimit < 1 || registrationLimit > activation.MaxRegistrations {
		p.fail(key+".registrationLimit", "%d is outside 1-%d", registrationLimit, activation.MaxRegistrations)
	}
	if rotationDays < 1 || rotationDays > activation.MaxRotationDays {
		p.fail(key+".rotationDays", "%d is outside 1-%d: an activation lives at most 30 days, and its renewal must leave time to replace it before it lapses",
			rotationDays, activation.MaxRotationDays)
	}
}

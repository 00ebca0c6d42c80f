package config

import (
	"time"
)

// Activation is an SSM hybrid activation: how many on-premises hosts may register with it, and until when.
type Activation struct {
	// RegistrationLimit is how many hosts may register with one code.
	RegistrationLimit int
	// ExpiresOn is when the code stops working: rotate it (a new date) before then, since a change of
	// expiry replaces the activation and its code.
	ExpiresOn time.Time
}

type activationInput struct {
	RegistrationLimit int    `json:"registrationLimit"`
	ExpiresOn         string `json:"expiresOn"`
}

// Limits AWS sets on activations.
const (
	activationMaxDays       = 30
	maxRegistrationsPerCode = 1000
	activationDayLayout     = time.DateOnly
)

// activation checks an activation against the parser's clock: AWS refuses an expiry in the past or more than
// 30 days ahead.
func (p *parser) activation(key string, in activationInput) Activation {
	out := Activation{RegistrationLimit: in.RegistrationLimit}
	if in.RegistrationLimit < 1 || in.RegistrationLimit > maxRegistrationsPerCode {
		p.fail(key+".registrationLimit", "%d is outside 1-%d", in.RegistrationLimit, maxRegistrationsPerCode)
	}
	expires, err := time.Parse(activationDayLayout, in.ExpiresOn)
	switch {
	case err != nil:
		p.fail(key+".expiresOn", "%q is not a date like 2026-12-20", in.ExpiresOn)
	case !expires.After(p.now):
		p.fail(key+".expiresOn", "%s has passed: set a new date (this replaces the activation; re-register hosts with the new code)", in.ExpiresOn)
	case expires.After(p.now.AddDate(0, 0, activationMaxDays)):
		p.fail(key+".expiresOn", "%s is more than %d days after %s, the longest AWS allows", in.ExpiresOn, activationMaxDays, p.now.Format(activationDayLayout))
	default:
		out.ExpiresOn = expires
	}
	return out
}

// Package activation works out when an SSM hybrid activation (the management activations of on-premises
// servers, the ECS Anywhere activation) expires, so activations renew themselves instead of carrying a date in
// the stack files.
//
// AWS lets an activation live at most 30 days from its creation, and a change of expiry replaces it (a new
// id and code; hosts registered with the old one stay registered). So time is cut into rotation windows of a
// configured number of days, counted from the Unix epoch: every deployment inside one window computes the
// same expiry (no diff), and the first deployment after a window ends computes a new one, which replaces the
// activation before the old one lapses, as long as a deployment runs within 30 days minus the rotation
// period of the window's start. The pulumiverse time provider's Rotating resource would do the same only on
// a refresh (`pulumi up --refresh`): it rotates when a read finds it expired, never on a plain preview or up.
package activation

import (
	"fmt"
	"time"
)

// Limits AWS and this package put on an activation.
const (
	// Lifetime is how long after its window starts an activation stays valid: AWS's 30 days, less an hour,
	// so the limit, which AWS counts from the activation's creation (never before its window starts), is
	// never exceeded.
	Lifetime = 30*24*time.Hour - time.Hour
	// MaxRotationDays is the longest rotation window: its end leaves the activation almost two days
	// (Lifetime less the window) for a deployment to replace it.
	MaxRotationDays = 28
	// MaxRegistrations is AWS's limit of hosts one activation registers (SSM API reference, "Activation":
	// RegistrationLimit 1-1000).
	MaxRegistrations = 1000
	// DefaultRotationDays renews an activation every two weeks, which leaves it two more weeks (Lifetime less
	// the window) for a deployment to replace it before it lapses.
	DefaultRotationDays = 14
)

// CheckHosts checks the inventory of hosts an activation is for, whose size is the activation's registration
// limit: a code registers only as many machines as the stack lists, so a leaked one cannot add more. At
// least one host (AWS's minimum limit), at most MaxRegistrations.
func CheckHosts(n int) error {
	if n < 1 || n > MaxRegistrations {
		return fmt.Errorf("activation: %d hosts listed, want 1-%d (the registration limit is the number of hosts)", n, MaxRegistrations)
	}
	return nil
}

// Expiry is the expiration date of an activation deployed at now with rotation windows of rotationDays: the
// start of now's window plus Lifetime.
func Expiry(now time.Time, rotationDays int) (time.Time, error) {
	if rotationDays < 1 || rotationDays > MaxRotationDays {
		return time.Time{}, fmt.Errorf("activation: a rotation of %d days is outside 1-%d", rotationDays, MaxRotationDays)
	}
	window := time.Duration(rotationDays) * 24 * time.Hour
	start := now.UTC().Truncate(window) // multiples of whole days since the zero time: windows start at midnight UTC
	return start.Add(Lifetime), nil
}

package hybrid

import (
	"maps"
	"slices"

	"github.com/insurance/hybridcloud/hybrid/patching"
	"github.com/insurance/hybridcloud/internal/deploy/activation"
)

// ManagementSettings are the Management component's own settings (hybridcloud:management): Systems
// Manager over the servers on both sides, EC2 and on premises.
type ManagementSettings struct {
	// Activations register the on-premises servers that are not ECS Anywhere hosts, keyed by the patch group
	// their servers join: an activation's tags are given to every server it registers, so a server joins
	// the group of the activation it registers with, and each group gets its own. A group must be in a
	// baseline's PatchGroups, whose operating system decides the registration command (PowerShell for
	// WINDOWS). Required: at least one.
	Activations map[string]Activation `json:"activations"`
	// PatchBaselines approve patches, keyed by the operating system each is for: one baseline per operating
	// system, named after it. Required: one for each operating system you run, on either side; a node in a
	// patch group no baseline lists is never patched.
	PatchBaselines map[patching.OperatingSystem]PatchBaseline `json:"patchBaselines"`
	// PatchWindow is when patches are installed, on every node of every baseline's patch groups. Required.
	PatchWindow PatchWindow `json:"patchWindow"`
	// SessionIdleTimeoutMinutes ends a Session Manager session idle for that long: 1 to
	// MaxSessionIdleTimeoutMinutes. Default DefaultSessionIdleTimeoutMinutes; shorter leaves an unattended
	// shell open for less time, at the cost of reconnecting more often.
	SessionIdleTimeoutMinutes int `json:"sessionIdleTimeoutMinutes"`
	// SessionLogRetentionDays keeps the session logs, and the patch runs' command output, that long: a
	// CloudWatch Logs retention value. Required: session logs are the audit trail of who ran what on which
	// server.
	SessionLogRetentionDays int `json:"sessionLogRetentionDays"`
	// Protect keeps the session key through a destroy (pulumi protect and retain): without it the
	// recorded sessions cannot be read. Default true; required in prod.
	Protect bool `json:"protect"`
	// SessionRunAsUser is the OS user Linux sessions run as (Session Manager's Run As): it must exist on
	// every Linux node, or sessions there fail. Optional; unset, sessions run as ssm-user, which Session
	// Manager creates with passwordless sudo, so a session can do whatever root can.
	SessionRunAsUser string `json:"sessionRunAsUser"`
}

// Session Manager's idle timeout, in minutes.
const (
	// DefaultSessionIdleTimeoutMinutes is the idle timeout when the stack sets none.
	DefaultSessionIdleTimeoutMinutes = 20
	// MaxSessionIdleTimeoutMinutes is the longest idle timeout Session Manager allows.
	MaxSessionIdleTimeoutMinutes = 60
)

// DefaultManagementSettings are the settings a stack file starts from: sessions end after
// DefaultSessionIdleTimeoutMinutes idle. Everything else is required.
func DefaultManagementSettings() ManagementSettings {
	return ManagementSettings{SessionIdleTimeoutMinutes: DefaultSessionIdleTimeoutMinutes, Protect: true}
}

// Activation is the hybrid activation of one patch group (the key it is listed under): the code its
// on-premises servers register with.
type Activation struct {
	// Hosts are the on-premises servers the activation is for, by host name: the inventory its registration
	// limit is sized to (RegistrationLimit), so a leaked code registers no more machines than the stack
	// lists. Required: 1 to activation.MaxRegistrations names, each in one activation only (ECS Anywhere's
	// included). Adding or removing a host changes the limit, which replaces the activation (SSM has no
	// update of an activation): a new id and code; servers already registered stay.
	Hosts []string `json:"hosts"`
	// RotationDays is how often the activation renews itself (activation.Expiry): 1 to
	// activation.MaxRotationDays, default activation.DefaultRotationDays. The first deployment of a new window
	// replaces the activation and its code: servers already registered stay registered, only new
	// registrations need the new code.
	RotationDays int `json:"rotationDays"`
}

// RegistrationLimit is how many servers may register with the activation's code: one per listed host.
func (a Activation) RegistrationLimit() int { return len(a.Hosts) }

// SetDefaults gives an activation the stack file lists its defaults, before the file's keys are read.
func (a *Activation) SetDefaults() { a.RotationDays = activation.DefaultRotationDays }

// PatchBaseline approves patches for one operating system (the key it is listed under) on the nodes of its
// patch groups: security and bug fixes of the two highest severities, in that system's words
// (patching.OperatingSystem.ApprovalFilters).
type PatchBaseline struct {
	// ApproveAfterDays delays approval that many days after a patch's release: 0 to
	// patching.MaxApproveAfterDays. Default 0, approve at once. A delay lets a bad patch be pulled before
	// it lands, at the price of running that long without it: prod waits, dev finds bad patches first.
	ApproveAfterDays int `json:"approveAfterDays"`
	// ComplianceLevel is how severe AWS reports a node that misses an approved patch (patching.Critical,
	// patching.High, ...). Required.
	ComplianceLevel patching.ComplianceLevel `json:"complianceLevel"`
	// PatchGroups are the values of the Patch Group tag (PatchGroupTag) whose nodes this baseline patches,
	// EC2 instances and on-premises servers alike: names patching.CheckGroup accepts, each in one baseline
	// only (AWS registers a group with one baseline). Required: at least one, or the baseline patches
	// nothing.
	PatchGroups []string `json:"patchGroups"`
}

// PatchWindow is the maintenance window in which patches are installed, nodes rebooting if a patch needs
// it.
type PatchWindow struct {
	// Schedule is when the window opens: an AWS cron or rate expression, in UTC. Required.
	Schedule string `json:"schedule"`
	// DurationHours is how long the window stays open: 1 to patching.MaxWindowHours. Required.
	DurationHours int `json:"durationHours"`
	// CutoffHours before the window closes, no node starts patching any more: at least 0 and less than
	// DurationHours. Default 0; a cutoff keeps a late patch-and-reboot from running past the window.
	CutoffHours int `json:"cutoffHours"`
}

// PatchGroups lists every patch group a baseline covers, by operating system (sorted) and then in each
// baseline's order: the groups whose nodes the patch window patches, and which hosts declared elsewhere may
// join.
func (s ManagementSettings) PatchGroups() []string {
	var out []string
	for _, system := range slices.Sorted(maps.Keys(s.PatchBaselines)) {
		out = append(out, s.PatchBaselines[system].PatchGroups...)
	}
	return out
}

// AssignPatchGroups maps each patch group to the operating system of the baseline that covers it
// (patching.Assign), and returns the groups a second baseline claims, which AWS would refuse.
func (s ManagementSettings) AssignPatchGroups() (patching.Groups, []patching.Conflict) {
	byOS := make(map[patching.OperatingSystem][]string, len(s.PatchBaselines))
	for system, b := range s.PatchBaselines {
		byOS[system] = b.PatchGroups
	}
	return patching.Assign(byOS)
}

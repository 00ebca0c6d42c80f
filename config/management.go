package config

import (
	"regexp"
	"slices"
)

// Management is the validated hybridcloud:management section: Systems Manager over the servers on both
// sides, EC2 and on premises.
type Management struct {
	// Activations register on-premises servers that are not ECS Anywhere hosts: one per patch group, since
	// a server joins the patch group of the activation it registers with.
	Activations []ServerActivation
	// PatchBaselines are the approval rules, one per operating system, each with its patch groups.
	PatchBaselines []PatchBaseline
	// PatchWindow is when patches are installed.
	PatchWindow PatchWindow
	// SessionIdleTimeoutMinutes ends idle Session Manager sessions (1-60).
	SessionIdleTimeoutMinutes int
	// SessionLogRetentionDays keeps the session logs.
	SessionLogRetentionDays int
}

// ServerActivation is an activation whose servers join one patch group (through the activation's tags).
type ServerActivation struct {
	PatchGroup string
	// OperatingSystem is that of the patch group's baseline: it decides how servers register.
	OperatingSystem string
	Activation
}

// PatchBaseline approves patches for one operating system.
type PatchBaseline struct {
	// OperatingSystem is the SSM name ("AMAZON_LINUX_2023", "WINDOWS").
	OperatingSystem string
	// ApproveAfterDays delays approval after a patch's release, so a bad patch is pulled before it lands.
	ApproveAfterDays int
	// ComplianceLevel is the severity of a missing approved patch ("CRITICAL", "HIGH").
	ComplianceLevel string
	// PatchGroups are the "Patch Group" tag values that use this baseline.
	PatchGroups []string
}

// PatchWindow is the weekly maintenance window in which patches are installed.
type PatchWindow struct {
	// Schedule is a cron or rate expression, in UTC.
	Schedule string
	// DurationHours is the window's length; CutoffHours before its end no new task starts.
	DurationHours, CutoffHours int
}

type managementInput struct {
	Activations []struct {
		PatchGroup string `json:"patchGroup"`
		activationInput
	} `json:"activations"`
	PatchBaselines []struct {
		OperatingSystem  string   `json:"operatingSystem"`
		ApproveAfterDays int      `json:"approveAfterDays"`
		ComplianceLevel  string   `json:"complianceLevel"`
		PatchGroups      []string `json:"patchGroups"`
	} `json:"patchBaselines"`
	PatchWindow struct {
		Schedule      string `json:"schedule"`
		DurationHours int    `json:"durationHours"`
		CutoffHours   int    `json:"cutoffHours"`
	} `json:"patchWindow"`
	SessionIdleTimeoutMinutes int `json:"sessionIdleTimeoutMinutes"`
	SessionLogRetentionDays   int `json:"sessionLogRetentionDays"`
}

// PatchedOperatingSystems are the operating systems the management component has approval rules for.
var PatchedOperatingSystems = []string{"AMAZON_LINUX_2023", "AMAZON_LINUX_2", "REDHAT_ENTERPRISE_LINUX", "WINDOWS"}

// Limits AWS sets.
const (
	maxApproveAfterDays    = 360
	maxWindowHours         = 24
	maxSessionIdleMinutes  = 60
	defaultIdleMinutes     = 20
	maxPatchGroupNameChars = 256
)

var (
	complianceLevels  = []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"}
	patchGroupPattern = regexp.MustCompile(`^[A-Za-z0-9_.:/=+@-]+$`)
)

func (p *parser) management(in managementInput) Management {
	key := p.key("management")
	out := Management{
		SessionIdleTimeoutMinutes: in.SessionIdleTimeoutMinutes,
		SessionLogRetentionDays:   in.SessionLogRetentionDays,
		PatchWindow: PatchWindow{Schedule: in.PatchWindow.Schedule, DurationHours: in.PatchWindow.DurationHours,
			CutoffHours: in.PatchWindow.CutoffHours},
	}
	if out.SessionIdleTimeoutMinutes == 0 {
		out.SessionIdleTimeoutMinutes = defaultIdleMinutes
	}
	if out.SessionIdleTimeoutMinutes < 1 || out.SessionIdleTimeoutMinutes > maxSessionIdleMinutes {
		p.fail(key+".sessionIdleTimeoutMinutes", "%d is outside 1-%d", out.SessionIdleTimeoutMinutes, maxSessionIdleMinutes)
	}
	p.retention(key+".sessionLogRetentionDays", in.SessionLogRetentionDays)

	if err := checkSchedule(in.PatchWindow.Schedule); err != nil {
		p.fail(key+".patchWindow.schedule", "%v", err)
	}
	w := out.PatchWindow
	if w.DurationHours < 1 || w.DurationHours > maxWindowHours {
		p.fail(key+".patchWindow.durationHours", "%d is outside 1-%d", w.DurationHours, maxWindowHours)
	}
	if w.CutoffHours < 0 || w.CutoffHours >= w.DurationHours {
		p.fail(key+".patchWindow.cutoffHours", "%d must be at least 0 and less than durationHours (%d)", w.CutoffHours, w.DurationHours)
	}

	if len(in.PatchBaselines) == 0 {
		p.fail(key+".patchBaselines", "required: a baseline for each operating system you run")
	}
	groups := map[string]string{}
	for i, b := range in.PatchBaselines {
		bk := indexed(key+".patchBaselines", i)
		if !slices.Contains(PatchedOperatingSystems, b.OperatingSystem) {
			p.fail(bk+".operatingSystem", "%q is not one of %v", b.OperatingSystem, PatchedOperatingSystems)
		}
		for j, other := range out.PatchBaselines {
			if other.OperatingSystem == b.OperatingSystem {
				p.fail(bk+".operatingSystem", "%s also has patchBaselines[%d]", b.OperatingSystem, j)
			}
		}
		if b.ApproveAfterDays < 0 || b.ApproveAfterDays > maxApproveAfterDays {
			p.fail(bk+".approveAfterDays", "%d is outside 0-%d", b.ApproveAfterDays, maxApproveAfterDays)
		}
		if !slices.Contains(complianceLevels, b.ComplianceLevel) {
			p.fail(bk+".complianceLevel", "%q is not one of %v", b.ComplianceLevel, complianceLevels)
		}
		if len(b.PatchGroups) == 0 {
			p.fail(bk+".patchGroups", "required: the Patch Group tag values that use this baseline")
		}
		for _, g := range b.PatchGroups {
			if !patchGroupPattern.MatchString(g) || len(g) > maxPatchGroupNameChars {
				p.fail(bk+".patchGroups", "%q is not a tag value", g)
			}
			// A patch group can belong to one baseline only: AWS refuses the second registration.
			if prev, ok := groups[g]; ok {
				p.fail(bk+".patchGroups", "%q is already in the %s baseline", g, prev)
			}
			groups[g] = b.OperatingSystem
		}
		out.PatchBaselines = append(out.PatchBaselines, PatchBaseline{OperatingSystem: b.OperatingSystem,
			ApproveAfterDays: b.ApproveAfterDays, ComplianceLevel: b.ComplianceLevel, PatchGroups: b.PatchGroups})
	}
	if len(in.Activations) == 0 {
		p.fail(key+".activations", "required: an activation for each patch group of on-premises servers")
	}
	for i, a := range in.Activations {
		ak := indexed(key+".activations", i)
		if _, ok := groups[a.PatchGroup]; !ok {
			p.fail(ak+".patchGroup", "%q is in no patch baseline's patchGroups", a.PatchGroup)
		}
		for j, other := range out.Activations {
			if other.PatchGroup == a.PatchGroup {
				p.fail(ak+".patchGroup", "%q already has activations[%d]", a.PatchGroup, j)
			}
		}
		out.Activations = append(out.Activations, ServerActivation{PatchGroup: a.PatchGroup, OperatingSystem: groups[a.PatchGroup],
			Activation: p.activation(ak, a.activationInput)})
	}
	return out
}

// patchGroups lists every patch group a patch baseline covers: the groups hosts elsewhere in the stack may
// join and still be patched.
func (m Management) patchGroups() []string {
	var out []string
	for _, b := range m.PatchBaselines {
		out = append(out, b.PatchGroups...)
	}
	return out
}

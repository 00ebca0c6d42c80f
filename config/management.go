package config

import (
	"maps"
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/patching"
)

// runAsUserPattern is a portable Linux user name (useradd's default rule).
var runAsUserPattern = regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$`)

// Management is the validated hybridcloud:management section: the Management component's settings as they
// are, wrapped only so the compute section can ask which patch groups they cover (patchGroups).
type Management struct {
	hybrid.ManagementSettings
}

// management reads hybridcloud:management into the Management component's settings.
func (p *parser) management(raw []byte, env Environment) Management {
	key := p.key("management")
	s := hybrid.DefaultManagementSettings()
	p.decode(key, raw, &s)

	if n := s.SessionIdleTimeoutMinutes; n < 1 || n > hybrid.MaxSessionIdleTimeoutMinutes {
		p.fail(key+".sessionIdleTimeoutMinutes", "%d is outside 1-%d", n, hybrid.MaxSessionIdleTimeoutMinutes)
	}
	p.retention(key+".sessionLogRetentionDays", s.SessionLogRetentionDays)
	p.protect(key+".protect", s.Protect, env)
	if u := s.SessionRunAsUser; u != "" && (u == "root" || !runAsUserPattern.MatchString(u)) {
		p.fail(key+".sessionRunAsUser", "%q is not a Linux user name other than root", u)
	}
	p.patchWindow(key+".patchWindow", s.PatchWindow)
	groups := p.patchBaselines(key+".patchBaselines", s)
	p.serverActivations(key+".activations", s.Activations, groups)
	return Management{s}
}

// patchWindow checks the maintenance window: a schedule AWS accepts, a length AWS accepts, and a cutoff
// that leaves time for a task to start.
func (p *parser) patchWindow(key string, w hybrid.PatchWindow) {
	if err := checkSchedule(w.Schedule); err != nil {
		p.fail(key+".schedule", "%v", err)
	}
	if err := patching.CheckDuration(w.DurationHours); err != nil {
		p.fail(key+".durationHours", "%v", err)
	}
	if err := patching.CheckCutoff(w.CutoffHours, w.DurationHours); err != nil {
		p.fail(key+".cutoffHours", "%v", err)
	}
}

// patchBaselines checks each baseline, keyed by its operating system, and that no patch group is in two
// (AWS refuses the second registration). It returns which baseline covers each group.
func (p *parser) patchBaselines(key string, s hybrid.ManagementSettings) patching.Groups {
	if len(s.PatchBaselines) == 0 {
		p.fail(key, "required: a baseline for each operating system you run")
	}
	for _, system := range slices.Sorted(maps.Keys(s.PatchBaselines)) {
		b, bk := s.PatchBaselines[system], key+"."+string(system)
		if err := system.Check(); err != nil {
			p.fail(bk, "%v", err)
		}
		if err := patching.CheckApproveAfterDays(b.ApproveAfterDays); err != nil {
			p.fail(bk+".approveAfterDays", "%v", err)
		}
		if err := b.ComplianceLevel.Check(); err != nil {
			p.fail(bk+".complianceLevel", "%v", err)
		}
		if len(b.PatchGroups) == 0 {
			p.fail(bk+".patchGroups", "required: the Patch Group tag values that use this baseline")
		}
		for i, g := range b.PatchGroups {
			if err := patching.CheckGroup(g); err != nil {
				p.fail(indexed(bk+".patchGroups", i), "%v", err)
			}
		}
	}
	groups, conflicts := s.AssignPatchGroups()
	for _, c := range conflicts {
		p.fail(key+"."+string(c.Second)+".patchGroups", "%v", c)
	}
	return groups
}

// serverActivations checks the activations, keyed by the patch group their servers join: a group a
// baseline covers, hosts that size its limit and are in no other activation, and a rotation AWS accepts
// (p.activation, shared with ECS Anywhere).
func (p *parser) serverActivations(key string, activations map[string]hybrid.Activation, groups patching.Groups) {
	if len(activations) == 0 {
		p.fail(key, "required: an activation for each patch group of on-premises servers")
	}
	owners := map[string]string{}
	for _, group := range slices.Sorted(maps.Keys(activations)) {
		ak, a := key+"."+group, activations[group]
		if _, err := groups.Baseline(group); err != nil {
			p.fail(ak, "%v", err)
		}
		p.activation(ak, a.Hosts, a.RotationDays, owners)
	}
}

// hostActivations maps each host of the server activations to the key of the first activation that lists
// it (key is hybridcloud:management.activations): the hosts ECS Anywhere may not list too.
func (m Management) hostActivations(key string) map[string]string {
	owners := map[string]string{}
	for _, group := range slices.Sorted(maps.Keys(m.Activations)) {
		for _, host := range m.Activations[group].Hosts {
			if _, listed := owners[host]; !listed {
				owners[host] = key + "." + group
			}
		}
	}
	return owners
}

// patchGroups lists every patch group a patch baseline covers: the groups hosts elsewhere in the stack may
// join and still be patched.
func (m Management) patchGroups() []string { return m.PatchGroups() }

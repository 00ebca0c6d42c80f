package patching

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// OperatingSystem is an operating system a patch baseline approves patches for, by its SSM name.
type OperatingSystem string

// The operating systems the platform has approval rules for.
const (
	AmazonLinux2023       OperatingSystem = "AMAZON_LINUX_2023"
	AmazonLinux2          OperatingSystem = "AMAZON_LINUX_2"
	RedHatEnterpriseLinux OperatingSystem = "REDHAT_ENTERPRISE_LINUX"
	Windows               OperatingSystem = "WINDOWS"
)

// OperatingSystems lists every OperatingSystem, in the order messages name them.
var OperatingSystems = []OperatingSystem{AmazonLinux2023, AmazonLinux2, RedHatEnterpriseLinux, Windows}

// Family groups the operating systems that classify their patches, and run the SSM agent, the same way.
type Family string

// The families of OperatingSystems.
const (
	// FamilyLinux classifies patches as Security/Bugfix by SEVERITY, and registers the agent from a root
	// shell.
	FamilyLinux Family = "linux"
	// FamilyWindows classifies patches as SecurityUpdates/CriticalUpdates by MSRC_SEVERITY, and registers
	// the agent from an elevated PowerShell.
	FamilyWindows Family = "windows"
)

// Family returns the family of o; an operating system the platform has no rules for is an error.
func (o OperatingSystem) Family() (Family, error) {
	switch o {
	case AmazonLinux2023, AmazonLinux2, RedHatEnterpriseLinux:
		return FamilyLinux, nil
	case Windows:
		return FamilyWindows, nil
	default:
		return "", fmt.Errorf("unknown operating system %q (want one of %s)", string(o), join(OperatingSystems))
	}
}

// Check accepts exactly the OperatingSystems.
func (o OperatingSystem) Check() error {
	_, err := o.Family()
	return err
}

// Filter is one patch filter of an approval rule: patches whose Key property is one of Values.
type Filter struct {
	Key    string
	Values []string
}

// ApprovalFilters are the patches o's baseline approves: security and bug fixes of the two highest
// severities, in the words of o's family, sorted by key.
func (o OperatingSystem) ApprovalFilters() ([]Filter, error) {
	family, err := o.Family()
	if err != nil {
		return nil, err
	}
	switch family {
	case FamilyLinux:
		return []Filter{
			{Key: "CLASSIFICATION", Values: []string{"Security", "Bugfix"}},
			{Key: "SEVERITY", Values: []string{"Critical", "Important"}},
		}, nil
	case FamilyWindows:
		return []Filter{
			{Key: "CLASSIFICATION", Values: []string{"CriticalUpdates", "SecurityUpdates"}},
			{Key: "MSRC_SEVERITY", Values: []string{"Critical", "Important"}},
		}, nil
	default:
		return nil, fmt.Errorf("no approval filters for the %q family", string(family))
	}
}

// Registration commands an operator runs on a server, as root or in an elevated PowerShell: fmt formats
// taking the activation code, the activation id and the region.
const (
	linuxRegistration   = "sudo amazon-ssm-agent -register -code %q -id %q -region %q && sudo systemctl restart amazon-ssm-agent"
	windowsRegistration = `& "$env:ProgramFiles\Amazon\SSM\amazon-ssm-agent.exe" -register -code %q -id %q -region %q; Restart-Service AmazonSSMAgent`
)

// RegistrationFormat is the command that registers a server of o with a hybrid activation, as a fmt
// format taking the activation code, the activation id and the region (each quoted with %q).
func (o OperatingSystem) RegistrationFormat() (string, error) {
	family, err := o.Family()
	if err != nil {
		return "", err
	}
	switch family {
	case FamilyLinux:
		return linuxRegistration, nil
	case FamilyWindows:
		return windowsRegistration, nil
	default:
		return "", fmt.Errorf("no registration command for the %q family", string(family))
	}
}

// ComplianceLevel is how severe AWS reports a missing approved patch.
type ComplianceLevel string

// The compliance levels AWS knows, most severe first.
const (
	Critical      ComplianceLevel = "CRITICAL"
	High          ComplianceLevel = "HIGH"
	Medium        ComplianceLevel = "MEDIUM"
	Low           ComplianceLevel = "LOW"
	Informational ComplianceLevel = "INFORMATIONAL"
	Unspecified   ComplianceLevel = "UNSPECIFIED"
)

// ComplianceLevels lists every ComplianceLevel, most severe first.
var ComplianceLevels = []ComplianceLevel{Critical, High, Medium, Low, Informational, Unspecified}

// Check accepts exactly the ComplianceLevels.
func (l ComplianceLevel) Check() error {
	switch l {
	case Critical, High, Medium, Low, Informational, Unspecified:
		return nil
	default:
		return fmt.Errorf("unknown compliance level %q (want one of %s)", string(l), join(ComplianceLevels))
	}
}

// Limits AWS sets.
const (
	// MaxApproveAfterDays is the longest an approval rule may wait after a patch's release.
	MaxApproveAfterDays = 360
	// MaxWindowHours is the longest a maintenance window may last.
	MaxWindowHours = 24
	// MaxGroupNameChars is the longest a patch group name (a tag value) may be.
	MaxGroupNameChars = 256
)

// groupPattern is what a patch group name (the value of the Patch Group tag) may hold.
var groupPattern = regexp.MustCompile(`^[A-Za-z0-9_.:/=+@-]+$`)

// CheckGroup checks a patch group name: a tag value of up to MaxGroupNameChars letters, digits and _.:/=+@-.
func CheckGroup(group string) error {
	if !groupPattern.MatchString(group) || len(group) > MaxGroupNameChars {
		return fmt.Errorf("%q is not a patch group name: up to %d letters, digits and _.:/=+@-", group, MaxGroupNameChars)
	}
	return nil
}

// CheckApproveAfterDays checks an approval rule's delay after a patch's release: 0 to MaxApproveAfterDays.
func CheckApproveAfterDays(days int) error {
	if days < 0 || days > MaxApproveAfterDays {
		return fmt.Errorf("%d is outside 0-%d", days, MaxApproveAfterDays)
	}
	return nil
}

// CheckDuration checks a maintenance window's length in hours: 1 to MaxWindowHours.
func CheckDuration(hours int) error {
	if hours < 1 || hours > MaxWindowHours {
		return fmt.Errorf("%d is outside 1-%d", hours, MaxWindowHours)
	}
	return nil
}

// CheckCutoff checks a maintenance window's cutoff, the hours before its end in which no new task starts:
// at least 0 and less than the window's duration, or no task would ever start.
func CheckCutoff(cutoff, duration int) error {
	if cutoff < 0 || cutoff >= duration {
		return fmt.Errorf("%d must be at least 0 and less than durationHours (%d)", cutoff, duration)
	}
	return nil
}

// Conflict is a patch group a second baseline claims, or one baseline lists twice: AWS registers a patch
// group with one baseline only.
type Conflict struct {
	// Group is the patch group; First is the baseline that has it, Second the one that claims it again.
	Group         string
	First, Second OperatingSystem
}

func (c Conflict) Error() string {
	return fmt.Sprintf("%q is already in the %s baseline", c.Group, c.First)
}

// Groups maps each patch group to the operating system of the one baseline that covers it.
type Groups map[string]OperatingSystem

// Assign maps the patch groups of each operating system's baseline to it, visiting the operating systems
// in sorted order and each one's groups in order; a group claimed again is a Conflict and stays with the
// baseline that had it first.
func Assign(baselines map[OperatingSystem][]string) (Groups, []Conflict) {
	groups := Groups{}
	var conflicts []Conflict
	for _, system := range slices.Sorted(maps.Keys(baselines)) {
		for _, g := range baselines[system] {
			if first, ok := groups[g]; ok {
				conflicts = append(conflicts, Conflict{Group: g, First: first, Second: system})
				continue
			}
			groups[g] = system
		}
	}
	return groups, conflicts
}

// Baseline returns the operating system of the baseline covering group; a group no baseline covers is an
// error, since its nodes would never be patched.
func (g Groups) Baseline(group string) (OperatingSystem, error) {
	system, ok := g[group]
	if !ok {
		return "", fmt.Errorf("%q is in no patch baseline's patchGroups", group)
	}
	return system, nil
}

func join[T ~string](values []T) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

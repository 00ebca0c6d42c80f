package patching

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryOperatingSystemHasApprovalFiltersAndARegistrationCommand(t *testing.T) {
	cases := []struct {
		system       OperatingSystem
		family       Family
		severityKey  string
		classes      []string
		registration string
	}{
		{AmazonLinux2023, FamilyLinux, "SEVERITY", []string{"Security", "Bugfix"}, "sudo amazon-ssm-agent -register"},
		{AmazonLinux2, FamilyLinux, "SEVERITY", []string{"Security", "Bugfix"}, "sudo amazon-ssm-agent -register"},
		{RedHatEnterpriseLinux, FamilyLinux, "SEVERITY", []string{"Security", "Bugfix"}, "sudo amazon-ssm-agent -register"},
		{Windows, FamilyWindows, "MSRC_SEVERITY", []string{"CriticalUpdates", "SecurityUpdates"}, `& "$env:ProgramFiles\Amazon\SSM\amazon-ssm-agent.exe" -register`},
	}
	require.Len(t, cases, len(OperatingSystems), "a case per operating system")
	for _, tc := range cases {
		t.Run(string(tc.system), func(t *testing.T) {
			require.NoError(t, tc.system.Check())
			family, err := tc.system.Family()
			require.NoError(t, err)
			assert.Equal(t, tc.family, family)

			filters, err := tc.system.ApprovalFilters()
			require.NoError(t, err)
			assert.Equal(t, []Filter{
				{Key: "CLASSIFICATION", Values: tc.classes},
				{Key: tc.severityKey, Values: []string{"Critical", "Important"}},
			}, filters, "security and bug fixes of the two highest severities, sorted by key")

			format, err := tc.system.RegistrationFormat()
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(format, tc.registration), format)
			assert.Equal(t, 3, strings.Count(format, "%q"), "code, id and region, quoted")
		})
	}
}

func TestAnOperatingSystemWithoutRulesIsRefusedEverywhere(t *testing.T) {
	const solaris OperatingSystem = "SOLARIS"
	want := `unknown operating system "SOLARIS" (want one of AMAZON_LINUX_2023, AMAZON_LINUX_2, REDHAT_ENTERPRISE_LINUX, WINDOWS)`
	assert.EqualError(t, solaris.Check(), want)
	_, err := solaris.ApprovalFilters()
	assert.EqualError(t, err, want)
	_, err = solaris.RegistrationFormat()
	assert.EqualError(t, err, want)
	assert.Error(t, OperatingSystem("windows").Check(), "SSM names are upper case")
}

func TestComplianceLevelsAreAWSsOwn(t *testing.T) {
	for _, l := range ComplianceLevels {
		assert.NoError(t, l.Check(), l)
	}
	assert.EqualError(t, ComplianceLevel("SEVERE").Check(),
		`unknown compliance level "SEVERE" (want one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED)`)
	assert.Error(t, ComplianceLevel("").Check())
}

func TestAssignGivesEachPatchGroupToOneBaseline(t *testing.T) {
	cases := []struct {
		name      string
		baselines map[OperatingSystem][]string
		want      Groups
		conflicts []Conflict
	}{
		{"disjoint groups", map[OperatingSystem][]string{AmazonLinux2023: {"ecs-hosts"}, Windows: {"win", "win-dc"}},
			Groups{"ecs-hosts": AmazonLinux2023, "win": Windows, "win-dc": Windows}, nil},
		{"a group in two baselines stays with the first by name", map[OperatingSystem][]string{Windows: {"shared"}, AmazonLinux2: {"shared", "al2"}},
			Groups{"shared": AmazonLinux2, "al2": AmazonLinux2}, []Conflict{{Group: "shared", First: AmazonLinux2, Second: Windows}}},
		{"a group listed twice in one baseline", map[OperatingSystem][]string{Windows: {"win", "win"}},
			Groups{"win": Windows}, []Conflict{{Group: "win", First: Windows, Second: Windows}}},
		{"no baselines", nil, Groups{}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, conflicts := Assign(tc.baselines)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.conflicts, conflicts)
		})
	}
	assert.EqualError(t, Conflict{Group: "shared", First: AmazonLinux2, Second: Windows}, `"shared" is already in the AMAZON_LINUX_2 baseline`)
}

func TestBaselineNamesAGroupNoBaselineCovers(t *testing.T) {
	groups := Groups{"win": Windows}
	system, err := groups.Baseline("win")
	require.NoError(t, err)
	assert.Equal(t, Windows, system)
	_, err = groups.Baseline("legacy")
	assert.EqualError(t, err, `"legacy" is in no patch baseline's patchGroups`)
}

func TestLimitsAreAWSs(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"a tag value", CheckGroup("onprem-linux/dc1:a=b+c@d_e.f"), ""},
		{"a space", CheckGroup("onprem linux"), `"onprem linux" is not a patch group name`},
		{"empty", CheckGroup(""), "is not a patch group name"},
		{"too long", CheckGroup(strings.Repeat("g", MaxGroupNameChars+1)), "up to 256"},
		{"the longest name", CheckGroup(strings.Repeat("g", MaxGroupNameChars)), ""},
		{"no delay", CheckApproveAfterDays(0), ""},
		{"the longest delay", CheckApproveAfterDays(MaxApproveAfterDays), ""},
		{"a year's delay", CheckApproveAfterDays(365), "365 is outside 0-360"},
		{"a negative delay", CheckApproveAfterDays(-1), "outside 0-360"},
		{"an hour's window", CheckDuration(1), ""},
		{"a day's window", CheckDuration(MaxWindowHours), ""},
		{"no window", CheckDuration(0), "0 is outside 1-24"},
		{"a window over a day", CheckDuration(25), "25 is outside 1-24"},
		{"no cutoff", CheckCutoff(0, 2), ""},
		{"a cutoff an hour short", CheckCutoff(1, 2), ""},
		{"a cutoff as long as the window", CheckCutoff(2, 2), "2 must be at least 0 and less than durationHours (2)"},
		{"a negative cutoff", CheckCutoff(-1, 2), "at least 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == "" {
				assert.NoError(t, tc.err)
				return
			}
			assert.ErrorContains(t, tc.err, tc.want)
		})
	}
}

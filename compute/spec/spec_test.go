package spec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFileAccessAcceptsOnlyTheKnownLevels(t *testing.T) {
	cases := []struct {
		access       FileAccess
		reach, write bool
	}{{FilesNone, false, false}, {FilesRead, true, false}, {FilesWrite, true, true}}
	for _, tc := range cases {
		require.NoError(t, tc.access.Check(), tc.access)
		reach, write, err := tc.access.Grants()
		require.NoError(t, err)
		assert.Equal(t, tc.reach, reach, tc.access)
		assert.Equal(t, tc.write, write, tc.access)
	}
	for _, bad := range []FileAccess{"", "admin", "Read"} {
		err := bad.Check()
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), `want "none", "read" or "write"`)
		_, _, err = bad.Grants()
		assert.Error(t, err, "%q grants nothing silently", bad)
	}
}

func TestCheckCountsNamesTheBoundAtFault(t *testing.T) {
	names := [3]string{"minCount", "desiredCount", "maxCount"}
	cases := []struct {
		name             string
		lo, desired, hi  int
		wantField, wantE string
	}{
		{"in range", 1, 2, 3, "", ""},
		{"all zero but the maximum", 0, 0, 1, "", ""},
		{"a negative minimum", -1, 0, 2, "minCount", "-1 is negative"},
		{"no maximum", 0, 0, 0, "maxCount", "0: at least one task is needed"},
		{"min above max", 3, 2, 2, "", "minCount 3 is greater than maxCount 2"},
		{"desired above max", 1, 5, 2, "desiredCount", "5 is outside minCount..maxCount (1-2)"},
		{"desired below min", 2, 1, 3, "desiredCount", "1 is outside minCount..maxCount (2-3)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			field, err := CheckCounts(names, "task", tc.lo, tc.desired, tc.hi)
			assert.Equal(t, tc.wantField, field)
			if tc.wantE == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tc.wantE, err.Error())
		})
	}
}

func TestServiceChecks(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		wantErr string
	}{
		{"a percentage in range", CheckPercent(100), ""},
		{"a percentage of zero", CheckPercent(0), "0% is outside 1-100"},
		{"a port in range", CheckPort(65535), ""},
		{"a port above 65535", CheckPort(70000), "70000 is outside 1-65535"},
		{"an image reference", CheckImageSource("registry/x:1", ""), ""},
		{"an image tag", CheckImageSource("", "1.0.0"), ""},
		{"no image", CheckImageSource("", ""), "set image (a pinned reference) or imageTag"},
		{"two images", CheckImageSource("registry/x:1", "1.0.0"), "set image or imageTag, not both"},
		{"ECS Exec on a writable root", CheckExecRoot(true, false), ""},
		{"a read-only root without ECS Exec", CheckExecRoot(false, true), ""},
		{"ECS Exec on a read-only root", CheckExecRoot(true, true), "ECS Exec does not work on a read-only root file system"},
		{"a health check in AWS", CheckHealthCheckPath(false, "/health"), ""},
		{"no health check on premises", CheckHealthCheckPath(true, ""), ""},
		{"no health check in AWS", CheckHealthCheckPath(false, ""), `"" is not a path the load balancer can probe`},
		{"a health check that is not a path", CheckHealthCheckPath(false, "health"), `"health" is not a path`},
		{"a health check on premises", CheckHealthCheckPath(true, "/health"), "no load balancer to probe them"},
		{"on premises with ECS Anywhere", CheckPlacement(true, true), ""},
		{"in AWS without ECS Anywhere", CheckPlacement(false, false), ""},
		{"on premises without ECS Anywhere", CheckPlacement(true, false), "need ECS Anywhere on the cluster"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.wantErr == "" {
				assert.NoError(t, tc.err)
				return
			}
			require.Error(t, tc.err)
			assert.Contains(t, tc.err.Error(), tc.wantErr)
		})
	}
}

func TestDeploymentBoundsFollowWhereTheServiceRuns(t *testing.T) {
	cases := []struct {
		name                 string
		onPrem               bool
		minCount             int
		wantMin, wantMaximum int
	}{
		{"in AWS: start new tasks before stopping old ones", false, 1, 100, 200},
		{"on premises, several tasks: half at a time", true, 2, 50, 100},
		{"on premises, maybe one task: replace it", true, 1, 0, 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			minHealthy, maximum := DeploymentPercents(tc.onPrem, tc.minCount)
			assert.Equal(t, tc.wantMin, minHealthy)
			assert.Equal(t, tc.wantMaximum, maximum)
		})
	}
}

func TestTargetGroupNamesFitAWSAndKeepThePort(t *testing.T) {
	assert.Equal(t, "s-claims-api-8080", TargetGroupName("s-claims-api", 8080), "short names are kept as they are")

	long := TargetGroupName("prod-services-document-scanner", 9000)
	assert.LessOrEqual(t, len(long), ELBNameMax)
	assert.Regexp(t, `^prod-services-docume-[0-9a-f]{6}-9000$`, long, "shortened, with a hash for uniqueness")
	assert.Equal(t, long, TargetGroupName("prod-services-document-scanner", 9000), "stable across runs")
	assert.NotEqual(t, long, TargetGroupName("prod-services-document-scannex", 9000), "distinct prefixes stay distinct")
	assert.NotEqual(t, long, TargetGroupName("prod-services-document-scanner", 9001), "a new port is a new name")
}

func TestAutonamesMustFitTheirLimit(t *testing.T) {
	assert.True(t, FitsAutoname("prod-compute", ELBNameMax))
	assert.True(t, FitsAutoname("production-eu-west-3", ELBNameMax), "20 characters plus 8 random ones: 28")
	assert.False(t, FitsAutoname("production-eu-west-3-compute", ELBNameMax), "28 characters plus 8 random ones")
}

func TestReservedPrefixIgnoresCaseAndLooksOnlyAtTheStart(t *testing.T) {
	assert.Equal(t, "ecs", ReservedPrefix("ECS-prod", CapacityProviderReserved))
	assert.Equal(t, "fargate", ReservedPrefix("fargate-lab", CapacityProviderReserved))
	assert.Empty(t, ReservedPrefix("prod-ecs", CapacityProviderReserved))
}

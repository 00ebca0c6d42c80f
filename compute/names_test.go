package compute

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTargetGroupNamesFitAWSAndKeepThePort(t *testing.T) {
	assert.Equal(t, "s-claims-api-8080", targetGroupName("s-claims-api", 8080), "short names are kept as they are")

	long := targetGroupName("prod-services-document-scanner", 9000)
	assert.LessOrEqual(t, len(long), elbNameMax)
	assert.Regexp(t, `^prod-services-docume-[0-9a-f]{6}-9000$`, long, "shortened, with a hash for uniqueness")
	assert.Equal(t, long, targetGroupName("prod-services-document-scanner", 9000), "stable across runs")
	assert.NotEqual(t, long, targetGroupName("prod-services-document-scannex", 9000), "distinct prefixes stay distinct")
	assert.NotEqual(t, long, targetGroupName("prod-services-document-scanner", 9001), "a new port is a new name")
}

func TestAutonamesMustFitTheirLimit(t *testing.T) {
	assert.True(t, fitsAutoname("prod-compute", elbNameMax))
	assert.False(t, fitsAutoname("production-eu-west-3-compute", elbNameMax), "28 characters plus 8 random ones")
}

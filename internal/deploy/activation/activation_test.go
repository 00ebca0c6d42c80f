package activation

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var someDay = time.Date(2031, time.March, 7, 15, 4, 5, 0, time.UTC)

func TestTheExpiryIsAlwaysInTheFutureAndWithinAWSsThirtyDays(t *testing.T) {
	for _, days := range []int{1, 7, 14, 21, MaxRotationDays} {
		for h := range 24 * 60 { // two months of deployments, hour by hour
			now := someDay.Add(time.Duration(h) * time.Hour)
			expiry, err := Expiry(now, days)
			require.NoError(t, err)
			left := expiry.Sub(now)
			require.Greater(t, left, 24*time.Hour, "rotation %d, deployed %s: the activation must outlive its window by a day", days, now)
			require.LessOrEqual(t, left, 30*24*time.Hour-time.Hour, "rotation %d, deployed %s: AWS refuses more than 30 days", days, now)
		}
	}
}

func TestTheExpiryIsStableWithinAWindowAndMovesAtItsEnd(t *testing.T) {
	const days = 14
	first, err := Expiry(someDay, days)
	require.NoError(t, err)
	changes := 0
	prev := first
	for h := range 24 * days * 3 {
		got, err := Expiry(someDay.Add(time.Duration(h)*time.Hour), days)
		require.NoError(t, err)
		if !got.Equal(prev) {
			changes++
			assert.Equal(t, days*24*time.Hour, got.Sub(prev), "a new window moves the expiry by one window")
		}
		prev = got
	}
	assert.Equal(t, 3, changes, "three window ends in three windows' time, so three replacements, no more")
}

func TestTheExpiryIgnoresTheTimeZoneOfTheClock(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	a, err := Expiry(someDay, 14)
	require.NoError(t, err)
	b, err := Expiry(someDay.In(berlin), 14)
	require.NoError(t, err)
	assert.True(t, a.Equal(b))
	assert.Equal(t, time.UTC, a.Location())
}

func TestARotationOutsideTheLimitsIsRefused(t *testing.T) {
	for _, days := range []int{0, -1, 29, 30} {
		_, err := Expiry(someDay, days)
		require.Error(t, err, days)
		assert.Contains(t, err.Error(), "outside 1-28")
	}
}

func TestAnInventoryIsBetweenOneHostAndAWSsLimit(t *testing.T) {
	for _, n := range []int{1, 30, MaxRegistrations} {
		assert.NoError(t, CheckHosts(n), n)
	}
	for _, n := range []int{0, MaxRegistrations + 1} {
		assert.ErrorContains(t, CheckHosts(n), "hosts listed, want 1-1000", n)
	}
}

package plan

import (
	"fmt"
	"time"
)

// Clock is the clock a tool runs the program with: today, or the fixed day (YYYY-MM-DD) given by its -now
// flag, so dated config (activation expiries) can be checked against a known day.
func Clock(day string) (func() time.Time, error) {
	if day == "" {
		return time.Now, nil
	}
	fixed, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil, fmt.Errorf("-now %q: want YYYY-MM-DD", day)
	}
	return func() time.Time { return fixed }, nil
}

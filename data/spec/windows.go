package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// MinWindowMinutes is the shortest backup or maintenance window RDS accepts (CreateDBInstance,
// PreferredBackupWindow and PreferredMaintenanceWindow: "Must be at least 30 minutes").
const MinWindowMinutes = 30

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
)

// weekdays are RDS's day names, Monday first; only their order matters here.
var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// window is a span of minutes, [Start, End), End > Start; End may pass the day's or week's end.
type window struct{ Start, End int }

// CheckDatabaseWindows checks RDS's rules for a daily backup window ("03:00-04:00", UTC) and a weekly
// maintenance window ("sun:04:30-sun:05:30", UTC): each at least MinWindowMinutes long, and the backup
// window on no day overlapping the maintenance window. Either may run past midnight (or the week's end).
// It returns which of "backup" and "maintenance" is at fault with each error ("" for an overlap).
func CheckDatabaseWindows(backup, maintenance string) (field string, err error) {
	b, err := dailyWindow(backup)
	if err != nil {
		return "backup", err
	}
	m, err := weeklyWindow(maintenance)
	if err != nil {
		return "maintenance", err
	}
	if n := b.End - b.Start; n < MinWindowMinutes {
		return "backup", fmt.Errorf("%q is %d minutes; RDS needs at least %d", backup, n, MinWindowMinutes)
	}
	if n := m.End - m.Start; n < MinWindowMinutes {
		return "maintenance", fmt.Errorf("%q is %d minutes; RDS needs at least %d", maintenance, n, MinWindowMinutes)
	}
	for day := range 7 {
		daily := window{day*minutesPerDay + b.Start, day*minutesPerDay + b.End}
		// Compare a week either side too, so windows across the week's end are seen.
		for _, shift := range []int{-minutesPerWeek, 0, minutesPerWeek} {
			if daily.Start < m.End+shift && m.Start+shift < daily.End {
				return "", fmt.Errorf("backup window %s overlaps maintenance window %s on %s; RDS refuses that", backup, maintenance, weekdays[day])
			}
		}
	}
	return "", nil
}

// dailyWindow parses "hh:mm-hh:mm" into minutes of the day; an end before the start is the next day's.
func dailyWindow(s string) (window, error) {
	from, to, ok := strings.Cut(s, "-")
	start, errStart := clock(from)
	end, errEnd := clock(to)
	if !ok || errStart != nil || errEnd != nil {
		return window{}, fmt.Errorf("%q is not a UTC window like 03:00-04:00", s)
	}
	if end <= start {
		end += minutesPerDay
	}
	return window{start, end}, nil
}

// weeklyWindow parses "ddd:hh:mm-ddd:hh:mm" into minutes of the week (Monday 00:00 is 0); an end before
// the start is the next week's.
func weeklyWindow(s string) (window, error) {
	from, to, ok := strings.Cut(s, "-")
	start, errStart := weekTime(from)
	end, errEnd := weekTime(to)
	if !ok || errStart != nil || errEnd != nil {
		return window{}, fmt.Errorf("%q is not a UTC window like sun:04:30-sun:05:30", s)
	}
	if end <= start {
		end += minutesPerWeek
	}
	return window{start, end}, nil
}

// weekTime parses "ddd:hh:mm".
func weekTime(s string) (int, error) {
	day, hhmm, ok := strings.Cut(s, ":")
	for i, d := range weekdays {
		if ok && d == day {
			m, err := clock(hhmm)
			return i*minutesPerDay + m, err
		}
	}
	return 0, fmt.Errorf("%q is not ddd:hh:mm", s)
}

// clock parses "hh:mm", 00:00 to 23:59.
func clock(s string) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if !ok || len(hh) != 2 || len(mm) != 2 || errH != nil || errM != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, fmt.Errorf("%q is not hh:mm", s)
	}
	return h*60 + m, nil
}

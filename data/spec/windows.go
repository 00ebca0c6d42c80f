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

// BackupLeadMinutes is how long before an RDS maintenance window AWS Backup starts no backup of the
// instance (AWS Backup developer guide, "Backup plan options and configuration": not within an hour before
// or during the maintenance window); a job due then waits, and may expire.
const BackupLeadMinutes = 60

// CheckBackupStart checks that an AWS Backup rule's schedule (an AWS cron expression, already checked)
// never starts a job in the hour before or during the weekly maintenance window. Schedules whose minutes
// or hours are not plain numbers (steps, ranges, wildcards) are left to AWS; a schedule by day of month
// may fall on any weekday, so it counts as daily.
func CheckBackupStart(schedule, maintenance string) error {
	m, err := weeklyWindow(maintenance)
	if err != nil {
		return err
	}
	fields := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(schedule, "cron("), ")"))
	if len(fields) != 6 {
		return nil
	}
	minutes, okM := numberList(fields[0])
	hours, okH := numberList(fields[1])
	if !okM || !okH {
		return nil
	}
	blocked := window{m.Start - BackupLeadMinutes, m.End}
	for _, day := range cronWeekdays(fields[4]) {
		for _, h := range hours {
			for _, mm := range minutes {
				at := day*minutesPerDay + h*60 + mm
				for _, shift := range []int{-minutesPerWeek, 0, minutesPerWeek} {
					if blocked.Start <= at+shift && at+shift < blocked.End {
						return fmt.Errorf("%s starts at %02d:%02d on %s, within the hour before or during the maintenance window %s, when AWS Backup starts no backup of the database",
							schedule, h, mm, weekdays[day], maintenance)
					}
				}
			}
		}
	}
	return nil
}

// numberList reads a cron field that is a comma-separated list of plain numbers.
func numberList(field string) ([]int, bool) {
	var out []int
	for _, part := range strings.Split(field, ",") {
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// cronWeekdays are the days (Monday 0, as weekdays) a day-of-week field names: names or AWS's numbers (1
// is Sunday), in lists and ranges; every day for "?", "*" and the forms naming a week of the month.
func cronWeekdays(field string) []int {
	every := []int{0, 1, 2, 3, 4, 5, 6}
	if field == "?" || field == "*" || strings.ContainsAny(field, "#L/") {
		return every
	}
	aws := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	day := func(s string) int { // AWS's index (Sunday 0), or -1
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 7 {
			return n - 1
		}
		for i, d := range aws {
			if strings.EqualFold(d, s) {
				return i
			}
		}
		return -1
	}
	var out []int
	for _, part := range strings.Split(field, ",") {
		from, to, isRange := strings.Cut(part, "-")
		first, last := day(from), day(from)
		if isRange {
			last = day(to)
		}
		if first < 0 || last < 0 {
			return every
		}
		for d := first; ; d = (d + 1) % 7 {
			out = append(out, (d+6)%7) // Sunday 0 -> 6 in weekdays' Monday-first order
			if d == last {
				break
			}
		}
	}
	return out
}

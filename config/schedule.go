package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// cronField is one field of an AWS cron expression: the characters it may hold and the range of its numbers.
type cronField struct {
	name     string
	chars    *regexp.Regexp
	min, max int
}

// cronFields are AWS's six fields (Minutes Hours Day-of-month Month Day-of-week Year), as EventBridge,
// AWS Backup and Systems Manager read them.
var cronFields = []cronField{
	{"minutes", regexp.MustCompile(`^[0-9,*/-]+$`), 0, 59},
	{"hours", regexp.MustCompile(`^[0-9,*/-]+$`), 0, 23},
	{"day-of-month", regexp.MustCompile(`^([0-9,*/?LW-]+)$`), 1, 31},
	{"month", regexp.MustCompile(`^([0-9,*/-]+|[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3})*)$`), 1, 12},
	{"day-of-week", regexp.MustCompile(`^([0-9,*/?L#-]+|[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3})*(#[1-5])?)$`), 1, 7},
	{"year", regexp.MustCompile(`^[0-9,*/-]+$`), 1970, 2199},
}

var (
	cronPattern = regexp.MustCompile(`^cron\((.*)\)$`)
	ratePattern = regexp.MustCompile(`^rate\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\)$`)
	numbers     = regexp.MustCompile(`[0-9]+`)
	// stepsAndWeeks are the numbers after "/" (steps) and "#" (week numbers), which are not field values.
	stepsAndWeeks = regexp.MustCompile(`[/#][0-9]+`)
)

// checkCron checks an AWS cron expression: six fields, numbers in range, and exactly one of day-of-month
// and day-of-week given as "?", which AWS requires.
func checkCron(expr string) error {
	m := cronPattern.FindStringSubmatch(expr)
	if m == nil {
		return fmt.Errorf("%q is not a cron expression like cron(0 5 * * ? *)", expr)
	}
	fields := strings.Fields(m[1])
	if len(fields) != len(cronFields) {
		return fmt.Errorf("%q has %d fields; AWS cron has 6 (minutes hours day-of-month month day-of-week year)", expr, len(fields))
	}
	for i, f := range cronFields {
		if !f.chars.MatchString(fields[i]) {
			return fmt.Errorf("%q: %s field %q is not valid", expr, f.name, fields[i])
		}
		values := stepsAndWeeks.ReplaceAllString(fields[i], "")
		for _, n := range numbers.FindAllString(values, -1) {
			if v, _ := strconv.Atoi(n); v < f.min || v > f.max {
				return fmt.Errorf("%q: %s %d is outside %d-%d", expr, f.name, v, f.min, f.max)
			}
		}
	}
	if (fields[2] == "?") == (fields[4] == "?") {
		return fmt.Errorf("%q: exactly one of day-of-month and day-of-week must be ?", expr)
	}
	return nil
}

// checkSchedule checks a schedule that may be a cron or a rate expression (maintenance windows).
func checkSchedule(expr string) error {
	if m := ratePattern.FindStringSubmatch(expr); m != nil {
		if singular := m[1] == "1"; singular != !strings.HasSuffix(m[2], "s") {
			return fmt.Errorf("%q: AWS wants %q for 1 and plural units otherwise", expr, "rate(1 day)")
		}
		return nil
	}
	if strings.HasPrefix(expr, "rate(") {
		return fmt.Errorf("%q is not a rate expression like rate(7 days)", expr)
	}
	return checkCron(expr)
}

package spec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDatabaseWindowsAreLongEnoughAndNeverOverlap(t *testing.T) {
	cases := []struct {
		name, backup, maintenance string
		field, wantErr            string
	}{
		{name: "the stacks' windows pass", backup: "03:00-04:00", maintenance: "sun:04:30-sun:05:30"},
		{name: "exactly 30 minutes passes", backup: "03:00-03:30", maintenance: "sun:03:30-sun:04:00"},
		{name: "touching windows pass", backup: "03:00-04:00", maintenance: "mon:04:00-mon:04:30"},
		{name: "a backup across midnight passes", backup: "23:30-00:30", maintenance: "wed:01:00-wed:02:00"},
		{name: "a 29-minute backup fails", backup: "03:00-03:29", maintenance: "sun:04:30-sun:05:30", field: "backup", wantErr: `"03:00-03:29" is 29 minutes; RDS needs at least 30`},
		{name: "a 15-minute maintenance fails", backup: "03:00-04:00", maintenance: "sun:04:30-sun:04:45", field: "maintenance", wantErr: "is 15 minutes"},
		{name: "an overlap fails naming the day", backup: "03:00-04:00", maintenance: "sun:03:30-sun:04:30", wantErr: "backup window 03:00-04:00 overlaps maintenance window sun:03:30-sun:04:30 on sun"},
		{name: "a maintenance inside the backup fails", backup: "02:00-05:00", maintenance: "tue:03:00-tue:03:30", wantErr: "on tue"},
		{name: "a backup across midnight overlapping the next day fails", backup: "23:30-00:30", maintenance: "wed:00:00-wed:00:45", wantErr: "overlaps"},
		{name: "a maintenance across the week's end is seen", backup: "00:00-01:00", maintenance: "sun:23:30-mon:00:30", wantErr: "on mon"},
		{name: "a maintenance across days overlaps the next day's backup", backup: "01:00-02:00", maintenance: "fri:23:00-sat:01:30", wantErr: "on sat"},
		{name: "a backup that is not a window fails", backup: "3:00-4:00", maintenance: "sun:04:30-sun:05:30", field: "backup", wantErr: "is not a UTC window like 03:00-04:00"},
		{name: "a maintenance with a bad day fails", backup: "03:00-04:00", maintenance: "sunday:04:30-sun:05:30", field: "maintenance", wantErr: "is not a UTC window like sun:04:30-sun:05:30"},
		{name: "24:00 is not a time", backup: "23:00-24:00", maintenance: "sun:04:30-sun:05:30", field: "backup", wantErr: "not a UTC window"},
	}
	for _, c := range cases {
		field, err := CheckDatabaseWindows(c.backup, c.maintenance)
		if c.wantErr == "" {
			assert.NoError(t, err, c.name)
			continue
		}
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), c.wantErr, c.name)
		}
		assert.Equal(t, c.field, field, c.name)
	}
}

func TestABackupRuleMayNotStartInTheHourBeforeOrDuringMaintenance(t *testing.T) {
	const maintenance = "sun:04:30-sun:05:30"
	for schedule, wantErr := range map[string]string{
		"cron(0 5 * * ? *)":       "starts at 05:00 on sun, within the hour before or during the maintenance window",
		"cron(45 3 * * ? *)":      "starts at 03:45 on sun",
		"cron(0 6 * * ? *)":       "",
		"cron(0 5 ? * MON-FRI *)": "",
		"cron(0 5 ? * 1 *)":       "starts at 05:00 on sun",
		"cron(0 5 ? * SAT-SUN *)": "starts at 05:00 on sun",
		"cron(0 5 1 * ? *)":       "starts at 05:00 on sun", // the 1st may be a Sunday
		"cron(0/30 * * * ? *)":    "",                       // steps: AWS's to judge
	} {
		err := CheckBackupStart(schedule, maintenance)
		if wantErr == "" {
			assert.NoError(t, err, schedule)
		} else if assert.Error(t, err, schedule) {
			assert.Contains(t, err.Error(), wantErr, schedule)
		}
	}
	assert.Error(t, CheckBackupStart("cron(30 23 ? * SAT *)", "sun:00:15-sun:01:00"), "the hour before wraps back into Saturday")
	assert.NoError(t, CheckBackupStart("cron(0 22 ? * SAT *)", "sun:00:15-sun:01:00"))
}

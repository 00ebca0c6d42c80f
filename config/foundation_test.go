package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFoundationSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, []string{"platform-dev@insurance.example"}, dev.Foundation.AlarmEmails)
	assert.False(t, dev.Foundation.Protect, "dev lets its logs key go with a destroy")
	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Len(t, prod.Foundation.AlarmEmails, 2)
	assert.True(t, prod.Foundation.Protect, "the default, which prod requires")
}

func TestBadFoundationConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:foundation"
	tests := []struct {
		name, stack, field string
		value              any
		wantKey, wantMsg   string
	}{
		{"no alarm email", "dev", "alarmEmails", []any{}, key + ".alarmEmails", "nobody hears the alarms"},
		{"an alarm email that is not one", "dev", "alarmEmails", []any{"oncall"}, key + ".alarmEmails[0]", "not an email address"},
		{"an alarm email twice", "dev", "alarmEmails", []any{"a@b.example", "a@b.example"}, key + ".alarmEmails[1]", "listed twice"},
		{"prod unprotected", "prod", "protect", false, key + ".protect", "must be true in prod"},
		{"an administrator that is a user", "dev", "keyAdministrators", []any{"arn:aws:iam::123456789012:user/alice"}, key + ".keyAdministrators[0]", "not an IAM role ARN"},
		{"a break-glass role that is the root", "dev", "breakGlassRole", "arn:aws:iam::123456789012:root", key + ".breakGlassRole", "not an IAM role ARN"},
		{"prod without a break-glass role", "prod", "breakGlassRole", "", key + ".breakGlassRole", "required in prod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, tt.stack, key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

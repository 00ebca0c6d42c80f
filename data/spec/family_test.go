package spec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParameterGroupFamilyFollowsTheMajorVersion(t *testing.T) {
	tests := []struct {
		name, version, want string
	}{
		{"a minor version maps to its major family", "16.4", "postgres16"},
		{"a bare major version maps to its family", "17", "postgres17"},
		{"the oldest supported major is accepted", "13.15", "postgres13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParameterGroupFamily(tt.version)
			require.NoError(t, err, tt.version)
			assert.Equal(t, tt.want, got, tt.version)
		})
	}
}

func TestParameterGroupFamilyRejectsVersionsWithoutAFamily(t *testing.T) {
	tests := []struct {
		name, version, wantErr string
	}{
		{"an empty version", "", "does not start with"},
		{"a word instead of a number", "latest", "does not start with"},
		{"a leading zero", "016.1", "does not start with"},
		{"a negative major", "-16", "does not start with"},
		{"a major RDS no longer offers", "12.20", "older than 13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParameterGroupFamily(tt.version)
			require.Error(t, err, tt.version)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

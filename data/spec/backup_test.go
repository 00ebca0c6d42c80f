package spec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestColdStorageKeepsARecoveryPointNinetyDaysBeforeDeletion(t *testing.T) {
	tests := []struct {
		name            string
		retention, cold int
		wantErr         bool
	}{
		{"never moved: any retention", 7, 0, false},
		{"deleted exactly 90 days after the move", 120, 30, false},
		{"deleted a day too soon", 119, 30, true},
		{"deleted before the move", 20, 30, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckColdStorage(tt.retention, tt.cold)
			if !tt.wantErr {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, "sooner than 90 days after the move to cold storage")
		})
	}
}

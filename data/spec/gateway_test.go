package spec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestActivationFollowsTheModeAndWhatTheSettingsGive(t *testing.T) {
	tests := []struct {
		name         string
		mode         GatewayMode
		key, address bool
		want         Activation
		wantErr      string
	}{
		{"a VM with a key is activated by it", GatewayVM, true, false, ActivateByKey, ""},
		{"a VM with an address has its key fetched from it", GatewayVM, false, true, ActivateByAddress, ""},
		{"a VM with both is refused: AWS takes one", GatewayVM, true, true, "", "not both"},
		{"a VM with neither cannot be activated", GatewayVM, false, false, "", "set activationKey"},
		{"an EC2 gateway is activated by the instance the program declares", GatewayEC2, false, false, ActivateHost, ""},
		{"an EC2 gateway takes no key", GatewayEC2, true, false, "", "leave activationKey and ipAddress unset"},
		{"an EC2 gateway takes no address", GatewayEC2, false, true, "", "leave activationKey and ipAddress unset"},
		{"an unknown mode is refused", "container", false, true, "", `"container" is not a gateway mode`},
		{"no mode at all is refused", "", true, false, "", `"" is not a gateway mode`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ActivationOf(tt.mode, tt.key, tt.address)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCacheDiskIsNamedOnceForAVMAndNeverForEC2(t *testing.T) {
	tests := []struct {
		name     string
		mode     GatewayMode
		path, id bool
		wantErr  string
	}{
		{"a VM's disk by path", GatewayVM, true, false, ""},
		{"a VM's disk by id", GatewayVM, false, true, ""},
		{"a VM's disk by both", GatewayVM, true, true, "not both"},
		{"a VM without a disk", GatewayVM, false, false, "the VM's cache disk"},
		{"an EC2 gateway's volume is attached by the program", GatewayEC2, false, false, ""},
		{"an EC2 gateway given a path", GatewayEC2, true, false, "leave cacheDiskPath unset"},
		{"an EC2 gateway given the id its first activation found", GatewayEC2, false, true, ""},
		{"an unknown mode", "container", true, false, "not a gateway mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCacheDisk(tt.mode, tt.path, tt.id)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestGatewayModeCheckAcceptsOnlyTheKnownModes(t *testing.T) {
	for _, m := range []GatewayMode{GatewayVM, GatewayEC2} {
		assert.NoError(t, m.Check(), m)
	}
	for _, m := range []GatewayMode{"", "VM", "container"} {
		assert.ErrorContains(t, m.Check(), "is not a gateway mode", m)
	}
}

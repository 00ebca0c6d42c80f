package topology

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEachModeNeedsItsParts(t *testing.T) {
	tests := []struct {
		mode                                             Mode
		directConnect, internet, private, cidrs, allowed Need
	}{
		{ModeVPN, Forbidden, Required, Forbidden, Forbidden, Forbidden},
		{ModeDirectConnect, Required, Forbidden, Forbidden, Forbidden, Optional},
		{ModeDirectConnectWithVPN, Required, Required, Forbidden, Forbidden, Optional},
		{ModeDirectConnectEncrypted, Required, Optional, Required, Required, Forbidden},
	}
	require.Len(t, tests, len(Modes), "every mode is in the table")
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			require.NoError(t, tt.mode.Check())
			want := map[Part]Need{
				PartDirectConnect: tt.directConnect, PartInternetVPN: tt.internet, PartPrivateVPN: tt.private,
				PartTGWCIDRBlocks: tt.cidrs, PartAllowedPrefixes: tt.allowed,
			}
			require.Len(t, want, len(Parts))
			for _, part := range Parts {
				got, err := tt.mode.Need(part)
				require.NoError(t, err)
				assert.Equal(t, want[part], got, "%s %s", tt.mode, part)
			}
		})
	}
}

func TestPresenceRefusesWhatTheModeDoesNotUseAndRequiresWhatItNeeds(t *testing.T) {
	tests := []struct {
		name  string
		mode  Mode
		part  Part
		given bool
		want  string
	}{
		{"a required part given", ModeVPN, PartInternetVPN, true, ""},
		{"a required part missing", ModeDirectConnectWithVPN, PartDirectConnect, false, "mode directConnectWithVpn needs Direct Connect"},
		{"a forbidden part given", ModeDirectConnect, PartInternetVPN, true,
			"mode directConnect has no Site-to-Site VPN over the internet; remove it or pick a mode that uses it"},
		{"a forbidden part missing", ModeVPN, PartDirectConnect, false, ""},
		{"an optional part given", ModeDirectConnectEncrypted, PartInternetVPN, true, ""},
		{"an optional part missing", ModeDirectConnectEncrypted, PartInternetVPN, false, ""},
		{"CIDR blocks without the encrypted mode", ModeDirectConnectWithVPN, PartTGWCIDRBlocks, true, "has no Transit Gateway CIDR blocks"},
		{"a clear-text summary in the encrypted mode", ModeDirectConnectEncrypted, PartAllowedPrefixes, true, "has no allowed prefixes advertised in clear"},
		{"an unknown mode", "carrierPigeon", PartDirectConnect, true, `"carrierPigeon" is not a connectivity mode`},
		{"an unknown part", ModeVPN, "satellite", true, `"satellite" is not a part`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.mode.Presence(tt.part, tt.given)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestAnUnknownModeIsAnErrorNotADefault(t *testing.T) {
	for _, m := range []Mode{"", "vpnOnly", "VPN"} {
		assert.ErrorContains(t, m.Check(), "is not a connectivity mode", m)
		_, err := m.Need(PartInternetVPN)
		assert.Error(t, err, m)
		_, err = Advertised(m, nil, netip.MustParsePrefix("10.0.0.0/16"), nil)
		assert.Error(t, err, m)
	}
}

func TestDirectConnectAdvertisesTheVPCOrItsSummaryAndOnlyTheTGWBlocksWhenEncrypted(t *testing.T) {
	vpc := netip.MustParsePrefix("10.10.0.0/16")
	summary := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/12")}
	blocks := []netip.Prefix{netip.MustParsePrefix("10.255.0.0/24")}
	tests := []struct {
		name       string
		mode       Mode
		configured []netip.Prefix
		want       []netip.Prefix
	}{
		{"the VPC CIDR by default", ModeDirectConnectWithVPN, nil, []netip.Prefix{vpc}},
		{"a configured summary", ModeDirectConnect, summary, summary},
		{"only the Transit Gateway blocks when encrypted", ModeDirectConnectEncrypted, nil, blocks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Advertised(tt.mode, tt.configured, vpc, blocks)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := Advertised(ModeVPN, nil, vpc, nil)
	assert.ErrorContains(t, err, "mode vpn has no Direct Connect")
}

func TestCheckPartsReportsEachMisfitOnceAndNothingForAnUnknownMode(t *testing.T) {
	errs := ModeVPN.CheckParts(map[Part]bool{PartDirectConnect: true, PartAllowedPrefixes: true})
	require.Len(t, errs, 2, "directConnect refused, vpn missing; allowedPrefixes inside the refused directConnect is not repeated")
	assert.Equal(t, PartDirectConnect, errs[0].Part)
	assert.EqualError(t, errs[0], "mode vpn has no Direct Connect; remove it or pick a mode that uses it")
	assert.Equal(t, PartInternetVPN, errs[1].Part)
	assert.EqualError(t, errs[1], "mode vpn needs Site-to-Site VPN over the internet")

	assert.Empty(t, ModeDirectConnectEncrypted.CheckParts(map[Part]bool{
		PartDirectConnect: true, PartPrivateVPN: true, PartTGWCIDRBlocks: true,
	}))
	assert.Empty(t, Mode("bogus").CheckParts(nil), "Check reports an unknown mode")
}

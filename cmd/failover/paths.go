package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// paths is what else carries traffic when the tested VIF's BGP goes down, as AWS reports it now.
type paths struct {
	// otherVIFsUp are the stack's other VIFs that are available with a BGP session up.
	otherVIFsUp []string
	// vpnTunnelsUp counts internet VPN tunnels UP. Private-IP VPN tunnels ride Direct Connect itself, so
	// they are no path when Direct Connect is what the drill takes down.
	vpnTunnelsUp int
	// mtu is the largest MTU of the VIFs under test: above 1500, flows failing over to the VPN need clamped MSS.
	mtu int
}

// decide refuses a drill that would take down the last working path, and returns what to warn about.
// AWS's test holds the VIF's BGP sessions down for its whole duration
// (https://docs.aws.amazon.com/directconnect/latest/APIReference/API_StartBgpFailoverTest.html).
func decide(vif string, p paths) (warnings []string, err error) {
	if len(p.otherVIFsUp) == 0 && p.vpnTunnelsUp == 0 {
		return nil, fmt.Errorf("failover: refusing: %s is the last working path (no other VIF with BGP up, no internet VPN tunnel UP); the test would cut the data centre off", vif)
	}
	if len(p.otherVIFsUp) == 0 && p.mtu > 1500 {
		warnings = append(warnings, fmt.Sprintf("%s has MTU %d and the VPN carries 1500: check the routers clamp TCP MSS on the Direct Connect sub-interfaces (docs/hybrid.md, Operator hand-off), or large flows stall", vif, p.mtu))
	}
	return warnings, nil
}

// virtualInterfaces is the part of `aws directconnect describe-virtual-interfaces` the drill reads.
type virtualInterfaces struct {
	VirtualInterfaces []struct {
		VirtualInterfaceID    string `json:"virtualInterfaceId"`
		VirtualInterfaceState string `json:"virtualInterfaceState"`
		MTU                   int    `json:"mtu"`
		BGPPeers              []struct {
			BGPStatus string `json:"bgpStatus"`
		} `json:"bgpPeers"`
	} `json:"virtualInterfaces"`
}

// vpnConnections is the part of `aws ec2 describe-vpn-connections` the drill reads.
type vpnConnections struct {
	VpnConnections []struct {
		Options struct {
			OutsideIPAddressType string `json:"OutsideIpAddressType"`
		} `json:"Options"`
		VgwTelemetry []struct {
			Status string `json:"Status"`
		} `json:"VgwTelemetry"`
	} `json:"VpnConnections"`
}

// readPaths reads the state and BGP status of the VIFs not under test and the Transit Gateway's VPN tunnels.
func readPaths(cli command, targets []target, peers map[string]peer, tgw string, region []string) (paths, error) {
	var p paths
	raw, err := cli("aws", append([]string{"directconnect", "describe-virtual-interfaces"}, region...)...)
	if err != nil {
		return p, err
	}
	var vifs virtualInterfaces
	if err := json.Unmarshal(raw, &vifs); err != nil {
		return p, fmt.Errorf("failover: reading describe-virtual-interfaces: %w", err)
	}
	names := map[string]string{}
	for name, peer := range peers {
		names[peer.VirtualInterfaceID] = name
	}
	for _, v := range vifs.VirtualInterfaces {
		if slices.ContainsFunc(targets, func(t target) bool { return t.VirtualInterfaceID == v.VirtualInterfaceID }) {
			p.mtu = max(p.mtu, v.MTU)
			continue
		}
		name, ours := names[v.VirtualInterfaceID]
		if !ours || v.VirtualInterfaceState != "available" {
			continue
		}
		for _, b := range v.BGPPeers {
			if b.BGPStatus == "up" {
				p.otherVIFsUp = append(p.otherVIFsUp, name)
				break
			}
		}
	}
	raw, err = cli("aws", append([]string{"ec2", "describe-vpn-connections", "--filters", "Name=transit-gateway-id,Values=" + tgw, "Name=state,Values=available"}, region...)...)
	if err != nil {
		return p, err
	}
	var vpns vpnConnections
	if err := json.Unmarshal(raw, &vpns); err != nil {
		return p, fmt.Errorf("failover: reading describe-vpn-connections: %w", err)
	}
	for _, c := range vpns.VpnConnections {
		if strings.EqualFold(c.Options.OutsideIPAddressType, "PrivateIpv4") {
			continue
		}
		for _, t := range c.VgwTelemetry {
			if t.Status == "UP" {
				p.vpnTunnelsUp++
			}
		}
	}
	return p, nil
}

package topology

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Resiliency is the AWS Direct Connect resiliency model a stack must meet.
type Resiliency string

const (
	// ResiliencyDevelopment is 2 connections on separate devices at one location (dev and test).
	ResiliencyDevelopment Resiliency = "development"
	// ResiliencyHigh is 1 connection at each of 2 locations: survives a location failure.
	ResiliencyHigh Resiliency = "high"
	// ResiliencyMaximum is 2 connections on separate devices at each of 2 locations: survives a location
	// failure and a device failure at the other location.
	ResiliencyMaximum Resiliency = "maximum"
)

// Resiliencies lists the models from weakest to strongest.
var Resiliencies = []Resiliency{ResiliencyDevelopment, ResiliencyHigh, ResiliencyMaximum}

// Check accepts exactly the models above.
func (r Resiliency) Check() error {
	switch r {
	case ResiliencyDevelopment, ResiliencyHigh, ResiliencyMaximum:
		return nil
	default:
		return fmt.Errorf("%q is not a Direct Connect resiliency model (want one of %v)", string(r), Resiliencies)
	}
}

// AtLeast says whether r is as strong as other. An unknown model is weaker than every model.
func (r Resiliency) AtLeast(other Resiliency) bool {
	return r.Check() == nil && slices.Index(Resiliencies, r) >= slices.Index(Resiliencies, other)
}

// NeedsSeparateDevices says whether the model requires two connections on separate devices at a location,
// so every connection must say which device it terminates on.
func (r Resiliency) NeedsSeparateDevices() bool {
	return r == ResiliencyDevelopment || r == ResiliencyMaximum
}

// Port is where a Direct Connect connection terminates: its Direct Connect location and the AWS device
// there (awsDeviceV2 in `aws directconnect describe-connections`; empty when not known).
type Port struct {
	Location string
	Device   string
}

// CheckResiliency says whether connections on ports meet the model, and if not, which location or device
// is missing. Devices left empty do not count as separate devices.
func CheckResiliency(model Resiliency, ports []Port) error {
	devices := map[string][]string{} // location -> distinct known devices
	var locations []string
	for _, p := range ports {
		if _, seen := devices[p.Location]; !seen {
			locations = append(locations, p.Location)
			devices[p.Location] = nil
		}
		if p.Device != "" && !slices.Contains(devices[p.Location], p.Device) {
			devices[p.Location] = append(devices[p.Location], p.Device)
		}
	}
	sort.Strings(locations)
	withTwoDevices := 0
	for _, l := range locations {
		if len(devices[l]) >= 2 {
			withTwoDevices++
		}
	}

	switch model {
	case ResiliencyDevelopment:
		if withTwoDevices >= 1 {
			return nil
		}
		return fmt.Errorf("resiliency %s needs 2 connections on separate devices at one location; %s", model, coverage(locations, devices))
	case ResiliencyHigh:
		if len(locations) >= 2 {
			return nil
		}
		return fmt.Errorf("resiliency %s needs a connection at each of 2 locations; %s: add a connection at a second location", model, coverage(locations, devices))
	case ResiliencyMaximum:
		if withTwoDevices >= 2 {
			return nil
		}
		var missing []string
		for _, l := range locations {
			if len(devices[l]) < 2 {
				missing = append(missing, fmt.Sprintf("%s needs a second connection on a separate device", l))
			}
		}
		if len(locations) < 2 {
			missing = append(missing, "a second location with 2 connections on separate devices is missing")
		}
		return fmt.Errorf("resiliency %s needs 2 connections on separate devices at each of 2 locations; %s (%s)", model, strings.Join(missing, "; "), coverage(locations, devices))
	default:
		return model.Check()
	}
}

// coverage lists what the connections cover, per location, for an error message.
func coverage(locations []string, devices map[string][]string) string {
	if len(locations) == 0 {
		return "there are no connections"
	}
	parts := make([]string, 0, len(locations))
	for _, l := range locations {
		switch d := devices[l]; len(d) {
		case 0:
			parts = append(parts, l+" on no known device")
		case 1:
			parts = append(parts, fmt.Sprintf("%s on 1 device (%s)", l, d[0]))
		default:
			parts = append(parts, fmt.Sprintf("%s on %d devices (%s)", l, len(d), strings.Join(d, ", ")))
		}
	}
	return "the connections are at " + strings.Join(parts, ", ")
}

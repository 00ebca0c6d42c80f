package spec

import (
	"errors"
	"fmt"
)

// GatewayMode says where the S3 File Gateway runs.
type GatewayMode string

const (
	// GatewayVM is a VM in the data centre, next to its NFS clients: the default. Its NFS traffic stays on
	// premises; only the uploads cross the hybrid link.
	GatewayVM GatewayMode = "vm"
	// GatewayEC2 runs the gateway from Amazon's AMI in a private subnet, for teams without a VM yet. NFS
	// traffic then crosses the hybrid link, so move to a VM once one exists.
	GatewayEC2 GatewayMode = "ec2"
)

// Check accepts exactly the modes above.
func (m GatewayMode) Check() error {
	switch m {
	case GatewayVM, GatewayEC2:
		return nil
	default:
		return fmt.Errorf("%q is not a gateway mode (want %q or %q)", string(m), GatewayVM, GatewayEC2)
	}
}

// Activation is how `pulumi up` activates a gateway. AWS accepts one way per gateway.
type Activation string

const (
	// ActivateByKey activates a VM with the key an operator read from its console; the program never
	// reaches the VM.
	ActivateByKey Activation = "key"
	// ActivateByAddress has the provider fetch the key from the VM's address on port 80, so the machine
	// running `pulumi up` must reach it.
	ActivateByAddress Activation = "address"
	// ActivateHost activates the EC2 instance the program declares, by its private address.
	ActivateHost Activation = "host"
)

// ActivationOf returns how a gateway in mode is activated, given whether its settings hold an activation
// key and an address: a VM needs exactly one of them, an EC2 gateway neither, since the program knows the
// instance's address. It is the one rule config and the component both apply.
func ActivationOf(mode GatewayMode, key, address bool) (Activation, error) {
	switch mode {
	case GatewayVM:
		switch {
		case key && address:
			return "", errors.New("set activationKey or ipAddress, not both: AWS accepts one way to activate")
		case key:
			return ActivateByKey, nil
		case address:
			return ActivateByAddress, nil
		default:
			return "", errors.New("set activationKey (from the gateway VM's console) or ipAddress (to fetch it on port 80)")
		}
	case GatewayEC2:
		if key || address {
			return "", errors.New("mode ec2 activates the instance by its private address: leave activationKey and ipAddress unset")
		}
		return ActivateHost, nil
	default:
		return "", mode.Check()
	}
}

// CheckCacheDisk checks how a gateway's cache disk is named: a VM's by exactly one of its device path and
// its disk id (as the gateway lists it); an EC2 gateway's never by path, since the program attaches the
// volume, and by its id once the first activation has found it.
func CheckCacheDisk(mode GatewayMode, path, id bool) error {
	switch mode {
	case GatewayVM:
		switch {
		case path && id:
			return errors.New("set cacheDiskPath or cacheDiskId, not both: they name the same disk")
		case !path && !id:
			return errors.New("set cacheDiskPath (like /dev/sdb) or cacheDiskId: the VM's cache disk")
		}
		return nil
	case GatewayEC2:
		if path {
			return errors.New("mode ec2 attaches the instance's cache volume: leave cacheDiskPath unset (cacheDiskId names it once found)")
		}
		return nil
	default:
		return mode.Check()
	}
}

// CheckAMI checks that an EC2 gateway's image is pinned, and that a VM names none.
func CheckAMI(mode GatewayMode, ami bool) error {
	switch mode {
	case GatewayVM:
		if ami {
			return errors.New("ami is an EC2 gateway's image (mode ec2); a VM runs the image its host was given")
		}
		return nil
	case GatewayEC2:
		if !ami {
			return errors.New("mode ec2 needs ami, pinned so a new Amazon image never replaces the gateway unasked: aws ssm get-parameter --name /aws/service/storagegateway/ami/FILE_S3/latest")
		}
		return nil
	default:
		return mode.Check()
	}
}

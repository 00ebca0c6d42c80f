package spec

// HostOS is the operating-system family of ECS Anywhere hosts: it decides the installer's flags.
type HostOS string

// The families whose installer command differs.
const (
	// HostRHEL is Red Hat Enterprise Linux and its rebuilds: Docker comes preinstalled, and AWS's script must
	// not install its own (--docker-install-source none); SELinux must not be enforcing, which ECS Anywhere
	// does not support (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere-registration.html).
	HostRHEL HostOS = "rhel"
	// HostAmazonLinux is Amazon Linux 2 or 2023: the script installs Docker itself.
	HostAmazonLinux HostOS = "amazonlinux"
	// HostLinux is any other supported Linux (Ubuntu, Debian, SUSE): the script installs Docker itself.
	HostLinux HostOS = "linux"
)

// InstallerFlags are the flags a family's hosts add to AWS's install script.
func (h HostOS) InstallerFlags() string {
	if h == HostRHEL {
		return ` --docker-install-source "none"`
	}
	return ""
}

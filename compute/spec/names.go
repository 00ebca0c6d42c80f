package spec

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// AWS name limits the components' names must fit, and what Pulumi adds when it names a resource itself.
const (
	// ELBNameMax is the longest name a load balancer or target group may have.
	ELBNameMax = 32
	// IAMRoleNameMax is the longest IAM role name.
	IAMRoleNameMax = 64
	// AutonameSuffix is the "-" and 7 random characters Pulumi appends to a logical name.
	AutonameSuffix = 8
	// hashLen is how much of a hash keeps a shortened name unique.
	hashLen = 6
)

// FitsAutoname says whether a logical name plus Pulumi's random suffix fits a limit of limit characters.
func FitsAutoname(name string, limit int) bool { return len(name)+AutonameSuffix <= limit }

// CapacityProviderReserved are the prefixes ECS refuses at the start of a capacity provider's name.
var CapacityProviderReserved = []string{"aws", "ecs", "fargate"}

// ReservedPrefix is the first of prefixes that name starts with (ignoring case), or "".
func ReservedPrefix(name string, prefixes []string) string {
	lower := strings.ToLower(name)
	for _, p := range prefixes {
		if strings.HasPrefix(lower, p) {
			return p
		}
	}
	return ""
}

// TargetGroupName is a target group's name: AWS allows 32 characters, too few for a logical name plus
// Pulumi's random suffix, so the name is explicit, shortened with a hash when needed. It ends with the port,
// the only setting whose change replaces a target group: the replacement gets a new name, so it can be
// created before the old one is deleted.
func TargetGroupName(prefix string, port int) string {
	suffix := "-" + strconv.Itoa(port)
	if len(prefix)+len(suffix) <= ELBNameMax {
		return prefix + suffix
	}
	sum := sha256.Sum256([]byte(prefix))
	keep := ELBNameMax - len(suffix) - hashLen - 1
	return strings.TrimRight(prefix[:keep], "-") + "-" + hex.EncodeToString(sum[:])[:hashLen] + suffix
}

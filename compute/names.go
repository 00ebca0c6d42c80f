package compute

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// AWS name limits the program's names must fit, and what Pulumi adds when it names a resource itself.
const (
	// elbNameMax is the longest name a load balancer or target group may have.
	elbNameMax = 32
	// iamRoleNameMax is the longest IAM role name.
	iamRoleNameMax = 64
	// autonameSuffix is the "-" and 7 random characters Pulumi appends to a logical name.
	autonameSuffix = 8
	// hashLen is how much of a hash keeps a shortened name unique.
	hashLen = 6
)

// targetGroupName is a target group's name: AWS allows 32 characters, too few for a logical name plus
// Pulumi's random suffix, so the name is explicit, shortened with a hash when needed. It ends with the port,
// the only setting of ours whose change replaces a target group: the replacement gets a new name, so it can
// be created before the old one is deleted.
func targetGroupName(prefix string, port int) string {
	suffix := "-" + strconv.Itoa(port)
	if len(prefix)+len(suffix) <= elbNameMax {
		return prefix + suffix
	}
	sum := sha256.Sum256([]byte(prefix))
	keep := elbNameMax - len(suffix) - hashLen - 1
	return strings.TrimRight(prefix[:keep], "-") + "-" + hex.EncodeToString(sum[:])[:hashLen] + suffix
}

// capacityProviderReserved are the prefixes ECS refuses at the start of a capacity provider's name.
var capacityProviderReserved = []string{"aws", "ecs", "fargate"}

// reservedPrefix is the first of prefixes that name starts with (ignoring case), or "".
func reservedPrefix(name string, prefixes []string) string {
	lower := strings.ToLower(name)
	for _, p := range prefixes {
		if strings.HasPrefix(lower, p) {
			return p
		}
	}
	return ""
}

// fitsAutoname says whether a logical name plus Pulumi's random suffix fits a limit of max characters.
func fitsAutoname(name string, max int) bool { return len(name)+autonameSuffix <= max }

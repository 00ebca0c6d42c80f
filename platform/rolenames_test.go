package platform

import (
	"strings"
	"testing"

	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// Key policies name the roles declared after them by keys.RolePattern, <logical name>-*: a role whose logical
// name is another's followed by a dash would match that pattern too, and get the other role's use of the key
// (the restore role once matched the backup role's, with its grants).
func TestNoRolesLogicalNameExtendsAnothersSoEachRolePatternMatchesOneRole(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			roles := runStack(t, stack, mode).OfType(token.IAMRole)
			if len(roles) < 10 {
				t.Fatalf("%s %s: only %d roles: the check would prove nothing", stack, mode, len(roles))
			}
			for _, a := range roles {
				for _, b := range roles {
					if strings.HasPrefix(b.Name, a.Name+"-") {
						t.Errorf("%s %s: role %s matches the pattern %s-* of role %s", stack, mode, b.Name, a.Name, a.Name)
					}
				}
			}
		}
	}
}

package rules

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func TestRdsManagedMasterPassword(t *testing.T) {
	checkRule(t, RdsManagedMasterPassword, rdsInstance, map[string]any{"manageMasterUserPassword": true, "username": "app_admin"}, []mutation{
		{name: "a managed password passes"},
		{name: "an unmanaged password fails", set: map[string]any{"manageMasterUserPassword": nil}, wantFail: "manageMasterUserPassword is unset"},
		{name: "a password input fails without printing it", set: map[string]any{"password": resource.NewStringProperty("hunter2")}, wantFail: "password is set ([secret])"},
	})
}

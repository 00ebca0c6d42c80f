package config

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/foundation"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/network"
)

// secretFields lists the json names of the fields tagged secret in t and the types it holds, by walking
// them as the decoder does.
func secretFields(t reflect.Type, seen map[reflect.Type]bool, out map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Tag.Get("secret") != "" {
			out[name] = true
		}
		secretFields(f.Type, seen, out)
	}
}

// The README's secrets table names every setting the program treats as secret, so an operator preparing the
// first deploy misses none: a new secret field without a row fails here.
func TestTheReadmeListsEverySecretTheProgramTakes(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	text := string(readme)
	begin, end := strings.Index(text, "<!-- secrets:begin -->"), strings.Index(text, "<!-- secrets:end -->")
	require.True(t, begin >= 0 && end > begin, "README.md has the secrets table between its markers")
	table := text[begin:end]

	found := map[string]bool{}
	seen := map[reflect.Type]bool{}
	for _, settings := range []any{foundation.Settings{}, network.VPCSettings{}, hybrid.ConnectivitySettings{}, hybrid.DNSSettings{},
		hybrid.ManagementSettings{}, compute.ClusterSettings{}, compute.ServicesSettings{}, data.DatabaseSettings{}, data.FilesSettings{},
		data.FileGatewaySettings{}, data.BackupSettings{}} {
		secretFields(reflect.TypeOf(settings), seen, found)
	}
	require.Len(t, found, 6, "activationKey, bgpAuthKey, ckn, cak, presharedKey, accessToken: %v", found)
	for name := range found {
		assert.Contains(t, table, "."+name+"'", "README.md's secrets table has no command for %s", name)
	}
	assert.Equal(t, 6, strings.Count(table, "pulumi config set --stack prod --secret --path"), "a command per secret")
}

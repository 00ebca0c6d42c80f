package config

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/dr"
	"github.com/insurance/hybridcloud/foundation"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/report/cost"
	"github.com/insurance/hybridcloud/network"
)

// settingsKeys are the stack-file keys a settings type reads: its fields' json tags, nested structs and
// map elements included, under prefix.
func settingsKeys(t reflect.Type, prefix string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Map || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || !strings.HasPrefix(t.PkgPath(), "github.com/insurance/hybridcloud/") { // not netip.Prefix
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous:
			keys = append(keys, settingsKeys(f.Type, prefix)...)
		case name != "" && name != "-":
			keys = append(keys, prefix+name)
			keys = append(keys, settingsKeys(f.Type, prefix+name+".")...)
		}
	}
	return keys
}

// sectionKeys are the keys each section of the stack file reads, by section name: what the decoder reads
// them into. environment is a string and tags a free map: they have none.
func sectionKeys() map[string][]string {
	usage := []string{}
	for _, f := range cost.UsageFigures() {
		usage = append(usage, string(f.Key))
	}
	return map[string][]string{
		"environment": nil,
		"tags":        nil,
		"foundation":  settingsKeys(reflect.TypeFor[foundation.Settings](), ""),
		"network":     settingsKeys(reflect.TypeFor[network.VPCSettings](), ""),
		"onPremises":  settingsKeys(reflect.TypeFor[OnPremises](), ""),
		"database":    settingsKeys(reflect.TypeFor[data.DatabaseSettings](), ""),
		"fileShare":   settingsKeys(reflect.TypeFor[fileShare](), ""),
		"usage":       usage,
		"hybrid":      settingsKeys(reflect.TypeFor[hybridSection](), ""),
		"management":  settingsKeys(reflect.TypeFor[hybrid.ManagementSettings](), ""),
		"backup":      settingsKeys(reflect.TypeFor[data.BackupSettings](), ""),
		"compute":     settingsKeys(reflect.TypeFor[computeSection](), ""),
		"dr":          settingsKeys(reflect.TypeFor[dr.Settings](), ""),
	}
}

// TestEverySectionsKeysAreDocumented keeps the Pulumi.yaml descriptions and the README's config table in step
// with the settings: every section the program reads is declared in Pulumi.yaml and has README rows, and
// every key it reads is named, as a word, in its section's description and in the README's rows for it.
func TestEverySectionsKeysAreDocumented(t *testing.T) {
	var project struct {
		Config map[string]struct {
			Description string `yaml:"description"`
		} `yaml:"config"`
	}
	b, err := os.ReadFile("../Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &project))
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)

	all := sectionKeys()
	require.Len(t, all, len(sections), "every section the program reads has its keys here")
	for _, name := range sections {
		section := "hybridcloud:" + name
		keys, ok := all[name]
		require.True(t, ok, "%s has its keys here", section)
		declared, ok := project.Config[section]
		if !assert.True(t, ok, "Pulumi.yaml declares %s", section) {
			continue
		}
		var rows []string
		for _, line := range strings.Split(string(readme), "\n") {
			if strings.HasPrefix(line, "| `"+section+"`") || strings.HasPrefix(line, "| `"+section+".") {
				rows = append(rows, line)
			}
		}
		if !assert.NotEmpty(t, rows, "the README's config table has rows for %s", section) {
			continue
		}
		table := strings.Join(rows, "\n")
		for _, key := range keys {
			leaf := regexp.MustCompile(`\b` + regexp.QuoteMeta(key[strings.LastIndex(key, ".")+1:]) + `\b`)
			assert.Regexp(t, leaf, declared.Description, "Pulumi.yaml's %s describes %s", section, key)
			assert.Regexp(t, leaf, table, "the README's %s rows describe %s", section, key)
		}
	}
}

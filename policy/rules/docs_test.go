package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocsListEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../../docs/policy.md")
	require.NoError(t, err)
	for _, r := range All() {
		row := "| `" + r.ID + "` | " + r.Control + " |"
		assert.True(t, strings.Contains(string(doc), row), "docs/policy.md has no row starting %s", row)
	}
}

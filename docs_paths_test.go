package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoPath matches a backticked path into one of the repository's top-level folders, as the docs cite code:
// `internal/report/cost/`, `network/layout`, `hybrid/doc.go`. A wildcard or placeholder ends the match.
var repoPath = regexp.MustCompile("`((?:cmd|compute|config|data|deploy|docs|foundation|hybrid|internal|network|platform|policy|scripts)/[A-Za-z0-9_./-]*)`")

// TestEveryPathTheDocsCiteExists keeps the README and docs/ in step with the layout: a package that moves
// takes its mentions with it.
func TestEveryPathTheDocsCiteExists(t *testing.T) {
	docs, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	docs = append(docs, "README.md", "deploy/README.md")
	cited := 0
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		require.NoError(t, err)
		for _, m := range repoPath.FindAllStringSubmatch(string(b), -1) {
			path := strings.TrimSuffix(m[1], "/")
			cited++
			_, err := os.Stat(path)
			assert.NoError(t, err, "%s cites `%s`, which the repository does not have", doc, m[1])
		}
	}
	assert.Greater(t, cited, 20, "the docs cite the code they describe")
}

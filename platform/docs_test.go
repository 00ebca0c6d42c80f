package platform

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/report/cost"
)

// docs reads README.md and every docs/*.md, by path relative to the repository.
func docs(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../docs/*.md")
	require.NoError(t, err)
	files = append(files, "../README.md")
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out[strings.TrimPrefix(f, "../")] = string(b)
	}
	require.Greater(t, len(out), 5, "README.md and the docs")
	return out
}

// exports are the stack outputs either stack's program exports.
func exports(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, stack := range []string{"dev", "prod"} {
		for name := range runStack(t, stack, plan.Up).Outputs {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return names
}

func TestEveryStackOutputIsDocumented(t *testing.T) {
	all := strings.Join(mapValues(docs(t)), "\n")
	outs := exports(t)
	require.NotEmpty(t, outs)
	for _, name := range outs {
		assert.Contains(t, all, "`"+name+"`", "stack output %s is in no doc: add it to docs/runbooks.md's output table", name)
	}
	// Every output the runbooks' table names is one the program exports.
	runbooks := docs(t)["docs/runbooks.md"]
	table := runbooks[strings.Index(runbooks, "## Stack outputs"):strings.Index(runbooks, "## First deployment")]
	cell := regexp.MustCompile(`(?m)^\| ([^|]+) \|`)
	name := regexp.MustCompile("`([a-zA-Z]+)`")
	n := 0
	for _, row := range cell.FindAllStringSubmatch(table, -1) {
		for _, m := range name.FindAllStringSubmatch(row[1], -1) {
			n++
			assert.Contains(t, outs, m[1], "docs/runbooks.md documents output %s, which the program does not export", m[1])
		}
	}
	assert.Greater(t, n, 20, "the output table was read")
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestMakeTargetsTheDocsNameExist(t *testing.T) {
	b, err := os.ReadFile("../Makefile")
	require.NoError(t, err)
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-z][a-z-]*):`).FindAllStringSubmatch(string(b), -1) {
		targets[m[1]] = true
	}
	require.True(t, targets["test"] && targets["cost"], "the Makefile's targets were read")
	use := regexp.MustCompile("`make ([a-z][a-z-]*)")
	n := 0
	for file, text := range docs(t) {
		for _, m := range use.FindAllStringSubmatch(text, -1) {
			n++
			assert.True(t, targets[m[1]], "%s says `make %s`, which the Makefile does not define", file, m[1])
		}
	}
	assert.Greater(t, n, 10)
}

// The runbooks tell operators to look for resources by name: each `<stack>-…` name they cite must be a
// resource of the stack's plan (placeholders like <router> match one name part or more).
func TestRunbookResourceNamesExistInThePlan(t *testing.T) {
	names := map[string][]string{}
	for _, stack := range []string{"dev", "prod"} {
		for _, r := range runStack(t, stack, plan.Up).Resources {
			names[stack] = append(names[stack], r.Name)
		}
	}
	cited := regexp.MustCompile("`(<stack>-[a-z0-9<>.-]*[a-z0-9>])`")
	placeholder := regexp.MustCompile(`<[a-z]+>`)
	n := 0
	all := docs(t)
	for _, file := range []string{"docs/runbooks.md", "docs/hybrid.md", "docs/operations.md", "docs/data.md", "docs/compute.md"} {
		for _, m := range cited.FindAllStringSubmatch(all[file], -1) {
			n++
			pattern := regexp.QuoteMeta(m[1])
			pattern = strings.ReplaceAll(pattern, regexp.QuoteMeta("<stack>"), "(dev|prod)")
			pattern = placeholder.ReplaceAllString(strings.ReplaceAll(pattern, `\<`, "<"), "[a-z0-9.-]+")
			pattern = strings.ReplaceAll(pattern, `\>`, "")
			re := regexp.MustCompile("^" + pattern + "$")
			found := false
			for _, stack := range []string{"dev", "prod"} {
				if slices.ContainsFunc(names[stack], re.MatchString) {
					found = true
				}
			}
			assert.True(t, found, "%s cites `%s`, which no resource of dev's or prod's plan is named", file, m[1])
		}
	}
	assert.Greater(t, n, 5, "the runbooks' names were read")
}

// docs/cost.md's usage table lists every usage figure with its default, and nothing else.
func TestTheCostDocsUsageTableMatchesTheFigures(t *testing.T) {
	text := docs(t)["docs/cost.md"]
	row := regexp.MustCompile("(?m)^\\| `([a-zA-Z]+)` \\| ([^|]+) \\|")
	got := map[string]string{}
	section := text[strings.Index(text, "## Usage assumptions"):strings.Index(text, "## The connectivity decision")]
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		got[m[1]] = strings.TrimSpace(m[2])
	}
	for _, f := range cost.UsageFigures() {
		want := strconv.FormatFloat(f.Default, 'f', -1, 64)
		switch {
		case f.SameAs != "":
			want = "`" + string(f.SameAs) + "`"
		case f.FromPlan != "":
			want = "allocated storage"
		}
		assert.Equal(t, want, got[string(f.Key)], "docs/cost.md's default of %s", f.Key)
		delete(got, string(f.Key))
	}
	assert.Empty(t, got, "docs/cost.md lists usage keys the report does not know")
}

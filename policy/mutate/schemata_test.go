package main

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `package rules

var names = []string{"a", "b"}

var set = map[string]bool{"x": true}

var R = Rule{Controls: []string{"EC2.1"}, Exceptions: []string{"why"}, Types: []string{"t"}}

func check(n int, ok bool) bool {
	if n < 7 && !ok {
		return true
	}
	return false
}

func report(f *F, n int) {
	for i := 0; i < n; i++ {
		if i == 2 {
			continue
		}
		f.Fail()
	}
	n = 3
	return
}
`

func TestInstrumentMutatesEachSiteOnceAndLeavesDocumentationAlone(t *testing.T) {
	next := 0
	out, ms, err := instrument("sample.go", []byte(sample), &next)
	require.NoError(t, err)
	_, err = parser.ParseFile(token.NewFileSet(), "out.go", out, 0)
	require.NoError(t, err, "the schemata are Go:\n%s", out)
	count := map[string]int{}
	keys := map[string]bool{}
	for i, m := range ms {
		assert.Equal(t, i+1, m.ID)
		assert.False(t, keys[m.Key], "keys are unique: %s", m.Key)
		keys[m.Key] = true
		count[m.Operator]++
		assert.Positive(t, m.Line)
	}
	assert.Equal(t, len(ms), next)
	assert.Equal(t, 4, count[opBlankString], "a, b, the key x and t; not the Controls and Exceptions of a rule")
	assert.Equal(t, 3, count[opFlipBool], "the set's true and both returns")
	assert.Equal(t, 3, count[opNegate], "the two if conditions and the for condition")
	assert.Equal(t, 3, count[opRelational])
	assert.Equal(t, 2, count[opBoundary], "< twice; == has no boundary")
	assert.Equal(t, 1, count[opLogical])
	assert.Equal(t, 1, count[opDropLeft])
	assert.Equal(t, 1, count[opDropRight])
	assert.Equal(t, 1, count[opDropNot])
	assert.Equal(t, 4, count[opDropStmt], "continue, f.Fail(), n = 3 and the bare return; never a return with results")
	assert.NotContains(t, string(out), `mutS(1, "EC2.1")`)
	assert.Contains(t, string(out), `"EC2.1"`)
	assert.Contains(t, string(out), "mutB(")
	assert.Contains(t, string(out), "if !mutOn(")
}

func TestInstrumentRefusesWhatIsNotGo(t *testing.T) {
	next := 0
	_, _, err := instrument("bad.go", []byte("package rules\nfunc {"), &next)
	assert.Error(t, err)
}

func TestEquivalentsFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	require.NoError(t, os.WriteFile(good, []byte("# comment\n\na.go|A|flip-bool|true|1 = never read\n"), 0o600))
	got, err := readEquivalents(good)
	require.NoError(t, err)
	assert.Equal(t, map[string]equivalence{"a.go|A|flip-bool|true|1": {reason: "never read"}}, got)
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("a.go|A|flip-bool|true|1\n"), 0o600))
	_, err = readEquivalents(bad)
	assert.ErrorContains(t, err, "bad.txt:1")
	none, err := readEquivalents(filepath.Join(dir, "missing.txt"))
	require.NoError(t, err)
	assert.Empty(t, none)
	real, err := readEquivalents("equivalent.txt")
	require.NoError(t, err)
	assert.Empty(t, real, "the rules have no equivalent mutant today")
}

func TestReportScoresAndFailsOnSurvivorsAndStaleEntries(t *testing.T) {
	ms := []Mutant{{ID: 1, File: "a.go", Key: "k1"}, {ID: 2, File: "a.go", Key: "k2"}, {ID: 3, File: "b.go", Key: "k3"}}
	var out bytes.Buffer
	require.NoError(t, report(&out, ms, []bool{true, false, true}, map[string]equivalence{"k2": {"same"}}, "", false, time.Second))
	assert.Contains(t, out.String(), "mutation score: 2 of 2 mutants killed (100.0%); 1 equivalent")

	out.Reset()
	err := report(&out, ms, []bool{true, false, false}, map[string]equivalence{"k2": {"same"}, "gone": {"x"}}, "", false, time.Second)
	require.Error(t, err)
	assert.Contains(t, out.String(), "SURVIVED b.go")
	assert.Contains(t, out.String(), "STALE EQUIVALENT (no such mutant any more; remove it): gone")
	assert.Contains(t, out.String(), "(50.0%)")

	out.Reset()
	require.Error(t, report(&out, ms, []bool{true, true, true}, map[string]equivalence{"k2": {"same"}}, "", false, time.Second))
	assert.Contains(t, out.String(), "LISTED AS EQUIVALENT BUT KILLED")

	out.Reset()
	require.NoError(t, report(&out, ms[:1], []bool{true}, map[string]equivalence{"gone": {"x"}}, "a.go", false, time.Second), "-only skips the stale check")
	assert.True(t, strings.Contains(out.String(), "a.go"))
}

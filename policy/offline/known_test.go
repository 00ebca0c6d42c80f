package offline

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestKnownCommentsNameTheIssue keeps the "fixed by issue N" comment above
// each entry of KnownViolations equal to the issue number the entry carries.
func TestKnownCommentsNameTheIssue(t *testing.T) {
	src, err := os.ReadFile("known.go")
	if err != nil {
		t.Fatal(err)
	}
	entry := regexp.MustCompile(`^\t+\{Rule: rules\.\w+\.ID, .*Issue: (\d+),`)
	lines := strings.Split(string(src), "\n")
	seen := 0
	for i, l := range lines {
		m := entry.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		want := "// no open issue yet"
		if n != 0 {
			want = fmt.Sprintf("// fixed by issue %d", n)
		}
		if i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), want) {
			t.Errorf("known.go:%d: entry for issue %d wants the comment %q above it, has %q", i+1, n, strings.TrimSpace(want), strings.TrimSpace(lines[max(i-1, 0)]))
		}
		seen++
	}
	// Every entry names its rule as rules.<Rule>.ID: as many of those as entries seen, or the pattern no
	// longer matches the way the file writes them.
	if calls := strings.Count(string(src), "Rule: rules."); seen != calls {
		t.Fatalf("found %d entries in known.go but %d rule references: the pattern no longer matches the file", seen, calls)
	}
}

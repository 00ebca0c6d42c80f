package offline

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/policy/rules"
)

const docsFile = "../../docs/policy.md"

// generated are docs/policy.md's generated sections: marker name → content.
func generated() map[string]string {
	return map[string]string{
		"rules":     rulesTable(),
		"catalogue": catalogueTable(),
		"known":     knownTable(),
		"sources":   sourcesTable(),
	}
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func code(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}

// knownOf lists a rule's known violations as "resource (issue N)".
func knownOf(rule string) string {
	byIssue := map[string][]string{}
	for _, k := range KnownViolations {
		if k.Rule == rule {
			byIssue[k.fixedBy()] = append(byIssue[k.fixedBy()], k.Resource)
		}
	}
	var out []string
	for issue, names := range byIssue {
		out = append(out, fmt.Sprintf("%d resource(s), %s", len(names), issue))
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "passes"
	}
	return "known violation: " + strings.Join(out, "; ")
}

func rulesTable() string {
	var b strings.Builder
	b.WriteString("| ID | Controls | Severity | Enforcement | Inspects | What it requires | Exceptions (and why) | Program today |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rules.All() {
		enforcement := "mandatory"
		if len(r.AdvisoryIn) > 0 {
			enforcement = "mandatory; advisory in dev"
		}
		inspects := "stack rule: " + code(sortedKeys(r.Reads))
		if r.Resource != nil {
			inspects = code(r.Types)
		}
		exceptions := "—"
		if len(r.Exceptions) > 0 {
			exceptions = strings.Join(r.Exceptions, " ")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s Remediation: %s. | %s | %s |\n", r.ID, cell(strings.Join(r.Controls, ", ")), r.Severity,
			enforcement, inspects, cell(r.Description), cell(r.Remediation), cell(exceptions), knownOf(r.ID))
	}
	fmt.Fprintf(&b, "| `%s` | — | — | advisory | every resource type above | Lists each resource check a preview could not run because an input is unknown until apply. | — | — |\n", rules.UnknownsPolicyID)
	fmt.Fprintf(&b, "| `%s` | — | — | advisory | every stack rule above | Lists each stack check a preview could not run because an input is unknown until apply. | — | — |\n", rules.StackUnknownsPolicyID)
	return b.String()
}

func sortedKeys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// implementing lists the rules that name a control.
func implementing(control string) []rules.Rule {
	var out []rules.Rule
	for _, r := range rules.All() {
		if slices.Contains(r.Controls, control) {
			out = append(out, r)
		}
	}
	return out
}

func catalogueTable() string {
	counts := map[rules.Checkable][2]int{}
	var rows strings.Builder
	rows.WriteString("| Control | Title | Static | Rules | Exceptions | Program today |\n|---|---|---|---|---|---|\n")
	for _, c := range rules.Catalogue {
		rs := implementing(c.Control)
		n := counts[c.Static]
		n[0]++
		ids, today, exceptions := "—", "—", "—"
		if len(rs) > 0 {
			n[1]++
			var names, known []string
			excepted := false
			for _, r := range rs {
				names = append(names, "`"+r.ID+"`")
				if k := knownOf(r.ID); k != "passes" {
					known = append(known, "`"+r.ID+"` "+k)
				}
				excepted = excepted || len(r.Exceptions) > 0
			}
			ids = strings.Join(names, ", ")
			today = "passes"
			if len(known) > 0 {
				today = strings.Join(known, "; ")
			}
			if excepted {
				exceptions = "yes, in the rule (see the rules table)"
			}
		} else if c.Note != "" {
			ids = c.Note
		}
		counts[c.Static] = n
		fmt.Fprintf(&rows, "| %s | %s | %s | %s | %s | %s |\n", c.Control, cell(c.Title), c.Static, ids, exceptions, today)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Table A of the catalogue: %d FSBP controls apply to this program.\n\n", len(rules.Catalogue))
	fmt.Fprintf(&b, "- **Fully static: %d, implemented %d.** Exceptions are recorded in the rules, with their reasons, in the rules table.\n", counts[rules.FullyStatic][0], counts[rules.FullyStatic][1])
	fmt.Fprintf(&b, "- **Partly static: %d, implemented %d** as far as the inputs allow; what each leaves to run time is in its rule's exceptions.\n", counts[rules.PartlyStatic][0], counts[rules.PartlyStatic][1])
	fmt.Fprintf(&b, "- **Run time only: %d, implemented %d**: their state exists only in a deployed account; the table says what the program does about each.\n\n", counts[rules.RuntimeOnly][0], counts[rules.RuntimeOnly][1])
	b.WriteString(rows.String())
	return b.String()
}

func knownTable() string {
	var b strings.Builder
	b.WriteString("| Rule | Resource | Fixed by | What the program does today |\n|---|---|---|---|\n")
	for _, k := range KnownViolations {
		res := "`" + k.Resource + "`"
		if k.Variant != "" {
			res += " (only with " + k.Variant + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.Rule, res, k.fixedBy(), cell(k.Why))
	}
	return b.String()
}

func sourcesTable() string {
	var b strings.Builder
	b.WriteString("| Service principal | Sends aws:SourceAccount and aws:SourceArn? | Source (AWS documentation) |\n|---|---|---|\n")
	for _, row := range rules.SourceConditionTable() {
		doc := row[2]
		if i := strings.Index(doc, " (docs.aws.amazon.com"); i > 0 { // the docs link nothing outside the repository
			doc = doc[:i]
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", row[0], row[1], cell(doc))
	}
	return b.String()
}

// splice replaces the content between <!-- name:begin --> and <!-- name:end -->.
func splice(t *testing.T, doc, name, content string) string {
	t.Helper()
	begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	require.True(t, i >= 0 && j > i, "docs/policy.md has no %s section", name)
	return doc[:i+len(begin)] + content + doc[j:]
}

func TestDocsAreGeneratedFromTheRules(t *testing.T) {
	raw, err := os.ReadFile(docsFile)
	require.NoError(t, err)
	doc := string(raw)
	want := doc
	for name, content := range generated() {
		want = splice(t, want, name, content)
	}
	if *update {
		require.NoError(t, os.WriteFile(docsFile, []byte(want), 0o644))
		doc = want
	}
	assert.Equal(t, want, doc, "docs/policy.md is stale: go test ./policy/offline -run TestDocs -update")
	assert.NotContains(t, doc, "/work/", "the docs link nothing outside the repository")
	assert.NotContains(t, doc, "](http", "the docs link nothing outside the repository")
}

func TestEveryStaticControlIsImplemented(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range rules.Catalogue {
		assert.False(t, seen[c.Control], "%s twice", c.Control)
		seen[c.Control] = true
		switch c.Static {
		case rules.FullyStatic, rules.PartlyStatic:
			assert.NotEmpty(t, implementing(c.Control), "%s is statically checkable and has no rule", c.Control)
		case rules.RuntimeOnly:
			assert.NotEmpty(t, c.Note, "%s says why it is run time only", c.Control)
		}
	}
	assert.Len(t, rules.Catalogue, 98)
	// FSBP ids a rule claims are in the catalogue, or are Security Hub controls outside Table A on purpose.
	outsideTableA := []string{"CloudWatch.15", "ECR.5", "ECS.19", "KMS.4", "RDS.26", "S3.14", "S3.17", "SNS.1", "EC2.53", "EC2.54"}
	for _, r := range rules.All() {
		for _, c := range r.Controls {
			if strings.ContainsAny(c[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.Contains(c, ".") && !strings.Contains(c, " ") && !strings.HasPrefix(c, "AwsSolutions") {
				assert.True(t, seen[c] || slices.Contains(outsideTableA, c), "%s claims %s, which is not in Table A", r.ID, c)
			}
		}
	}
}

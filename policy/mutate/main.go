// Command mutate is the policy pack's mutation tester (`make mutate`): it proves that the rule tests of
// policy/rules catch deliberate bugs in the rules. It rewrites every rule file into mutant schemata (each
// mutation site becomes a switch on HYBRIDCLOUD_MUTANT), builds the rule tests once through a go build
// overlay (the working tree is never touched), runs them with no mutant on (they must pass), then once per
// mutant with that mutant on. A mutant is killed when the tests fail (or time out). Mutants that cannot
// change behaviour are listed with their reason in equivalent.txt. It prints the score per file and in
// total and exits non-zero unless every other mutant is killed.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// notMutated are rule-package files with no rule logic: documentation data, checked by policy/offline's docs
// test, and the package comment.
var notMutated = map[string]bool{"catalogue.go": true, "doc.go": true}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("mutate", flag.ContinueOnError)
	dir := flags.String("dir", "policy/rules", "the rule package")
	equivalents := flags.String("equivalent", "policy/mutate/equivalent.txt", "the equivalent mutants, with reasons")
	only := flags.String("only", "", "mutate only files whose name contains this (for a quick loop; the score then covers them only)")
	workers := flags.Int("workers", runtime.NumCPU(), "mutants tested at once")
	timeout := flags.Duration("timeout", 60*time.Second, "a mutant whose tests run longer is killed")
	verbose := flags.Bool("v", false, "list every mutant")
	if err := flags.Parse(args); err != nil {
		return err
	}
	started := time.Now()
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "mutate-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }()

	mutants, overlay, err := schemata(abs, tmp, *only)
	if err != nil {
		return err
	}
	known, err := readEquivalents(*equivalents)
	if err != nil {
		return err
	}
	bin := filepath.Join(tmp, "rules.test")
	build := exec.Command("go", "test", "-c", "-o", bin, "-overlay", overlay, ".")
	build.Dir = abs
	if b, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the mutant schemata: %w\n%s", err, b)
	}
	fast, err := testsByDecl(abs)
	if err != nil {
		return err
	}
	if err := runTests(abs, bin, 0, "", *timeout); err != nil {
		return fmt.Errorf("the tests fail with no mutant on: %w", err)
	}
	if _, err := fmt.Fprintf(out, "mutation test of %s: %d mutants, schemata built and checked in %s\n", *dir, len(mutants), time.Since(started).Round(time.Second)); err != nil {
		return err
	}

	killed := make([]bool, len(mutants))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				m := mutants[i]
				// The tests of the mutated declaration first: most mutants die there in milliseconds.
				if names := fast[m.File+"|"+m.Decl]; len(names) > 0 && runTests(abs, bin, m.ID, "^("+strings.Join(names, "|")+")$", *timeout) != nil {
					killed[i] = true
					continue
				}
				killed[i] = runTests(abs, bin, m.ID, "", *timeout) != nil
			}
		}()
	}
	for i := range mutants {
		if _, equivalent := known[mutants[i].Key]; !equivalent || *verbose {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	return report(out, mutants, killed, known, *only, *verbose, time.Since(started))
}

// schemata writes the instrumented rule files and the mutant switch into tmp and returns the mutants and
// the go build overlay that puts them in place of the package's files.
func schemata(dir, tmp, only string) ([]Mutant, string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	replace := map[string]string{}
	var mutants []Mutant
	next := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || notMutated[name] || !strings.Contains(name, only) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, "", err
		}
		out, ms, err := instrument(name, src, &next)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", name, err)
		}
		target := filepath.Join(tmp, name)
		if err := os.WriteFile(target, out, 0o600); err != nil {
			return nil, "", err
		}
		replace[filepath.Join(dir, name)] = target
		mutants = append(mutants, ms...)
	}
	sw := filepath.Join(tmp, "zz_mutant_switch.go")
	if err := os.WriteFile(sw, []byte(switchFile), 0o600); err != nil {
		return nil, "", err
	}
	replace[filepath.Join(dir, "zz_mutant_switch.go")] = sw
	raw, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return nil, "", err
	}
	overlay := filepath.Join(tmp, "overlay.json")
	return mutants, overlay, os.WriteFile(overlay, raw, 0o600)
}

// testsByDecl maps "file|declaration" of every top-level declaration of the package to the test functions
// that name it, so a mutant's own tests run first.
func testsByDecl(dir string) (map[string][]string, error) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, nil, 0)
	if err != nil {
		return nil, err
	}
	declaredIn := map[string]string{} // identifier → file
	uses := map[string]map[string]bool{}
	for _, pkg := range pkgs {
		for path, f := range pkg.Files {
			name := filepath.Base(path)
			test := strings.HasSuffix(name, "_test.go")
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if !test && d.Recv == nil {
						declaredIn[d.Name.Name] = name
					}
					if test && strings.HasPrefix(d.Name.Name, "Test") && d.Name.Name != "TestMain" {
						ids := map[string]bool{}
						ast.Inspect(d.Body, func(n ast.Node) bool {
							if id, ok := n.(*ast.Ident); ok {
								ids[id.Name] = true
							}
							return true
						})
						uses[d.Name.Name] = ids
					}
				case *ast.GenDecl:
					if test {
						continue
					}
					for _, s := range d.Specs {
						if vs, ok := s.(*ast.ValueSpec); ok {
							for _, n := range vs.Names {
								declaredIn[n.Name] = name
							}
						}
					}
				}
			}
		}
	}
	out := map[string][]string{}
	for ident, file := range declaredIn {
		for test, ids := range uses {
			if ids[ident] {
				out[file+"|"+ident] = append(out[file+"|"+ident], test)
			}
		}
		sort.Strings(out[file+"|"+ident])
	}
	return out, nil
}

// runTests runs the test binary in dir with mutant id on; nil means every test passed.
func runTests(dir, bin string, id int, filter string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args := []string{"-test.count=1", "-test.failfast"}
	if filter != "" {
		args = append(args, "-test.run", filter)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), fmt.Sprintf("HYBRIDCLOUD_MUTANT=%d", id), "GOMAXPROCS=1")
	out, err := cmd.CombinedOutput()
	if err != nil && id == 0 {
		return fmt.Errorf("%w\n%s", err, out)
	}
	return err
}

// equivalence is one entry of equivalent.txt.
type equivalence struct{ reason string }

// readEquivalents reads "key | reason" lines; # starts a comment.
func readEquivalents(path string) (map[string]equivalence, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]equivalence{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only
	out := map[string]equivalence{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, " = ")
		if !ok || strings.TrimSpace(reason) == "" {
			return nil, fmt.Errorf("%s:%d: want `<mutant key> = <why it is equivalent>`", path, n)
		}
		out[strings.TrimSpace(key)] = equivalence{reason: strings.TrimSpace(reason)}
	}
	return out, sc.Err()
}

var space = regexp.MustCompile(`\s+`)

// report prints the score and returns an error unless every mutant not listed as equivalent was killed and
// every listed equivalent still exists (and, when tested with -v, survives).
func report(out io.Writer, mutants []Mutant, killed []bool, known map[string]equivalence, only string, verbose bool, took time.Duration) error {
	var b strings.Builder
	type tally struct{ total, killed, equivalent int }
	perFile := map[string]*tally{}
	var files []string
	var survivors []string
	present := map[string]bool{}
	total := tally{}
	for i, m := range mutants {
		present[m.Key] = true
		t := perFile[m.File]
		if t == nil {
			t = &tally{}
			perFile[m.File] = t
			files = append(files, m.File)
		}
		t.total++
		total.total++
		_, equivalent := known[m.Key]
		switch {
		case equivalent && killed[i]:
			survivors = append(survivors, fmt.Sprintf("LISTED AS EQUIVALENT BUT KILLED %s:%d [%s] %s", m.File, m.Line, m.Operator, m.Key))
		case equivalent:
			t.equivalent++
			total.equivalent++
		case killed[i]:
			t.killed++
			total.killed++
		default:
			survivors = append(survivors, fmt.Sprintf("SURVIVED %s:%d in %s [%s] `%s` -> `%s`\n    key: %s", m.File, m.Line, m.Decl, m.Operator,
				space.ReplaceAllString(m.Original, " "), space.ReplaceAllString(m.Mutated, " "), m.Key))
		}
		if verbose {
			b.WriteString(fmt.Sprintf("  %5d %-7v %s:%d [%s] %s\n", m.ID, killed[i], m.File, m.Line, m.Operator, m.Original))
		}
	}
	sort.Strings(files)
	b.WriteString(fmt.Sprintf("%-48s %8s %8s %11s %9s\n", "file", "mutants", "killed", "equivalent", "survived"))
	for _, f := range files {
		t := perFile[f]
		b.WriteString(fmt.Sprintf("%-48s %8d %8d %11d %9d\n", f, t.total, t.killed, t.equivalent, t.total-t.killed-t.equivalent))
	}
	if only == "" {
		for key := range known {
			if !present[key] {
				survivors = append(survivors, "STALE EQUIVALENT (no such mutant any more; remove it): "+key)
			}
		}
	}
	sort.Strings(survivors)
	for _, s := range survivors {
		b.WriteString(s + "\n")
	}
	scored := total.total - total.equivalent
	score := 100.0
	if scored > 0 {
		score = 100 * float64(total.killed) / float64(scored)
	}
	b.WriteString(fmt.Sprintf("mutation score: %d of %d mutants killed (%.1f%%); %d equivalent (policy/mutate/equivalent.txt); %d mutants in %s\n",
		total.killed, scored, score, total.equivalent, total.total, took.Round(time.Second)))
	if _, err := io.WriteString(out, b.String()); err != nil {
		return err
	}
	if len(survivors) > 0 {
		return fmt.Errorf("%d mutant(s) survived or equivalents are stale", len(survivors))
	}
	return nil
}

// Command plan runs the Pulumi program offline, under mocks, with a stack's configuration read from
// Pulumi.yaml and Pulumi.<stack>.yaml, and prints what it would declare: no AWS account, no Pulumi CLI, no
// backend. After the plan it prints the verdicts of the policy pack (policy/rules) and fails on a mandatory
// violation, as `pulumi preview --policy-pack policy` would.
//
//	plan -stack dev                 # resource tree and counts per type
//	plan -stack prod -format json   # every resource with its inputs, as one JSON array
//	plan -stack dev -mode up        # play `pulumi up` (mocked ids and computed outputs) instead of preview
//	plan -stack dev -now 2030-01-15 # play a deployment on that day (the activations' expiry follows it)
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/platform"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, plan.FormatError(err))
		os.Exit(1)
	}
}

func run(argv []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("plan", flag.ContinueOnError)
	flags.SetOutput(stderr)
	stack := flags.String("stack", "", "stack name: reads Pulumi.<stack>.yaml (required)")
	format := flags.String("format", "text", "text (resource tree) or json (every resource with its inputs)")
	mode := flags.String("mode", "preview", "preview (unknown ids and computed values) or up (mocked ids)")
	dir := flags.String("dir", ".", "folder holding Pulumi.yaml")
	day := flags.String("now", "", "YYYY-MM-DD to validate dated config against (default: today)")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	now, err := plan.Clock(*day)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	if *stack == "" {
		return errors.New("plan: -stack is required (dev or prod)")
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("plan: -format %q: want text or json", *format)
	}
	m := plan.Preview
	switch *mode {
	case "preview":
	case "up":
		m = plan.Up
	default:
		return fmt.Errorf("plan: -mode %q: want preview or up", *mode)
	}

	st, err := plan.LoadStack(*dir, *stack)
	if err != nil {
		return err
	}
	result, err := plan.Run(platform.Program(now), st, m)
	if err != nil {
		return err
	}
	// The program logs what config warns of, which the mocks drop: read the config again to print it.
	cfg, err := config.Parse(st.Project, st.Name, config.Source{Get: st.Get, IsSecret: st.IsSecret, Keys: st.Keys()})
	if err != nil {
		return err
	}
	notes := secretNotes(st)
	for _, w := range cfg.Warnings {
		notes += "warning: " + w + "\n"
	}
	if *format == "json" {
		// stdout carries the JSON alone, so notes, verdicts and the summary go to stderr.
		if _, err := io.WriteString(stderr, notes); err != nil {
			return err
		}
		if err := result.WriteJSON(stdout); err != nil {
			return err
		}
		verdictErr := writeVerdicts(stderr, result, st)
		if err := result.WriteSummary(stderr); err != nil {
			return err
		}
		return verdictErr
	}
	header := fmt.Sprintf("Offline plan of stack %q (%s, under mocks: no AWS calls)\n%s\n", *stack, m, notes)
	if _, err := io.WriteString(stdout, header); err != nil {
		return err
	}
	if err := result.WriteTree(stdout); err != nil {
		return err
	}
	// As `pulumi preview` ends: policy verdicts, then the stack outputs, then the resource summary; a
	// mandatory violation fails the command once everything is printed.
	verdictErr := writeVerdicts(stdout, result, st)
	if err := result.WriteOutputs(stdout); err != nil {
		return err
	}
	if err := result.WriteSummary(stdout); err != nil {
		return err
	}
	return verdictErr
}

// secretNotes names every secure value of the stack files by its config path and the placeholder the plan
// used for it, one line each.
func secretNotes(st plan.Stack) string {
	var b strings.Builder
	for _, p := range st.SecretPaths {
		fmt.Fprintf(&b, "note: %s is a secure value; the plan used the placeholder %s\n", p, plan.SecretPlaceholder(p))
	}
	return b.String()
}

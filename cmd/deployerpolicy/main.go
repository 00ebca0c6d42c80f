// Command deployerpolicy writes the IAM policies of the deployer role (`pulumi up`) and of the preview role
// (a pull request's `pulumi preview`) from the table in package deploy, one managed policy per family:
//
//	deployerpolicy -out deploy                     # both stacks, into deploy/ (what `make deployer-policy` runs)
//	deployerpolicy -out /tmp/prod -stacks prod     # a prod-only deployer, scoped to prod-* names
//
// A test in platform fails when the files in deploy/ differ from what this writes, and when a resource type
// of either stack's plan has no entry in the table.
package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/deploy"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(argv []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("deployerpolicy", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("out", "", "folder to write <role>-policy-<family>.json into (required)")
	stacks := flags.String("stacks", "dev,prod", "comma-separated stack names whose resources the policies are scoped to")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("deployerpolicy: -out is required")
	}
	names := strings.Split(*stacks, ",")
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("deployerpolicy: %w", err)
	}
	for _, role := range []deploy.Role{deploy.Deployer, deploy.Previewer} {
		docs, err := deploy.Policies(role, names)
		if err != nil {
			return err
		}
		for _, fam := range slices.Sorted(maps.Keys(docs)) {
			b, err := deploy.Marshal(docs[fam])
			if err != nil {
				return fmt.Errorf("deployerpolicy: %w", err)
			}
			path := filepath.Join(*out, deploy.FileName(role, fam))
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return fmt.Errorf("deployerpolicy: %w", err)
			}
			if _, err := fmt.Fprintf(stdout, "wrote %s (%d of IAM's %d characters)\n", path, deploy.Size(docs[fam]), deploy.MaxManagedPolicyChars); err != nil {
				return err
			}
		}
	}
	return nil
}

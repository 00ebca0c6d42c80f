// Package cli runs the external commands (aws, pulumi) the operator tools drive, so each tool takes a
// Command it can be tested with and shares one way of running the real ones.
package cli

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Command runs a CLI and returns its standard output.
type Command func(name string, args ...string) ([]byte, error)

// Exec runs name with args, its standard error passed through so the operator sees the CLI's own message;
// a failure names the command line.
func Exec(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return out, nil
}

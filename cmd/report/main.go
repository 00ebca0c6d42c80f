// Command report writes reports over the offline plan of a stack (the one `make plan` prints): the same
// program run in-process under mocks, so the reports describe exactly what the program declares.
//
//	report cost -stack prod                   # monthly cost estimate, per component, with the assumptions
//	report cost -stack prod -now 2030-01-15   # play a deployment on that day (the activations' expiry follows it)
//	report cost -stack prod -format json      # the same as one JSON object
//	report diagram -stack prod                # Mermaid architecture diagram on stdout
//	report diagram -stack prod -format dot    # Graphviz DOT
//	report diagram -stack prod -out docs/diagrams -readme README.md   # write both files, refresh the README
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

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

const usage = "usage: report cost|diagram -stack <name> [flags]; report <command> -h lists the flags"

func run(argv []string, stdout, stderr io.Writer) error {
	if len(argv) == 0 {
		return errors.New(usage)
	}
	switch argv[0] {
	case "cost":
		return runCost(argv[1:], stdout, stderr)
	case "diagram":
		return runDiagram(argv[1:], stdout, stderr)
	default:
		return fmt.Errorf("report: unknown command %q; %s", argv[0], usage)
	}
}

// stackFlags are the flags every report takes: which stack, where its files are, and the day dated config
// is validated against.
type stackFlags struct {
	stack, dir, day *string
}

func addStackFlags(flags *flag.FlagSet) stackFlags {
	return stackFlags{
		stack: flags.String("stack", "", "stack name: reads Pulumi.<stack>.yaml (required)"),
		dir:   flags.String("dir", ".", "folder holding Pulumi.yaml"),
		day:   flags.String("now", "", "YYYY-MM-DD to validate dated config against (default: today)"),
	}
}

// stackPlan is a stack's validated configuration and its offline plan.
type stackPlan struct {
	config *config.Config
	result *plan.Result
}

// load reads the stack files, validates the configuration and runs the program under mocks, playing
// `pulumi up` so every id and computed value the reports follow is known.
func (f stackFlags) load() (stackPlan, error) {
	if *f.stack == "" {
		return stackPlan{}, errors.New("report: -stack is required (dev or prod)")
	}
	now, err := plan.Clock(*f.day)
	if err != nil {
		return stackPlan{}, fmt.Errorf("report: %w", err)
	}
	st, err := plan.LoadStack(*f.dir, *f.stack)
	if err != nil {
		return stackPlan{}, err
	}
	cfg, err := config.Parse(st.Project, st.Name, config.Source{Get: st.Get, IsSecret: st.IsSecret, Keys: st.Keys()})
	if err != nil {
		return stackPlan{}, err
	}
	res, err := plan.Run(platform.Program(now), st, plan.Up)
	if err != nil {
		return stackPlan{}, err
	}
	return stackPlan{config: cfg, result: res}, nil
}

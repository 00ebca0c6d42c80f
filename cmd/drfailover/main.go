// Command drfailover moves a stack's workload to its DR region (failover) or back (failback) with the AWS
// CLI, in the order docs/dr.md gives: promote the read replica, scale the DR compute, switch the internal
// names. It reads what it needs from the stack's outputs and refuses to run without an explicit stack, or on
// a stack whose strategy keeps no standby (backup and restore: restore from the DR vault instead).
//
//	drfailover -stack prod -dry-run failover   # make dr-failover STACK=prod DRY_RUN=1: print the commands
//	drfailover -stack prod failover            # make dr-failover STACK=prod
//	drfailover -stack prod failback            # make dr-failback STACK=prod
//	drfailover -stack prod promote             # make dr-promote STACK=prod: print the promoted stack file
//	drfailover -stack prod -write promote      # make dr-promote STACK=prod WRITE=1: write it
//
// failover and failback need the Pulumi CLI (logged in to the stack's backend) and, unless -dry-run, the AWS
// CLI with credentials for the stack's account. After a failover, promote makes the DR region the primary in
// code (docs/dr.md, "Make the DR region the primary in code"): it reads and writes only the stack file.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/insurance/hybridcloud/internal/cli"
)

// command runs a CLI and returns its standard output (cli.Exec, or a fake in tests).
type command = cli.Command

func main() {
	if err := run(os.Args[1:], cli.Exec, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// outputs are the stack outputs the commands are built from (platform/dr.go, exportDR).
type outputs struct {
	Environment          string            `json:"environment"`
	Region               string            `json:"-"`
	DRStrategy           string            `json:"drStrategy"`
	DRRegion             string            `json:"drRegion"`
	DatabaseAddress      string            `json:"databaseAddress"`
	ALBDNSName           string            `json:"albDnsName"`
	DRDatabaseIdentifier string            `json:"drDatabaseIdentifier"`
	DRDatabaseAddress    string            `json:"drDatabaseAddress"`
	DRClusterName        string            `json:"drClusterName"`
	DRALBDNSName         string            `json:"drAlbDnsName"`
	DRServiceCounts      map[string]int    `json:"drServiceCounts"`
	DRTaskCount          int               `json:"drTaskCount"`
	InternalZoneID       string            `json:"internalZoneId"`
	InternalNames        map[string]string `json:"internalNames"`
}

// step is one command of a run, with why it comes at that point. A step without argv is done by hand.
type step struct {
	why  string
	argv []string
	// resolve, when set, replaces argv's placeholder with what a read-only command returns (a service's
	// ARN); a dry run prints the placeholder.
	resolve func(cli command) ([]string, error)
}

// run runs one direction; out gets the commands (or the promoted file), notes the by-hand steps of a promotion.
func run(argv []string, cli command, out, notes io.Writer) error {
	flags := flag.NewFlagSet("drfailover", flag.ContinueOnError)
	flags.SetOutput(out)
	stack := flags.String("stack", "", "the deployed stack (required)")
	dryRun := flags.Bool("dry-run", false, "print the AWS CLI commands without running them")
	write := flags.Bool("write", false, "promote: write the promoted stack file instead of printing it")
	dir := flags.String("dir", ".", "promote: the directory of Pulumi.yaml and the stack files")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	if *stack == "" {
		return errors.New("drfailover: refusing to run without an explicit stack: make dr-failover STACK=prod (DRY_RUN=1 prints the commands)")
	}
	direction := flags.Arg(0)
	if direction == "promote" {
		return runPromote(*dir, *stack, *write, out, notes)
	}
	raw, err := cli("pulumi", "stack", "output", "--stack", *stack, "--json", "--show-secrets=false")
	if err != nil {
		return err
	}
	var o outputs
	if err := json.Unmarshal(raw, &o); err != nil {
		return fmt.Errorf("drfailover: reading the outputs of %s: %w", *stack, err)
	}
	region, err := cli("pulumi", "config", "get", "aws:region", "--stack", *stack)
	if err != nil {
		return err
	}
	o.Region = strings.TrimSpace(string(region))
	steps, err := plan(direction, *stack, o)
	if err != nil {
		return err
	}
	return execute(steps, cli, out, *dryRun)
}

// plan is the ordered steps of a direction for a stack's outputs: the decision logic, without side effects.
func plan(direction, stack string, o outputs) ([]step, error) {
	switch o.DRStrategy {
	case "pilotLight", "warmStandby":
	case "backupRestore":
		return nil, fmt.Errorf("drfailover: stack %s runs backup and restore: there is no standby to fail over to; restore from the DR vault (docs/dr.md, Backup and restore)", stack)
	default:
		return nil, fmt.Errorf("drfailover: stack %s exports no DR strategy (drStrategy %q): deploy it first", stack, o.DRStrategy)
	}
	switch direction {
	case "failover":
		return failover(stack, o), nil
	case "failback":
		return failback(stack, o), nil
	default:
		return nil, fmt.Errorf("drfailover: direction %q: want failover or failback", direction)
	}
}

// failover promotes the replica, waits for it, makes it Multi-AZ in prod, scales the DR services to the
// primary's counts (warm standby; a pilot light has none, which the config change declares), then points
// the internal names at the DR region: clients move only once the DR side can take them.
func failover(stack string, o outputs) []step {
	dr := []string{"--region", o.DRRegion}
	id := []string{"--db-instance-identifier", o.DRDatabaseIdentifier}
	steps := []step{
		{why: "promote the read replica to a standalone database (replication stops; the lag at this moment is the data lost)",
			argv: cat([]string{"aws", "rds", "promote-read-replica"}, id, dr)},
		{why: "wait until the promoted database accepts writes", argv: cat([]string{"aws", "rds", "wait", "db-instance-available"}, id, dr)},
	}
	if o.Environment == "prod" {
		steps = append(steps, step{why: "give the promoted database its standby in a second AZ, as the primary had",
			argv: cat([]string{"aws", "rds", "modify-db-instance"}, id, []string{"--multi-az", "--apply-immediately"}, dr)})
	}
	steps = append(steps, scale(stack, o, func(svc string) int { return o.DRServiceCounts[svc] }, "to the primary's count: the capacity provider adds hosts up to dr.compute.hosts.max")...)
	if o.DRStrategy == "pilotLight" {
		steps = append(steps, step{why: "pilot light runs no services: set hybridcloud:dr.strategy warmStandby and dr.compute.hosts.min, then `make up STACK=" + stack + "` (docs/dr.md, Failover)"})
	}
	steps = append(steps, names("point the internal names at the DR region", o, o.DRDatabaseAddress, o.DRALBDNSName))
	return append(steps, step{why: "on premises: create the File Gateway's shares against the DR bucket (docs/dr.md, Files after a failover), then make the DR region the primary in code: `make dr-promote STACK=" + stack + "` (WRITE=1 writes it), and register the servers and container hosts again (docs/dr.md)"})
}

// failback points the names back at the primary region once it serves again, then returns the DR services
// to their standby counts; the database comes back as a replica of the DR one first (a config change).
func failback(stack string, o outputs) []step {
	steps := []step{{why: "first rebuild the primary database from the DR one (docs/dr.md, Failback: the primary becomes the replica, then is promoted); run this once its lag is zero"}}
	steps = append(steps, names("point the internal names back at the primary region", o, o.DatabaseAddress, o.ALBDNSName))
	return append(steps, scale(stack, o, func(string) int { return o.DRTaskCount }, "back to the standby's task count")...)
}

// scale sets each DR service's desired count; the service's ARN is looked up by its name prefix.
func scale(stack string, o outputs, count func(svc string) int, why string) []step {
	var steps []step
	for _, svc := range slices.Sorted(maps.Keys(o.DRServiceCounts)) {
		n := strconv.Itoa(count(svc))
		placeholder := "<ARN of " + stack + "-dr-services-" + svc + ">"
		build := func(arn string) []string {
			return []string{"aws", "ecs", "update-service", "--cluster", o.DRClusterName, "--service", arn, "--desired-count", n, "--region", o.DRRegion}
		}
		steps = append(steps, step{
			why:  "scale " + svc + " " + why,
			argv: build(placeholder),
			resolve: func(cli command) ([]string, error) {
				arn, err := serviceARN(cli, o, stack+"-dr-services-"+svc)
				return build(arn), err
			},
		})
	}
	return steps
}

// serviceARN finds a DR service by its name prefix (Pulumi adds a suffix).
func serviceARN(cli command, o outputs, prefix string) (string, error) {
	raw, err := cli("aws", "ecs", "list-services", "--cluster", o.DRClusterName, "--region", o.DRRegion, "--output", "json")
	if err != nil {
		return "", err
	}
	var list struct {
		ServiceArns []string `json:"serviceArns"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return "", fmt.Errorf("drfailover: list-services: %w", err)
	}
	for _, arn := range list.ServiceArns {
		if strings.HasPrefix(arn[strings.LastIndex(arn, "/")+1:], prefix) {
			return arn, nil
		}
	}
	return "", fmt.Errorf("drfailover: no service %s* in cluster %s", prefix, o.DRClusterName)
}

// names upserts every internal name: db at the database, each service at the load balancer.
func names(why string, o outputs, database, alb string) step {
	var changes []map[string]any
	for _, label := range slices.Sorted(maps.Keys(o.InternalNames)) {
		target := alb
		if label == "db" {
			target = database
		}
		changes = append(changes, map[string]any{"Action": "UPSERT", "ResourceRecordSet": map[string]any{
			"Name": o.InternalNames[label], "Type": "CNAME", "TTL": 60, "ResourceRecords": []map[string]string{{"Value": target}},
		}})
	}
	batch, _ := json.Marshal(map[string]any{"Comment": why, "Changes": changes})
	return step{why: why, argv: []string{"aws", "route53", "change-resource-record-sets", "--hosted-zone-id", o.InternalZoneID, "--change-batch", string(batch)}}
}

// execute prints each step and, unless dryRun, runs it; a step without a command is printed as a manual one.
func execute(steps []step, cli command, out io.Writer, dryRun bool) error {
	for i, s := range steps {
		if len(s.argv) == 0 {
			if _, err := fmt.Fprintf(out, "%d. by hand: %s\n", i+1, s.why); err != nil {
				return err
			}
			continue
		}
		argv := s.argv
		if !dryRun && s.resolve != nil {
			var err error
			if argv, err = s.resolve(cli); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(out, "%d. %s\n   %s\n", i+1, s.why, shell(argv)); err != nil {
			return err
		}
		if dryRun {
			continue
		}
		res, err := cli(argv[0], argv[1:]...)
		if err != nil {
			return fmt.Errorf("drfailover: step %d (%s): %w", i+1, s.why, err)
		}
		if _, err := out.Write(res); err != nil {
			return err
		}
	}
	return nil
}

// shell renders argv for copying into a shell: arguments with spaces or quotes single-quoted.
func shell(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		if strings.ContainsAny(a, " \"'{}<>") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

func cat(parts ...[]string) []string { return slices.Concat(parts...) }

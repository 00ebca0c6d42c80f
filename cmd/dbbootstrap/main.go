// Command dbbootstrap creates the database role of each service that uses the database (database: true):
// a login that authenticates by IAM token only, with its own schema (dbuser.Bootstrap). The roles come from
// the stack file, as the program's rds-db:connect grants and DB_USER variables do.
//
//	dbbootstrap -stack prod                                  # prints the SQL (no AWS, no Pulumi CLI)
//	dbbootstrap -stack prod -apply -ca global-bundle.pem     # runs it as the master user
//	make db-bootstrap STACK=prod [APPLY=1 CA=global-bundle.pem]
//
// -apply needs the Pulumi CLI (logged in to the stack's backend), the AWS CLI with credentials that may read
// the master secret, psql, and a network path to the instance (on premises or through a bastion session).
// It reads the instance's address, port, database, master secret and roles from the stack's outputs and
// refuses when the deployed roles differ from the stack file's (run pulumi up first), fetches the master
// password with the AWS CLI and hands it to psql in its environment only, over TLS verified against the RDS
// CA bundle (-ca). See docs/operations.md, "Database roles and credential rotation".
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/internal/deploy/dbuser"
	"github.com/insurance/hybridcloud/internal/plan"
)

// command runs a CLI with extra environment and standard input, and returns its standard output.
type command func(env []string, stdin, name string, args ...string) ([]byte, error)

func main() {
	if err := run(os.Args[1:], execCommand, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func execCommand(env []string, stdin, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return out, nil
}

func run(argv []string, cli command, out io.Writer) error {
	flags := flag.NewFlagSet("dbbootstrap", flag.ContinueOnError)
	flags.SetOutput(out)
	stack := flags.String("stack", "", "stack name: reads Pulumi.<stack>.yaml (required)")
	dir := flags.String("dir", ".", "folder holding Pulumi.yaml")
	apply := flags.Bool("apply", false, "run the SQL as the master user of the deployed stack (default: print it)")
	ca := flags.String("ca", "", "the RDS CA bundle psql verifies the instance against (required with -apply)")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	if *stack == "" {
		return errors.New("dbbootstrap: -stack is required: make db-bootstrap STACK=prod")
	}
	database, services, err := fromStackFile(*dir, *stack)
	if err != nil {
		return err
	}
	sql, err := dbuser.Bootstrap(database, services)
	if err != nil {
		return err
	}
	if !*apply {
		_, err := io.WriteString(out, sql)
		return err
	}
	if *ca == "" {
		return errors.New("dbbootstrap: -apply needs -ca, the RDS CA bundle (docs/operations.md): the master password is only sent to a verified instance")
	}
	return applySQL(cli, out, *stack, *ca, database, services, sql)
}

// fromStackFile reads the database's name and the services with database access from the stack file, as
// the program does.
func fromStackFile(dir, stack string) (string, []string, error) {
	st, err := plan.LoadStack(dir, stack)
	if err != nil {
		return "", nil, err
	}
	cfg, err := config.Parse(st.Project, st.Name, config.Source{Get: st.Get, IsSecret: st.IsSecret, Keys: st.Keys()})
	if err != nil {
		return "", nil, err
	}
	return cfg.Database.DatabaseName, cfg.Services.DatabaseServices(), nil
}

// outputs are the stack outputs -apply reads.
type outputs struct {
	Address   string            `json:"databaseAddress"`
	Port      int               `json:"databasePort"`
	Name      string            `json:"databaseName"`
	SecretARN string            `json:"databaseSecretArn"`
	Users     map[string]string `json:"databaseUsers"`
}

// masterSecret is the JSON RDS keeps the master credentials as.
type masterSecret struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// applySQL runs sql through psql as the deployed stack's master user.
func applySQL(cli command, out io.Writer, stack, ca, database string, services []string, sql string) error {
	raw, err := cli(nil, "", "pulumi", "stack", "output", "--stack", stack, "--json")
	if err != nil {
		return err
	}
	var o outputs
	if err := json.Unmarshal(raw, &o); err != nil {
		return fmt.Errorf("dbbootstrap: reading the outputs of %s: %w", stack, err)
	}
	if o.Address == "" || o.Port == 0 || o.SecretARN == "" {
		return fmt.Errorf("dbbootstrap: stack %s exports no database address, port or secret: deploy it first", stack)
	}
	if o.Name != database {
		return fmt.Errorf("dbbootstrap: stack %s's database is %q, its stack file says %q: run pulumi up first", stack, o.Name, database)
	}
	want := map[string]string{}
	for _, s := range services {
		want[s] = dbuser.Name(s)
	}
	if !maps.Equal(o.Users, want) {
		return fmt.Errorf("dbbootstrap: stack %s grants rds-db:connect to %s, its stack file to %s: run pulumi up first, so the roles and their grants agree",
			stack, describe(o.Users), describe(want))
	}
	secretJSON, err := cli(nil, "", "aws", "secretsmanager", "get-secret-value", "--secret-id", o.SecretARN, "--query", "SecretString", "--output", "text")
	if err != nil {
		return err
	}
	var master masterSecret
	if err := json.Unmarshal(secretJSON, &master); err != nil || master.Username == "" || master.Password == "" {
		return fmt.Errorf("dbbootstrap: the master secret %s holds no username and password", o.SecretARN)
	}
	// The password goes to psql's environment only: never on a command line (ps shows those) or in a file.
	env := []string{
		"PGHOST=" + o.Address, "PGPORT=" + strconv.Itoa(o.Port), "PGDATABASE=" + database,
		"PGUSER=" + master.Username, "PGPASSWORD=" + master.Password,
		"PGSSLMODE=verify-full", "PGSSLROOTCERT=" + ca,
		// A second run only repeats "already exists" notices.
		"PGOPTIONS=-c client_min_messages=warning",
	}
	res, err := cli(env, sql, "psql", "--no-psqlrc", "--set", "ON_ERROR_STOP=1", "--quiet", "--file", "-")
	if err != nil {
		return err
	}
	if _, err := out.Write(res); err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "Bootstrapped %s on %s:%d: %s log in by IAM token (rds_iam), each in its own schema.\n",
		database, o.Address, o.Port, describe(want))
	return err
}

// describe lists roles for a message.
func describe(users map[string]string) string {
	if len(users) == 0 {
		return "no role"
	}
	return strings.Join(slices.Sorted(maps.Values(users)), ", ")
}

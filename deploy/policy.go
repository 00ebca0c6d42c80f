package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// MaxManagedPolicyChars is IAM's limit on a customer managed policy: 6,144 characters, white space not
// counted. A role takes 10 managed policies unless the quota is raised, so the documents are split by
// family (MaxPoliciesPerRole).
const (
	MaxManagedPolicyChars = 6144
	MaxPoliciesPerRole    = 10
)

// Role says which policy set is generated.
type Role int

const (
	// Deployer may create, read, update and delete everything the program declares: the role `pulumi up`
	// runs with.
	Deployer Role = iota
	// Previewer may read what the program declares and run its provider functions: the role a pull
	// request's `pulumi preview` runs with. It changes nothing.
	Previewer
)

func (r Role) String() string {
	if r == Previewer {
		return "preview"
	}
	return "deployer"
}

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one IAM policy statement. Conditions are kept as IAM writes them:
// operator → condition key → values.
type Statement struct {
	Sid       string                         `json:"Sid"`
	Effect    string                         `json:"Effect"`
	Action    []string                       `json:"Action"`
	Resource  []string                       `json:"Resource"`
	Condition map[string]map[string][]string `json:"Condition,omitempty"`
}

// families puts each service's statements into one managed policy, so every document stays under IAM's
// size limit and reads as one part of the platform.
var families = map[string]string{
	"ec2": "network", "route53": "network", "route53resolver": "network", "directconnect": "network",
	"iam": "identity", "kms": "identity", "sts": "identity",
	"logs": "operations", "cloudwatch": "operations", "events": "operations", "sns": "operations", "ssm": "operations",
	"ecs": "compute", "ecr": "compute", "elasticloadbalancing": "compute", "autoscaling": "compute", "application-autoscaling": "compute",
	"rds": "data", "s3": "data", "storagegateway": "data", "backup": "data", "backup-storage": "data", "secretsmanager": "data",
}

// Policies generates the role's policy documents for the given stacks, by family name. Identical
// actions on identical resources merge into one statement; iam:PassRole, service-linked roles and the
// keys used through services get one statement each, conditioned as narrowly as IAM allows.
func Policies(role Role, stacks []string) (map[string]Document, error) {
	if len(stacks) == 0 {
		return nil, fmt.Errorf("deploy: no stack names to scope the policy to")
	}
	b := &builder{role: role, stacks: stacks, merged: map[statementKey]*Statement{}}
	for _, t := range sortedKeys(Types) {
		b.collect(Types[t])
	}
	for _, t := range sortedKeys(Invokes) {
		a := Invokes[t]
		b.collect(a)
		if role == Previewer {
			// Provider functions run at preview, so their grants are read access too.
			b.grants(a.Grants)
		}
	}
	if role == Deployer {
		b.deployerStatements()
	}
	docs, err := b.families()
	if err != nil {
		return nil, err
	}
	for fam, d := range docs {
		if docs[fam], err = finish(role, fam, d); err != nil {
			return nil, err
		}
	}
	if len(docs) > MaxPoliciesPerRole {
		return nil, fmt.Errorf("deploy: %d %s policies, over the %d managed policies a role takes", len(docs), role, MaxPoliciesPerRole)
	}
	return docs, nil
}

// statementKey merges the actions of statements with the same Sid, resources and conditions.
type statementKey struct{ sid, resources, conditions string }

// builder gathers a role's statements from the per-type table.
type builder struct {
	role   Role
	stacks []string
	merged map[statementKey]*Statement
	// passTo, linked and keysVia are what the deployer's PassRole, service-linked role and key statements
	// cover: the services the types name.
	passTo, linked, keysVia []string
}

// add merges actions into the statement of sid over resources under conditions, stack placeholders expanded.
func (b *builder) add(sid string, actions, resources []string, conditions map[string]map[string][]string) {
	if len(actions) == 0 {
		return
	}
	resources = expand(resources, b.stacks)
	conditions = expandConditions(conditions, b.stacks)
	cj, _ := json.Marshal(conditions)
	k := statementKey{sid, strings.Join(resources, ","), string(cj)}
	st, ok := b.merged[k]
	if !ok {
		st = &Statement{Sid: sid, Effect: "Allow", Resource: resources, Condition: conditions}
		b.merged[k] = st
	}
	st.Action = append(st.Action, actions...)
}

func (b *builder) grants(gs []Grant) {
	for _, g := range gs {
		b.add(g.Sid, g.Actions, g.Resources, g.Conditions)
	}
}

// collect adds what a type's access needs for the role: read only for the previewer, all of it and its
// grants for the deployer; one statement per service.
func (b *builder) collect(a Access) {
	actions := a.Read
	if b.role == Deployer {
		actions = slices.Concat(a.Create, a.Read, a.Update, a.Delete)
		b.passTo = append(b.passTo, a.PassRoleTo...)
		b.linked = append(b.linked, a.ServiceLinkedRoles...)
		b.keysVia = append(b.keysVia, a.KeysVia...)
	}
	resources := a.Resources
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	byService := map[string][]string{}
	for _, act := range actions {
		byService[service(act)] = append(byService[service(act)], act)
	}
	for svc, acts := range byService {
		sid := sidFor(svc)
		if resources[0] != "*" {
			sid += resourceKind(resources[0]) + "OfTheStacks"
		}
		b.add(sid, acts, resources, nil)
	}
	if b.role == Deployer {
		b.grants(a.Grants)
	}
}

// deployerStatements are the deployer's statements that span types: passing the stacks' roles, creating
// service-linked roles, using keys through the services that encrypt with them.
func (b *builder) deployerStatements() {
	b.add("PassTheStacksRolesOnlyToTheirServices", []string{"iam:PassRole"}, []string{"arn:aws:iam::*:role/{stack}-*"},
		map[string]map[string][]string{"StringEquals": {"iam:PassedToService": uniq(b.passTo)}})
	b.add("CreateServiceLinkedRolesOfTheServicesUsed", []string{"iam:CreateServiceLinkedRole"}, []string{"arn:aws:iam::*:role/aws-service-role/*"},
		map[string]map[string][]string{"StringEquals": {"iam:AWSServiceName": uniq(b.linked)}})
	var via []string
	for _, s := range uniq(b.keysVia) {
		via = append(via, s+".*.amazonaws.com")
	}
	b.add("UseKeysOnlyThroughTheServicesThatEncryptWithThem",
		[]string{"kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey", "kms:RetireGrant"}, []string{"*"},
		map[string]map[string][]string{"StringLike": {"kms:ViaService": via}})
}

// families sorts the statements into one document per policy family; a statement may not mix families.
func (b *builder) families() (map[string]Document, error) {
	docs := map[string]Document{}
	for _, st := range b.merged {
		st.Action = uniq(st.Action)
		fam, ok := families[service(st.Action[0])]
		if !ok {
			return nil, fmt.Errorf("deploy: no policy family for service %q (add it to families)", service(st.Action[0]))
		}
		for _, a := range st.Action[1:] {
			if families[service(a)] != fam {
				return nil, fmt.Errorf("deploy: statement %s mixes families %s and %s", st.Sid, fam, families[service(a)])
			}
		}
		d := docs[fam]
		d.Version = "2012-10-17"
		d.Statement = append(d.Statement, *st)
		docs[fam] = d
	}
	return docs, nil
}

// finish orders a document's statements, makes their Sids unique (IAM wants that within a policy) and
// checks it fits IAM's size limit.
func finish(role Role, fam string, d Document) (Document, error) {
	sort.Slice(d.Statement, func(i, j int) bool {
		if d.Statement[i].Sid != d.Statement[j].Sid {
			return d.Statement[i].Sid < d.Statement[j].Sid
		}
		return strings.Join(d.Statement[i].Resource, ",") < strings.Join(d.Statement[j].Resource, ",")
	})
	seen := map[string]int{}
	for i := range d.Statement {
		seen[d.Statement[i].Sid]++
		if n := seen[d.Statement[i].Sid]; n > 1 {
			d.Statement[i].Sid = fmt.Sprintf("%s%d", d.Statement[i].Sid, n)
		}
	}
	if n := Size(d); n > MaxManagedPolicyChars {
		return Document{}, fmt.Errorf("deploy: the %s %s policy has %d characters, over IAM's %d: split its family", role, fam, n, MaxManagedPolicyChars)
	}
	return d, nil
}

// FileName is where a family's document of a role lives in this folder.
func FileName(role Role, family string) string {
	return fmt.Sprintf("%s-policy-%s.json", role, family)
}

// Marshal renders a document as the files in this folder hold it: indented JSON with a final newline.
func Marshal(d Document) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Size counts a document's characters as IAM does for its size limit: white space outside strings is
// not counted.
func Size(d Document) int {
	b, err := json.Marshal(d)
	if err != nil {
		return 0
	}
	n := 0
	for _, r := range string(b) {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// service is the prefix of an IAM action.
func service(action string) string {
	svc, _, _ := strings.Cut(action, ":")
	return svc
}

// sidNames spell the services whose prefix is not one word.
var sidNames = map[string]string{
	"application-autoscaling": "ApplicationAutoScaling", "autoscaling": "AutoScaling", "backup-storage": "BackupStorage",
	"cloudwatch": "CloudWatch", "directconnect": "DirectConnect", "elasticloadbalancing": "ElasticLoadBalancing",
	"route53resolver": "Route53Resolver", "secretsmanager": "SecretsManager", "storagegateway": "StorageGateway",
}

// resourceKinds name the scoped resources in statement ids.
var resourceKinds = map[string]string{"role": "Roles", "policy": "Policies", "instance-profile": "InstanceProfiles"}

// resourceKind names what an ARN pattern scopes: arn:aws:iam::*:role/dev-* → Roles; an S3 bucket → Buckets.
func resourceKind(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	if parts[2] == "s3" {
		return "Buckets"
	}
	kind, _, _ := strings.Cut(parts[5], "/")
	if k, ok := resourceKinds[kind]; ok {
		return k
	}
	return sidFor(kind)
}

// sidFor names a service's statement: ec2 → Ec2, storagegateway → StorageGateway.
func sidFor(svc string) string {
	if n, ok := sidNames[svc]; ok {
		return n
	}
	var b strings.Builder
	up := true
	for _, r := range svc {
		if r == '-' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func expand(patterns, stacks []string) []string {
	var out []string
	for _, p := range patterns {
		if !strings.Contains(p, "{stack}") {
			out = append(out, p)
			continue
		}
		for _, s := range stacks {
			out = append(out, strings.ReplaceAll(p, "{stack}", s))
		}
	}
	return uniq(out)
}

func expandConditions(c map[string]map[string][]string, stacks []string) map[string]map[string][]string {
	if len(c) == 0 {
		return nil
	}
	out := map[string]map[string][]string{}
	for op, keys := range c {
		out[op] = map[string][]string{}
		for k, vs := range keys {
			out[op][k] = expand(vs, stacks)
		}
	}
	return out
}

func uniq(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return slices.Compact(out)
}

func sortedKeys(m map[string]Access) []string {
	return slices.Sorted(maps.Keys(m))
}

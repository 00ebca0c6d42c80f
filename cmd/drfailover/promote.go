package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/dr"
	"github.com/insurance/hybridcloud/hybrid/topology"
	// plan is the offline plan's stack-file reader; this package's plan is the failover's steps.
	stackfile "github.com/insurance/hybridcloud/internal/plan"
)

// field is a value of a stack file: a key under `config` (aws:region, hybridcloud:dr) and the path inside its
// object, named as `pulumi config set --path` spells it.
type field struct {
	key  string
	path []string
}

func (f field) String() string { return strings.Join(append([]string{f.key}, f.path...), ".") }

// swap is a primary value and its DR counterpart, which a promotion exchanges. optional allows both to be
// absent (dev's load balancers serve plain HTTP and have no certificates); one without the other is refused.
type swap struct {
	primary, dr field
	optional    bool
}

// swaps are every per-region value of the stack files: the region, the VPC's range and AZs, the Transit
// Gateway's ASN and CIDR blocks (mode directConnectEncrypted only) and the load balancer's certificate
// (ACM certificates are regional). The primary's other sections hold no region, AZ or regional ARN;
// promote checks that this stays so.
func swaps(project string) []swap {
	p := func(section string, path ...string) field { return field{project + ":" + section, path} }
	return []swap{
		{primary: field{key: "aws:region"}, dr: p("dr", "region")},
		{primary: p("network", "cidr"), dr: p("dr", "cidr")},
		{primary: p("network", "availabilityZones"), dr: p("dr", "availabilityZones")},
		{primary: p("hybrid", "transitGateway", "amazonSideAsn"), dr: p("dr", "transitGatewayAsn")},
		{primary: p("hybrid", "transitGateway", "cidrBlocks"), dr: p("dr", "transitGatewayCidrBlocks"), optional: true},
		{primary: p("compute", "alb", "certificateArn"), dr: p("dr", "compute", "certificateArn"), optional: true},
	}
}

// byHand are the settings (section.key) that still describe the old region's side after a promotion, though no region is
// written in them, and what the operator does about each (docs/dr.md, Failover).
var byHand = []struct{ path, what string }{
	{"hybrid.directConnect", "hybrid.directConnect: the connections and their transit VIFs belong to the region of their location; target or import them (pulumi up --target) rather than let a plain up re-create them in the new region"},
	{"fileShare.gateway", "fileShare.gateway: activationKey or ipAddress names the gateway activated in the old region; set the DR gateway VM's (docs/dr.md, Files after a failover)"},
	{"management.activations", "management.activations: the on-premises servers are registered in the old region; register them again with the new activations (docs/dr.md)"},
	{"compute.ecsAnywhere", "compute.ecsAnywhere: the data-centre container hosts are registered with the old region's cluster; register them again (docs/dr.md)"},
	{"backup.vaultAccount", "backup.vaultAccount: the backup account's vault follows the stack to the new region; the copies made so far stay in its old-region vault, which the stack no longer manages (keep it until they expire)"},
}

// promotion is a promoted stack file and the by-hand steps it leaves.
type promotion struct {
	// file is the promoted stack file: the input with the per-region values swapped and strategy
	// backupRestore, its comments and key order kept.
	file []byte
	// byHand names each setting of the file the swap cannot bring over, with what to do.
	byHand []string
}

// promote makes a stack file's DR region its primary, as after a failover: it swaps each value of swaps with
// its DR counterpart, renames each VPN router's tunnels and drTunnels to each other (renameTunnels) and sets
// hybridcloud:dr.strategy to backupRestore (the old region holds no standby until
// it is rebuilt). It edits the YAML tree, so comments and key order survive; a comment on a swapped key
// describes its value and moves with it; render writes the tree back changing no other line. It refuses a file that is not a stack file, a stack without a
// standby (nothing was promoted), a missing value, and a value elsewhere that still names a region being
// swapped, each error naming the key.
func promote(file, project string, b []byte) (promotion, error) {
	if err := stackfile.CheckYAML(file, b); err != nil {
		return promotion{}, fmt.Errorf("drfailover: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return promotion{}, fmt.Errorf("drfailover: %s: %w", file, err)
	}
	var cfg *yaml.Node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		_, cfg = child(doc.Content[0], "config")
	}
	if cfg == nil || cfg.Kind != yaml.MappingNode {
		return promotion{}, fmt.Errorf("drfailover: %s is not a stack file: it has no `config` mapping", file)
	}

	strategyKey := field{project + ":dr", []string{"strategy"}}
	_, strategy := lookup(cfg, strategyKey)
	switch {
	case strategy == nil || strategy.Kind != yaml.ScalarNode:
		return promotion{}, fmt.Errorf("drfailover: %s: %s is not set: there is no standby to promote", file, strategyKey)
	case dr.Strategy(strategy.Value) == dr.BackupRestore:
		return promotion{}, fmt.Errorf("drfailover: %s: %s is %s: there is no standby to promote; restore from the DR vault (docs/dr.md)", file, strategyKey, dr.BackupRestore)
	case !dr.Strategy(strategy.Value).Standby():
		return promotion{}, fmt.Errorf("drfailover: %s: %s: %w", file, strategyKey, dr.Strategy(strategy.Value).Check())
	}

	type found struct{ key, value *yaml.Node }
	var errs []error
	var pairs [][2]found
	for _, s := range swaps(project) {
		pk, pv := lookup(cfg, s.primary)
		dk, dv := lookup(cfg, s.dr)
		switch {
		case pv == nil && dv == nil && s.optional:
			continue
		case pv == nil || dv == nil:
			for _, m := range []struct {
				f field
				v *yaml.Node
			}{{s.primary, pv}, {s.dr, dv}} {
				if m.v == nil {
					errs = append(errs, fmt.Errorf("%s is not set: it swaps with %s", m.f, other(s, m.f)))
				}
			}
			continue
		}
		pairs = append(pairs, [2]found{{pk, pv}, {dk, dv}})
	}
	if err := errors.Join(errs...); err != nil {
		return promotion{}, fmt.Errorf("drfailover: %s: %w", file, err)
	}

	_, oldRegion := lookup(cfg, field{key: "aws:region"})
	_, newRegion := lookup(cfg, field{project + ":dr", []string{"region"}})
	if oldRegion.Kind != yaml.ScalarNode || newRegion.Kind != yaml.ScalarNode || oldRegion.Value == "" || oldRegion.Value == newRegion.Value {
		return promotion{}, fmt.Errorf("drfailover: %s: aws:region (%q) and %s:dr.region (%q) must be two region names", file, oldRegion.Value, project, newRegion.Value)
	}
	from, to := oldRegion.Value, newRegion.Value

	// The same edits as text on the original lines, planned before the tree changes (see render).
	var edits textEdits
	for _, p := range pairs {
		edits.value(p[0].value, p[1].value)
		edits.value(p[1].value, p[0].value)
		if p[0].key.HeadComment != p[1].key.HeadComment {
			edits.comment(p[0].key, p[1].key.HeadComment)
			edits.comment(p[1].key, p[0].key.HeadComment)
		}
	}
	for _, p := range pairs {
		*p[0].value, *p[1].value = *p[1].value, *p[0].value
		p[0].key.HeadComment, p[1].key.HeadComment = p[1].key.HeadComment, p[0].key.HeadComment
	}
	before := *strategy
	strategy.Value, strategy.Tag, strategy.Style = string(dr.BackupRestore), "!!str", 0
	edits.scalar(&before, strategy)
	renameTunnels(cfg, project, &edits)

	// After the swap the DR section describes the old primary and everything else the new one: a region
	// left on the wrong side is a value this tool does not know, which the operator must move by hand.
	for i := 0; i+1 < len(cfg.Content); i += 2 {
		key := cfg.Content[i].Value
		stale := from
		if key == project+":dr" {
			stale = to
		}
		stillNames(key, cfg.Content[i+1], stale, &errs)
	}
	if err := errors.Join(errs...); err != nil {
		return promotion{}, fmt.Errorf("drfailover: %s: values the swap does not move still name a region it swaps; change them by hand, then promote: %w", file, err)
	}

	out, err := render(&doc, b, edits)
	if err != nil {
		return promotion{}, fmt.Errorf("drfailover: %s: %w", file, err)
	}
	var notes []string
	for _, h := range byHand {
		section, path, _ := strings.Cut(h.path, ".")
		if _, v := lookup(cfg, field{project + ":" + section, []string{path}}); v != nil {
			notes = append(notes, project+":"+h.what)
		}
	}
	return promotion{file: out, byHand: notes}, nil
}

// renameTunnels renames each router's tunnels to drTunnels and its drTunnels to tunnels (the keys of
// hybrid.CustomerGateway), in both VPNs: the DR gateway's connections now carry the traffic as the primary's,
// and the old primary's, once the standby is rebuilt there, are the DR ones. The lists stay where they are, so
// a router with only one of them (AWS picked the other's addresses) needs no value it does not have.
func renameTunnels(cfg *yaml.Node, project string, edits *textEdits) {
	for _, part := range []topology.Part{topology.PartInternetVPN, topology.PartPrivateVPN} {
		_, routers := lookup(cfg, field{project + ":hybrid", []string{string(part), "customerGateways"}})
		if routers == nil || routers.Kind != yaml.MappingNode {
			continue
		}
		for i := 1; i < len(routers.Content); i += 2 {
			gw := routers.Content[i]
			if gw.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j < len(gw.Content); j += 2 {
				key := gw.Content[j]
				before := *key
				switch key.Value {
				case "tunnels":
					key.Value = "drTunnels"
				case "drTunnels":
					key.Value = "tunnels"
				default:
					continue
				}
				edits.scalar(&before, key)
			}
		}
	}
}

// other is the counterpart of f in s.
func other(s swap, f field) field {
	if f.String() == s.primary.String() {
		return s.dr
	}
	return s.primary
}

// stillNames appends an error for every scalar under n (at path) that contains region.
func stillNames(path string, n *yaml.Node, region string, errs *[]error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.Contains(n.Value, region) {
			*errs = append(*errs, fmt.Errorf("%s: %q names %s", path, n.Value, region))
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			stillNames(path+"["+strconv.Itoa(i)+"]", c, region, errs)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			stillNames(path+"."+n.Content[i].Value, n.Content[i+1], region, errs)
		}
	}
}

// lookup finds f's key and value nodes under the config mapping; nil when any step is missing.
func lookup(cfg *yaml.Node, f field) (key, value *yaml.Node) {
	key, value = child(cfg, f.key)
	for _, name := range f.path {
		if value == nil || value.Kind != yaml.MappingNode {
			return nil, nil
		}
		key, value = child(value, name)
	}
	return key, value
}

// child is the key and value of name in mapping m.
func child(m *yaml.Node, name string) (key, value *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// runPromote prints stack's promoted file (a preview to diff with the file), or with write replaces the file
// with it. Both the file and the result must load and validate as the offline plan does, so what it writes
// is a stack `make plan` accepts. The by-hand steps go to notes.
func runPromote(dir, stack string, write bool, out, notes io.Writer) error {
	st, err := stackfile.LoadStack(dir, stack)
	if err != nil {
		return err
	}
	if _, err := config.Parse(st.Project, st.Name, config.Source{Get: st.Get, IsSecret: st.IsSecret, Keys: st.Keys()}); err != nil {
		return fmt.Errorf("drfailover: %s does not validate before the promotion: %w", stack, err)
	}
	path, err := stackfile.StackFilePath(dir, stack)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	p, err := promote(filepath.Base(path), st.Project, raw)
	if err != nil {
		return err
	}
	if err := validatePromoted(dir, stack, p.file); err != nil {
		return err
	}
	for _, n := range p.byHand {
		if _, err := fmt.Fprintln(notes, "by hand:", n); err != nil {
			return err
		}
	}
	if !write {
		_, err := out.Write(p.file)
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	if err := os.WriteFile(path, p.file, info.Mode().Perm()); err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	_, err = fmt.Fprintf(out, "wrote %s: the DR region is now the primary; review it with git diff\n", path)
	return err
}

// validatePromoted loads a promoted stack file beside a copy of dir's Pulumi.yaml and validates it as the
// offline plan does (stackfile.LoadStack, config.Parse).
func validatePromoted(dir, stack string, promoted []byte) error {
	tmp, err := os.MkdirTemp("", "drpromote")
	if err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	defer func() { _ = os.RemoveAll(tmp) }() // a leftover temporary copy is harmless
	proj, err := os.ReadFile(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "Pulumi.yaml"), proj, 0o600); err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	path, err := stackfile.StackFilePath(tmp, stack)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	if err := os.WriteFile(path, promoted, 0o600); err != nil {
		return fmt.Errorf("drfailover: %w", err)
	}
	st, err := stackfile.LoadStack(tmp, stack)
	if err != nil {
		return fmt.Errorf("drfailover: the promoted file does not load: %w", err)
	}
	if _, err := config.Parse(st.Project, st.Name, config.Source{Get: st.Get, IsSecret: st.IsSecret, Keys: st.Keys()}); err != nil {
		return fmt.Errorf("drfailover: the promoted file does not validate: %w", err)
	}
	return nil
}

// textEdits are a promotion's edits as replacements on the original file's lines, so that the lines nothing
// changes come back byte for byte. ok turns false when an edit cannot be made as text (a value over several
// lines, a comment not where the tree says): render then writes the re-encoded tree.
type textEdits struct {
	values   []textEdit // within a line
	comments []textEdit // whole comment lines above a key: line is the first, count how many
	broken   bool
}

type textEdit struct {
	line, col, count int // 1-based, as yaml.Node counts
	want, with       string
}

// value replaces the text of old (and its line comment, which moves with it) with repl's.
func (e *textEdits) value(old, repl *yaml.Node) {
	text, okOld := inline(old)
	with, okRepl := inline(repl)
	if !okOld || !okRepl {
		e.broken = true
		return
	}
	if old.LineComment != "" {
		text += " " + old.LineComment // checked against the line, spacing and all, by render
	}
	if repl.LineComment != "" {
		with += " " + repl.LineComment
	}
	e.values = append(e.values, textEdit{line: old.Line, col: old.Column, want: text, with: with})
}

// scalar replaces a scalar's text in place, keeping its line comment where it is: value on copies
// without their line comments.
func (e *textEdits) scalar(old, repl *yaml.Node) {
	o, r := *old, *repl
	o.LineComment, r.LineComment = "", ""
	e.value(&o, &r)
}

// comment replaces the comment lines directly above key with comment, at the key's indentation.
func (e *textEdits) comment(key *yaml.Node, comment string) {
	n := 0
	if key.HeadComment != "" {
		n = strings.Count(key.HeadComment, "\n") + 1
	}
	indent := strings.Repeat(" ", key.Column-1)
	var with []string
	if comment != "" {
		for _, l := range strings.Split(comment, "\n") {
			with = append(with, indent+l)
		}
	}
	e.comments = append(e.comments, textEdit{line: key.Line - n, count: n, want: key.HeadComment, with: strings.Join(with, "\n")})
}

// inline is a node as one line of YAML, without its comments; false when it takes more than one.
func inline(n *yaml.Node) (string, bool) {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	b, err := yaml.Marshal(&c)
	text := strings.TrimSuffix(string(b), "\n")
	return text, err == nil && !strings.Contains(text, "\n")
}

// render writes the edited tree. yaml.v3 would re-emit every flow list written over several lines (the
// activations' hosts) on one, so render applies edits to the original text instead and keeps that only when
// it reads back as the same tree, comments included; otherwise it re-encodes the tree.
func render(doc *yaml.Node, original []byte, edits textEdits) ([]byte, error) {
	if !edits.broken {
		if out, ok := splice(original, edits); ok && sameTree(doc, out) {
			return out, nil
		}
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// splice applies the edits to the original lines; false when a line does not hold what an edit expects.
func splice(original []byte, edits textEdits) ([]byte, bool) {
	lines := strings.Split(string(original), "\n")
	// Within a line, the rightmost edit first, so the columns of the others still hold.
	values := slices.Clone(edits.values)
	slices.SortFunc(values, func(a, b textEdit) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return b.col - a.col
	})
	for _, v := range values {
		if v.line < 1 || v.line > len(lines) || v.col < 1 || v.col > len(lines[v.line-1])+1 {
			return nil, false
		}
		l := lines[v.line-1]
		rest := l[v.col-1:]
		if !strings.HasPrefix(rest, v.want) {
			return nil, false
		}
		lines[v.line-1] = l[:v.col-1] + v.with + rest[len(v.want):]
	}
	// Comment blocks replace whole lines: bottom first, so the line numbers above still hold.
	comments := slices.Clone(edits.comments)
	slices.SortFunc(comments, func(a, b textEdit) int { return b.line - a.line })
	for _, c := range comments {
		if c.line < 1 || c.line-1+c.count > len(lines) {
			return nil, false
		}
		block := lines[c.line-1 : c.line-1+c.count]
		var got []string
		for _, l := range block {
			got = append(got, strings.TrimSpace(l))
		}
		var want []string
		if c.want != "" {
			want = strings.Split(c.want, "\n")
		}
		if !slices.Equal(got, want) {
			return nil, false
		}
		var with []string
		if c.with != "" {
			with = strings.Split(c.with, "\n")
		}
		lines = slices.Concat(lines[:c.line-1], with, lines[c.line-1+c.count:])
	}
	return []byte(strings.Join(lines, "\n")), true
}

// sameTree reports whether text reads back as doc: the same values, keys in the same order, the same comments.
func sameTree(doc *yaml.Node, text []byte) bool {
	var got yaml.Node
	if err := yaml.Unmarshal(text, &got); err != nil {
		return false
	}
	return equalNodes(doc, &got)
}

func equalNodes(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || a.ShortTag() != b.ShortTag() ||
		a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment ||
		len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !equalNodes(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

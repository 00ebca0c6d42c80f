package plan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/encoding"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/insurance/hybridcloud/internal/secret"
)

// SecretPlaceholder is what a `secure:` value of a stack file becomes in an offline run: the ciphertext can
// only be decrypted by the stack's secrets provider, which a plan does not have. path is the value's config
// path as `pulumi config set --path` spells it (`hybridcloud:hybrid.vpn.customerGateways["dc1-edge1"].tunnels[1].presharedKey`),
// so every secure value gets its own placeholder (secret.Placeholder).
func SecretPlaceholder(path string) string { return secret.Placeholder(path) }

// LoadStack reads Pulumi.yaml and Pulumi.<stack>.yaml from dir with the Pulumi SDK's own loaders
// (workspace.LoadProject and LoadProjectStackBytes: schema validation, keys without a namespace get the
// project's, YAML values become config values as the CLI reads them), then applies the project's config the
// way the CLI does before it runs the program: a declared `value` or `default` fills a key the stack does not
// set, a typed key without either must be set ("Stack 'dev' is missing configuration value 'usage'"), a typed
// value must have its type, a key declared `secret: true` must be encrypted. The values the program receives
// are the SDK's decrypted config text (objects and arrays as JSON), with every `secure:` value replaced by its
// SecretPlaceholder.
//
// It is stricter than the CLI in three ways, each of which the CLI would otherwise let through silently: a
// key in the project's namespace that Pulumi.yaml does not declare (a typo, or the flat
// `hybridcloud:network.cidr` form) is an error; a key set twice in one mapping is an error naming both lines
// (the CLI's YAML reader refuses it too, with a line but no key path); a second YAML document in either file
// is an error (the CLI ignores everything after the first).
//
// stack is the stack's name; with a Pulumi Cloud name (org/dev) the part after the last slash names the file.
func LoadStack(dir, stack string) (Stack, error) {
	projPath := filepath.Join(dir, workspace.ProjectFile+".yaml")
	if err := checkYAMLFile(projPath); err != nil {
		return Stack{}, fmt.Errorf("plan: %w", err)
	}
	proj, err := workspace.LoadProject(projPath)
	if err != nil {
		return Stack{}, fmt.Errorf("plan: %w", err)
	}
	name := stackName(stack)
	stackPath := workspace.ProjectStackPath(projPath, proj, tokens.QName(name))
	stackFile := filepath.Base(stackPath)
	// The SDK treats a missing stack file as an empty stack (the CLI creates it); a plan of a stack nobody
	// configured is a mistake, so the file must exist.
	raw, err := os.ReadFile(stackPath)
	if err != nil {
		return Stack{}, fmt.Errorf("plan: %w", err)
	}
	if err := CheckYAML(stackFile, raw); err != nil {
		return Stack{}, fmt.Errorf("plan: %w", err)
	}
	ps, err := workspace.LoadProjectStackBytes(nil, proj, raw, stackPath, encoding.YAML)
	if err != nil {
		return Stack{}, fmt.Errorf("plan: %s: %w", stackFile, err)
	}

	project := proj.Name.String()
	cfg := ps.Config
	var errs []error
	errs = append(errs, undeclaredKeys(stackFile, project, proj, cfg)...)
	errs = append(errs, applyProjectConfig(name, project, proj, cfg)...)
	if err := errors.Join(errs...); err != nil {
		return Stack{}, fmt.Errorf("plan: %w", err)
	}

	paths, err := secureLeaves(cfg)
	if err != nil {
		return Stack{}, fmt.Errorf("plan: %s: %w", stackFile, err)
	}
	plain, err := cfg.Decrypt(placeholderDecrypter{})
	if err != nil {
		return Stack{}, fmt.Errorf("plan: %s: %w", stackFile, err)
	}
	out := Stack{Project: project, Name: name, Config: make(map[string]string, len(plain))}
	for k, v := range plain {
		out.Config[k.String()] = v
	}
	// The engine marks a whole key secret when any part of it is; the program sees these as secret.
	for _, k := range cfg.SecureKeys() {
		out.SecretKeys = append(out.SecretKeys, k.String())
	}
	sort.Strings(out.SecretKeys)
	out.SecretPaths = paths
	return out, nil
}

// StackFilePath is the path of stack's file in dir, as LoadStack and the CLI name it (Pulumi.<stack>.yaml,
// or under the project's stackConfigDir); with a Pulumi Cloud name (org/dev) the part after the last slash
// names the file. The file need not exist.
func StackFilePath(dir, stack string) (string, error) {
	projPath := filepath.Join(dir, workspace.ProjectFile+".yaml")
	proj, err := workspace.LoadProject(projPath)
	if err != nil {
		return "", fmt.Errorf("plan: %w", err)
	}
	return workspace.ProjectStackPath(projPath, proj, tokens.QName(stackName(stack))), nil
}

// stackName is the file's part of a stack name: org/dev names Pulumi.dev.yaml.
func stackName(stack string) string { return stack[strings.LastIndex(stack, "/")+1:] }

// declaredKey reports whether Pulumi.yaml declares key, written with or without the project namespace.
func declaredKey(proj *workspace.Project, project string, key config.Key) bool {
	if _, ok := proj.Config[key.String()]; ok {
		return true
	}
	if key.Namespace() == project {
		_, ok := proj.Config[key.Name()]
		return ok
	}
	return false
}

// undeclaredKeys lists the stack keys in the project's namespace that Pulumi.yaml does not declare. Neither
// the CLI nor the SDK reports them, so without this a misspelt or wrongly cased key would be ignored.
func undeclaredKeys(stackFile, project string, proj *workspace.Project, cfg config.Map) []error {
	var declared []string
	for k := range proj.Config {
		if !strings.Contains(k, ":") {
			k = project + ":" + k
		}
		declared = append(declared, k)
	}
	var errs []error
	for _, k := range sortedKeys(cfg) {
		if k.Namespace() != project || declaredKey(proj, project, k) {
			continue
		}
		hint := "a typo?"
		for _, d := range declared {
			if strings.EqualFold(d, k.String()) {
				hint = "keys are case-sensitive: " + d
			}
		}
		if strings.ContainsAny(k.Name(), ".[") {
			hint = "a --path inside a structured key is not a key of its own; nest it under the section's key"
		}
		errs = append(errs, fmt.Errorf("%s: %s is not declared in Pulumi.yaml (%s)", stackFile, k, hint))
	}
	return errs
}

// applyProjectConfig does what the CLI does with the project's config declarations before it runs the
// program (pkg/workspace ValidateStackConfigAndApplyProjectConfig in pulumi/pulumi, which lives outside the
// SDK), with the same messages, but it returns every problem instead of the first.
func applyProjectConfig(stack, project string, proj *workspace.Project, cfg config.Map) []error {
	names := make([]string, 0, len(proj.Config))
	for k := range proj.Config {
		names = append(names, k)
	}
	sort.Strings(names)
	var errs []error
	var missing []string
	for _, name := range names {
		decl := proj.Config[name]
		key, err := projectKey(project, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("config %s in Pulumi.yaml: %w", name, err))
			continue
		}
		value, set := cfg[key]
		if !set {
			fill := decl.Value
			if decl.Default != nil {
				fill = decl.Default
			}
			if fill == nil {
				if key.Namespace() == project {
					missing = append(missing, name)
				}
				continue
			}
			v, err := configValue(fill)
			if err != nil {
				errs = append(errs, fmt.Errorf("config %s in Pulumi.yaml: %w", name, err))
				continue
			}
			cfg[key] = v
			continue
		}
		if decl.Secret && !value.Secure() {
			errs = append(errs, fmt.Errorf("Stack '%s' with configuration key '%s' must be encrypted as it's secret", stack, name))
			continue
		}
		if !decl.IsExplicitlyTyped() || (value.Secure() && !value.Object()) {
			// A secure scalar's type is known only to whoever can decrypt it: the CLI checks it, a plan cannot.
			continue
		}
		text, err := value.Value(placeholderDecrypter{})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", key, err))
			continue
		}
		var content any = text
		if value.Object() {
			if err := json.Unmarshal([]byte(text), &content); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", key, err))
				continue
			}
		}
		if !workspace.ValidateConfigValue(decl.TypeName(), decl.Items, content) {
			errs = append(errs, fmt.Errorf("Stack '%s' with configuration key '%s' must be of type '%s'",
				stack, name, workspace.InferFullTypeName(decl.TypeName(), decl.Items)))
		}
	}
	if len(missing) > 0 {
		errs = append(errs, missingValues(stack, missing))
	}
	return errs
}

// missingValues is the CLI's error for typed keys without a default that the stack does not set.
func missingValues(stack string, keys []string) error {
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = "'" + k + "'"
	}
	if len(quoted) == 1 {
		return fmt.Errorf("Stack '%s' is missing configuration value %s", stack, quoted[0])
	}
	list := strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
	if len(quoted) == 2 {
		list = quoted[0] + " and " + quoted[1]
	}
	return fmt.Errorf("Stack '%s' is missing configuration values %s", stack, list)
}

// projectKey qualifies a Pulumi.yaml config key: without a namespace it is the project's.
func projectKey(project, name string) (config.Key, error) {
	if strings.Contains(name, ":") {
		return config.ParseKey(name)
	}
	return config.MustMakeKey(project, name), nil
}

// configValue turns a declared value or default into a config value as the CLI does: scalars as text,
// everything else as a JSON object value.
func configValue(v any) (config.Value, error) {
	switch v.(type) {
	case string, int, bool:
		return config.NewValue(fmt.Sprint(v)), nil
	}
	simple, err := workspace.SimplifyMarshalledValue(v)
	if err != nil {
		return config.Value{}, err
	}
	b, err := json.Marshal(simple)
	if err != nil {
		return config.Value{}, err
	}
	return config.NewObjectValue(string(b)), nil
}

// secureLeaves rewrites the ciphertext of every secure value in cfg to its own config path, so
// placeholderDecrypter can give each path its own placeholder, and returns those paths, sorted.
func secureLeaves(cfg config.Map) ([]string, error) {
	var paths []string
	for _, k := range sortedKeys(cfg) {
		v := cfg[k]
		if !v.Secure() {
			continue
		}
		if !v.Object() {
			cfg[k] = config.NewSecureValue(k.String())
			paths = append(paths, k.String())
			continue
		}
		obj, err := v.ToObject()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		var leaves []resource.PropertyPath
		collectSecure(obj, resource.PropertyPath{k.Name()}, &leaves)
		for _, p := range leaves {
			key := config.MustMakeKey(k.Namespace(), p.String())
			if err := cfg.Set(key, config.NewSecureValue(key.String()), true); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			paths = append(paths, key.String())
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// collectSecure appends the path of every `{secure: …}` leaf of a config object (as Value.ToObject returns it).
func collectSecure(v any, path resource.PropertyPath, out *[]resource.PropertyPath) {
	switch v := v.(type) {
	case map[string]any:
		if ct, ok := v["secure"].(string); ok && len(v) == 1 && ct != "" {
			*out = append(*out, append(resource.PropertyPath(nil), path...))
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			collectSecure(v[k], append(path, k), out)
		}
	case []any:
		for i, e := range v {
			collectSecure(e, append(path, i), out)
		}
	}
}

// placeholderDecrypter stands in for the stack's secrets provider: after secureLeaves, each ciphertext is
// the value's own config path, which it turns into that path's placeholder.
type placeholderDecrypter struct{}

func (placeholderDecrypter) DecryptValue(_ context.Context, ciphertext string) (string, error) {
	return SecretPlaceholder(ciphertext), nil
}

func (d placeholderDecrypter) BatchDecrypt(ctx context.Context, ciphertexts []string) ([]string, error) {
	return config.DefaultBatchDecrypt(ctx, d, ciphertexts)
}

func sortedKeys(cfg config.Map) []config.Key {
	keys := make([]config.Key, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sort.Sort(config.KeyArray(keys))
	return keys
}

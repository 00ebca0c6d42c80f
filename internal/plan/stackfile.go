package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// SecretPlaceholder is what a `secure:` value of a stack file becomes in an offline run: the ciphertext can
// only be decrypted by the stack's secrets provider, which a plan does not have. It is marked as a
// placeholder, distinct per key, and made of letters, digits and underscores within 35 characters, so it
// passes the format checks config applies to real secrets (a VPN pre-shared key, a BGP key).
func SecretPlaceholder(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "PLACEHOLDER_SECRET_" + hex.EncodeToString(sum[:8])
}

type projectFile struct {
	Name   string               `yaml:"name"`
	Config map[string]yaml.Node `yaml:"config"`
}

type stackFile struct {
	Config map[string]yaml.Node `yaml:"config"`
}

// LoadStack reads Pulumi.yaml and Pulumi.<stack>.yaml from dir the way the CLI does: project keys without a
// namespace get the project's, declared defaults apply where the stack sets nothing, and `secure:` values
// become placeholders listed in SecretKeys. A stack key the project does not declare is an error, so a
// misspelt top-level key fails here instead of being ignored.
func LoadStack(dir, stack string) (Stack, error) {
	var proj projectFile
	if err := readYAML(filepath.Join(dir, "Pulumi.yaml"), &proj); err != nil {
		return Stack{}, err
	}
	if proj.Name == "" {
		return Stack{}, errors.New("plan: Pulumi.yaml has no name")
	}
	var st stackFile
	stackPath := filepath.Join(dir, "Pulumi."+stack+".yaml")
	if err := readYAML(stackPath, &st); err != nil {
		return Stack{}, err
	}

	out := Stack{Project: proj.Name, Name: stack, Config: map[string]string{}}
	declared := map[string]bool{}
	for rawKey, node := range proj.Config {
		key := qualify(proj.Name, rawKey)
		declared[key] = true
		var decl struct {
			Type    string    `yaml:"type"`
			Default yaml.Node `yaml:"default"`
			Value   yaml.Node `yaml:"value"`
		}
		if node.Kind == yaml.MappingNode {
			if err := node.Decode(&decl); err != nil {
				return Stack{}, fmt.Errorf("plan: Pulumi.yaml config %s: %w", rawKey, err)
			}
		}
		switch {
		case node.Kind != yaml.MappingNode:
			decl.Value = node
		case decl.Type == "" && decl.Value.Kind == 0:
			return Stack{}, fmt.Errorf("plan: Pulumi.yaml config %s: needs a type or a value", rawKey)
		}
		for _, v := range []yaml.Node{decl.Value, decl.Default} {
			if v.Kind == 0 {
				continue
			}
			var hasSecret bool
			s, err := configString(&v, key, &hasSecret)
			if err != nil {
				return Stack{}, fmt.Errorf("plan: Pulumi.yaml config %s: %w", rawKey, err)
			}
			out.Config[key] = s
			break
		}
	}

	var errs []error
	keys := make([]string, 0, len(st.Config))
	for k := range st.Config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, rawKey := range keys {
		node := st.Config[rawKey]
		key := qualify(proj.Name, rawKey)
		if strings.HasPrefix(key, proj.Name+":") && !declared[key] {
			errs = append(errs, fmt.Errorf("%s: %s is not declared in Pulumi.yaml (a typo?)", filepath.Base(stackPath), key))
			continue
		}
		if secureValue(&node) {
			out.Config[key] = SecretPlaceholder(key)
			out.SecretKeys = append(out.SecretKeys, key)
			continue
		}
		var hasSecret bool
		s, err := configString(&node, key, &hasSecret)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", filepath.Base(stackPath), key, err))
			continue
		}
		out.Config[key] = s
		if hasSecret {
			// The engine treats a whole key as secret when any part of it is.
			out.SecretKeys = append(out.SecretKeys, key)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Stack{}, fmt.Errorf("plan: %w", err)
	}
	return out, nil
}

func readYAML(path string, into any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	if err := yaml.Unmarshal(b, into); err != nil {
		return fmt.Errorf("plan: %s: %w", filepath.Base(path), err)
	}
	return nil
}

func qualify(project, key string) string {
	if strings.Contains(key, ":") {
		return key
	}
	return project + ":" + key
}

// secureValue reports whether a node is `{secure: <ciphertext>}`.
func secureValue(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "secure"
}

// configString renders a config value as the engine passes it to the program: scalars as their text,
// objects and arrays as JSON. A secure value nested inside an object is replaced by a placeholder named by
// its path, and hasSecret is set.
func configString(n *yaml.Node, path string, hasSecret *bool) (string, error) {
	if n.Kind == yaml.ScalarNode {
		return n.Value, nil
	}
	v, err := plainValue(n, path, hasSecret)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func plainValue(n *yaml.Node, path string, hasSecret *bool) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		return plainValue(n.Content[0], path, hasSecret)
	case yaml.AliasNode:
		return plainValue(n.Alias, path, hasSecret)
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return v, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			v, err := plainValue(c, fmt.Sprintf("%s[%d]", path, i), hasSecret)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		if secureValue(n) {
			*hasSecret = true
			return SecretPlaceholder(path), nil
		}
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := plainValue(n.Content[i+1], path+"."+n.Content[i].Value, hasSecret)
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	default:
		return nil, fmt.Errorf("unsupported YAML node at line %d", n.Line)
	}
}

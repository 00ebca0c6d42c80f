package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"
)

// checkYAMLFile is CheckYAML on a file.
func checkYAMLFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return CheckYAML(filepath.Base(path), b)
}

// CheckYAML refuses what the CLI would read differently from what the file seems to say: a second YAML
// document (the CLI reads the first and ignores the rest) and a key set twice in one mapping, named by its
// path and both lines, at any depth. file names the file in the messages. LoadStack runs it on both files;
// a tool that edits a stack file's YAML runs it before trusting the tree it decodes.
func CheckYAML(file string, b []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file is an empty stack
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return fmt.Errorf("%s: %w", file, err)
	default:
		return fmt.Errorf("%s:%d: a second YAML document; Pulumi reads only the first, so remove the `---` and merge it", file, next.Line)
	}
	var errs []error
	duplicateKeys(file, &doc, "", &errs)
	return errors.Join(errs...)
}

func duplicateKeys(file string, n *yaml.Node, path string, errs *[]error) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			duplicateKeys(file, c, path, errs)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			duplicateKeys(file, c, path+"["+strconv.Itoa(i)+"]", errs)
		}
	case yaml.MappingNode:
		first := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			// Paths read as `pulumi config set --path` spells them: the stack's keys under `config` start them.
			child := k.Value
			if path != "" && path != "config" {
				child = path + "." + k.Value
			}
			if line, seen := first[k.Value]; seen {
				*errs = append(*errs, fmt.Errorf("%s:%d: %s is set twice (first at line %d); YAML keeps only one of them", file, k.Line, child, line))
				continue
			}
			first[k.Value] = k.Line
			duplicateKeys(file, n.Content[i+1], child, errs)
		}
	}
}

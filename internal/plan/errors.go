package plan

import (
	"errors"
	"strings"
)

// FormatError renders an error for a terminal as a plain list: a joined error (errors.Join, or one wrapped
// with a header such as "config: invalid stack configuration:") prints its header once and then one problem
// per line, each with a "  - " marker, instead of the multierror form "1 error occurred: * …".
func FormatError(err error) string {
	if err == nil {
		return ""
	}
	header, problems := split(programError(err))
	if len(problems) < 2 {
		return err.Error()
	}
	var b strings.Builder
	if header != "" {
		b.WriteString(header + "\n")
	}
	for _, p := range problems {
		b.WriteString("  - " + strings.ReplaceAll(p, "\n", "\n    ") + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// split finds the first joined error in err's chain and returns the text before it and its parts, flattened.
func split(err error) (string, []string) {
	for e := err; e != nil; e = errors.Unwrap(e) {
		joined, ok := e.(interface{ Unwrap() []error })
		if !ok {
			continue
		}
		header := strings.TrimSpace(strings.TrimSuffix(err.Error(), e.Error()))
		var problems []string
		for _, part := range joined.Unwrap() {
			if _, sub := split(part); len(sub) > 1 {
				problems = append(problems, sub...)
				continue
			}
			problems = append(problems, part.Error())
		}
		return header, problems
	}
	return "", nil
}

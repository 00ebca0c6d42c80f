package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/insurance/hybridcloud/internal/report/diagram"
)

func runDiagram(argv []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("report diagram", flag.ContinueOnError)
	flags.SetOutput(stderr)
	sf := addStackFlags(flags)
	format := flags.String("format", "mermaid", "mermaid or dot, printed on stdout when -out is not set")
	out := flags.String("out", "", "folder to write <stack>.mmd and <stack>.dot into, instead of stdout")
	readme := flags.String("readme", "", "Markdown file whose <!-- diagram:<stack>:begin/end --> block gets the Mermaid diagram")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	if *format != "mermaid" && *format != "dot" {
		return fmt.Errorf("report diagram: -format %q: want mermaid or dot", *format)
	}
	sp, err := sf.load()
	if err != nil {
		return err
	}
	g := diagram.Build(sp.config.Stack, sp.result, diagram.Site(sp.config.OnPremises), diagram.Regions{Primary: sp.config.Region, DR: sp.config.DR.Region})
	mermaid, dot := g.Mermaid(), g.DOT()

	// What was written goes to stderr, one line per file, so stdout stays the diagram alone.
	if *readme != "" {
		doc, err := os.ReadFile(*readme)
		if err != nil {
			return fmt.Errorf("report diagram: %w", err)
		}
		updated, err := diagram.Embed(string(doc), *sf.stack, mermaid)
		if err != nil {
			return fmt.Errorf("report diagram: %s: %w", *readme, err)
		}
		if err := writeReported(stderr, *readme, updated, "the diagram:"+*sf.stack+" block of "); err != nil {
			return err
		}
	}
	if *out == "" {
		text := mermaid
		if *format == "dot" {
			text = dot
		}
		_, err := io.WriteString(stdout, text)
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("report diagram: %w", err)
	}
	for _, f := range []struct{ ext, text string }{{".mmd", mermaid}, {".dot", dot}} {
		if err := writeReported(stderr, filepath.Join(*out, *sf.stack+f.ext), f.text, ""); err != nil {
			return err
		}
	}
	return nil
}

// writeReported writes text to path unless the file already holds it, and says which it did on w:
// "wrote <what><path>" or "unchanged <what><path>".
func writeReported(w io.Writer, path, text, what string) error {
	verb := "wrote"
	if old, err := os.ReadFile(path); err == nil && string(old) == text {
		verb = "unchanged"
	} else if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("report diagram: %w", err)
	}
	_, err := fmt.Fprintf(w, "%s %s%s\n", verb, what, path)
	return err
}

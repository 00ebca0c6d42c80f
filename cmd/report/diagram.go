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
	g := diagram.Build(sp.config.Stack, sp.result, diagram.Site(sp.config.OnPremises))
	mermaid, dot := g.Mermaid(), g.DOT()

	if *readme != "" {
		doc, err := os.ReadFile(*readme)
		if err != nil {
			return fmt.Errorf("report diagram: %w", err)
		}
		updated, err := diagram.Embed(string(doc), *sf.stack, mermaid)
		if err != nil {
			return fmt.Errorf("report diagram: %s: %w", *readme, err)
		}
		if err := os.WriteFile(*readme, []byte(updated), 0o644); err != nil {
			return fmt.Errorf("report diagram: %w", err)
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
	for name, text := range map[string]string{*sf.stack + ".mmd": mermaid, *sf.stack + ".dot": dot} {
		if err := os.WriteFile(filepath.Join(*out, name), []byte(text), 0o644); err != nil {
			return fmt.Errorf("report diagram: %w", err)
		}
	}
	return nil
}

package diagram

import (
	"fmt"
	"strings"
)

// Markers around a stack's generated diagram in a Markdown document (the README).
func markers(stack string) (begin, end string) {
	return fmt.Sprintf("<!-- diagram:%s:begin -->", stack), fmt.Sprintf("<!-- diagram:%s:end -->", stack)
}

// MarkdownBlock is how a Mermaid diagram sits between the markers.
func MarkdownBlock(mermaid string) string { return "\n```mermaid\n" + mermaid + "```\n" }

// Embedded returns what a Markdown document holds between the stack's diagram markers.
func Embedded(doc, stack string) (string, error) {
	begin, end := markers(stack)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("diagram: no %s ... %s block in the document", begin, end)
	}
	return doc[i+len(begin) : j], nil
}

// Embed returns the document with the block between the stack's diagram markers replaced by mermaid.
func Embed(doc, stack, mermaid string) (string, error) {
	old, err := Embedded(doc, stack)
	if err != nil {
		return "", err
	}
	begin, _ := markers(stack)
	at := strings.Index(doc, begin) + len(begin)
	return doc[:at] + MarkdownBlock(mermaid) + doc[at+len(old):], nil
}

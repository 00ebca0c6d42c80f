package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// show prints a value for a message, hiding secrets.
func show(v property.Value) string {
	switch {
	case v.Secret():
		return "[secret]"
	case v.IsComputed():
		return "[unknown]"
	case v.IsNull():
		return "unset"
	case v.IsString():
		return fmt.Sprintf("%q", v.AsString())
	case v.IsBool():
		return fmt.Sprint(v.AsBool())
	case v.IsNumber():
		return fmt.Sprint(v.AsNumber())
	case v.IsArray():
		parts := make([]string, 0, v.AsArray().Len())
		for _, e := range v.AsArray().AsSlice() {
			parts = append(parts, show(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return v.GoString()
}

// truth reads a boolean input that pulumi-aws v6 may type as a string ("true"). Null reads as false.
func truth(v property.Value) (val, known bool) {
	switch {
	case v.IsComputed():
		return false, false
	case v.IsBool():
		return v.AsBool(), true
	case v.IsString():
		return strings.EqualFold(v.AsString(), "true"), true
	}
	return false, true
}

// text reads a string input; null reads as "".
func text(v property.Value) (val string, known bool) {
	switch {
	case v.IsComputed():
		return "", false
	case v.IsString():
		return v.AsString(), true
	}
	return "", true
}

// number reads a numeric input; null reads as dflt.
func number(v property.Value, dflt float64) (val float64, known bool) {
	switch {
	case v.IsComputed():
		return 0, false
	case v.IsNumber():
		return v.AsNumber(), true
	}
	return dflt, true
}

// verdict answers a yes/no question about inputs that may be unknown. The answers are ordered: over several
// resources, one yes beats unknowns, and one unknown beats noes.
type verdict int

// The answers.
const (
	no verdict = iota
	pending
	yes
)

// items returns an array input's elements; null is an empty list.
func items(v property.Value) (vals []property.Value, known bool) {
	switch {
	case v.IsComputed():
		return nil, false
	case v.IsArray():
		return v.AsArray().AsSlice(), true
	}
	return nil, true
}

// texts returns a list of strings; known is false when the list or any element is unknown.
func texts(v property.Value) (vals []string, known bool) {
	list, known := items(v)
	for _, e := range list {
		s, ok := text(e)
		if !ok {
			known = false
			continue
		}
		vals = append(vals, s)
	}
	return vals, known
}

// requireTrue fails r unless the boolean at path is true; unset counts as false.
func requireTrue(r Resource, f *Findings, path ...any) {
	v := r.Get(path...)
	val, known := truth(v)
	switch {
	case !known:
		f.Unknown(r, pathString(path))
	case !val:
		f.Fail(r, "%s is %s; want true", pathString(path), show(v))
	}
}

// forbidTrue fails r when the boolean at path is true; unset counts as false.
func forbidTrue(r Resource, f *Findings, path ...any) {
	v := r.Get(path...)
	val, known := truth(v)
	switch {
	case !known:
		f.Unknown(r, pathString(path))
	case val:
		f.Fail(r, "%s is %s; want false", pathString(path), show(v))
	}
}

// requireSet fails r unless the input at path is set to a non-empty value. An unknown value is a value: it
// will be set, only its content is unknown.
func requireSet(r Resource, f *Findings, path ...any) {
	if v := r.Get(path...); v.IsNull() || v.IsString() && v.AsString() == "" {
		f.Fail(r, "%s is unset; want it set", pathString(path))
	}
}

// requireOneOf fails r unless the string at path is one of allowed; unset reads as dflt.
func requireOneOf(r Resource, f *Findings, allowed []string, dflt string, path ...any) {
	v := r.Get(path...)
	s, known := text(v)
	if v.IsNull() {
		s = dflt
	}
	switch {
	case !known:
		f.Unknown(r, pathString(path))
	case !slices.Contains(allowed, s):
		f.Fail(r, "%s is %s; want %s", pathString(path), show(v), quoted(allowed))
	}
}

// quoted lists strings as `"a" or "b"` for messages.
func quoted(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(parts, " or ")
}

func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch s := p.(type) {
		case string:
			if i > 0 {
				b.WriteString(".")
			}
			b.WriteString(s)
		case int:
			fmt.Fprintf(&b, "[%d]", s)
		}
	}
	return b.String()
}

// showList prints a list of strings for a message.
func showList(ss []string) string {
	if len(ss) == 0 {
		return "nothing"
	}
	return strings.Join(ss, ", ")
}

// compactStrings drops repeated strings, keeping the first of each.
func compactStrings(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// showBool prints an optional boolean of a JSON document for a message.
func showBool(b *bool) string {
	if b == nil {
		return "unset"
	}
	return fmt.Sprint(*b)
}

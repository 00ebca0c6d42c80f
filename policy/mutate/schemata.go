package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"strconv"
	"strings"
)

// Mutant is one deliberate bug: a single change to one rule file.
type Mutant struct {
	// ID switches the mutant on in the schemata (HYBRIDCLOUD_MUTANT=<ID>).
	ID int
	// File and Line place it; Decl is the top-level declaration it is in.
	File string
	Line int
	Decl string
	// Operator names the kind of change; Original and Mutated show it.
	Operator, Original, Mutated string
	// Key identifies the mutant across edits that move lines: file, declaration, operator, original text and
	// the occurrence of that combination. equivalent.txt lists mutants by it.
	Key string
}

// The mutation operators.
const (
	opNegate      = "negate-condition"
	opBoundary    = "boundary"
	opRelational  = "relational-negation"
	opLogical     = "swap-logical"
	opDropLeft    = "drop-left-clause"
	opDropRight   = "drop-right-clause"
	opDropNot     = "drop-not"
	opDropStmt    = "drop-statement"
	opFlipBool    = "flip-bool"
	opBlankString = "blank-string"
)

// boundaries and negations of the relational operators.
var (
	boundary = map[token.Token]token.Token{token.LSS: token.LEQ, token.LEQ: token.LSS, token.GTR: token.GEQ, token.GEQ: token.GTR}
	negation = map[token.Token]token.Token{token.EQL: token.NEQ, token.NEQ: token.EQL, token.LSS: token.GEQ, token.GEQ: token.LSS,
		token.GTR: token.LEQ, token.LEQ: token.GTR}
)

// documentationFields are Rule fields whose strings are documentation, checked by the docs test in
// policy/offline rather than by the rule tests: they are not mutated.
var documentationFields = map[string]bool{"Controls": true, "Exceptions": true}

// instrumenter rewrites one file into mutant schemata: every mutation site becomes a switch on the mutant id.
type instrumenter struct {
	fset    *token.FileSet
	file    string
	src     []byte
	next    *int
	mutants []Mutant
	seen    map[string]int
	decl    string
	// results says whether the function being rewritten has results (a bare return may then not be dropped).
	results []bool
}

// instrument parses src (file name for messages) and returns the schemata source and its mutants, numbered
// from *next.
func instrument(file string, src []byte, next *int) ([]byte, []Mutant, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0) // comments dropped: the schemata need none
	if err != nil {
		return nil, nil, err
	}
	in := &instrumenter{fset: fset, file: file, src: src, next: next, seen: map[string]int{}}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			in.decl = d.Name.Name
			if d.Body != nil {
				in.results = append(in.results, d.Type.Results != nil && len(d.Type.Results.List) > 0)
				in.block(d.Body)
				in.results = in.results[:len(in.results)-1]
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue // constants must stay constant expressions; types and imports have nothing to mutate
			}
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				in.decl = vs.Names[0].Name
				for i, v := range vs.Values {
					vs.Values[i] = in.expr(v, false)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, f); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), in.mutants, nil
}

// text is the source of a node, on one line.
func (in *instrumenter) text(n ast.Node) string {
	start, end := in.fset.Position(n.Pos()).Offset, in.fset.Position(n.End()).Offset
	if n.Pos().IsValid() && n.End().IsValid() && start >= 0 && end <= len(in.src) && start < end {
		return strings.Join(strings.Fields(string(in.src[start:end])), " ")
	}
	var b bytes.Buffer
	_ = printer.Fprint(&b, token.NewFileSet(), n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// add records a mutant at node n and returns its id.
func (in *instrumenter) add(n ast.Node, op, original, mutated string) int {
	*in.next++
	id := *in.next
	base := fmt.Sprintf("%s|%s|%s|%s", in.file, in.decl, op, original)
	in.seen[base]++
	in.mutants = append(in.mutants, Mutant{ID: id, File: in.file, Line: in.fset.Position(n.Pos()).Line, Decl: in.decl,
		Operator: op, Original: original, Mutated: mutated, Key: fmt.Sprintf("%s|%d", base, in.seen[base])})
	return id
}

func call(name string, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: ast.NewIdent(name), Args: args}
}

func intLit(n int) *ast.BasicLit { return &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(n)} }

// thunk wraps a boolean expression in func() bool { return e }.
func thunk(e ast.Expr) *ast.FuncLit {
	return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{e}}}}}
}

// choose returns an expression that is alt when mutant id is on and orig otherwise (both boolean).
func choose(id int, orig, alt ast.Expr) ast.Expr {
	return call("mutB", intLit(id), thunk(orig), thunk(alt))
}

// cond rewrites a condition (of an if, a for or a tagless switch case): its parts, then its negation.
func (in *instrumenter) cond(e ast.Expr) ast.Expr {
	original := in.text(e)
	inner := in.expr(e, true)
	id := in.add(e, opNegate, original, "!("+original+")")
	return choose(id, inner, &ast.UnaryExpr{Op: token.NOT, X: &ast.ParenExpr{X: inner}})
}

// expr rewrites an expression; boolean says it is known to be boolean (so a bare true/false may be flipped).
func (in *instrumenter) expr(e ast.Expr, boolean bool) ast.Expr {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		original := in.text(x)
		logical := x.Op == token.LAND || x.Op == token.LOR
		left, right := in.expr(x.X, logical), in.expr(x.Y, logical)
		var out ast.Expr = &ast.BinaryExpr{X: left, Op: x.Op, Y: right}
		switch x.Op {
		case token.LAND, token.LOR:
			other := token.LOR
			if x.Op == token.LOR {
				other = token.LAND
			}
			out = choose(in.add(x, opLogical, original, in.text(x.X)+" "+other.String()+" "+in.text(x.Y)), out, &ast.BinaryExpr{X: left, Op: other, Y: right})
			out = choose(in.add(x, opDropLeft, original, in.text(x.Y)), out, right)
			out = choose(in.add(x, opDropRight, original, in.text(x.X)), out, left)
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			if b, ok := boundary[x.Op]; ok {
				out = choose(in.add(x, opBoundary, original, in.text(x.X)+" "+b.String()+" "+in.text(x.Y)), out, &ast.BinaryExpr{X: left, Op: b, Y: right})
			}
			n := negation[x.Op]
			out = choose(in.add(x, opRelational, original, in.text(x.X)+" "+n.String()+" "+in.text(x.Y)), out, &ast.BinaryExpr{X: left, Op: n, Y: right})
		}
		return out
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			original := in.text(x)
			operand := in.expr(x.X, true)
			return choose(in.add(x, opDropNot, original, in.text(x.X)), &ast.UnaryExpr{Op: token.NOT, X: operand}, operand)
		}
		x.X = in.expr(x.X, false)
		return x
	case *ast.ParenExpr:
		x.X = in.expr(x.X, boolean)
		return x
	case *ast.CallExpr:
		x.Fun = in.expr(x.Fun, false)
		for i, a := range x.Args {
			x.Args[i] = in.expr(a, false)
		}
		return x
	case *ast.FuncLit:
		in.results = append(in.results, x.Type.Results != nil && len(x.Type.Results.List) > 0)
		in.block(x.Body)
		in.results = in.results[:len(in.results)-1]
		return x
	case *ast.CompositeLit:
		in.composite(x)
		return x
	case *ast.KeyValueExpr:
		x.Value = in.expr(x.Value, false)
		return x
	case *ast.SelectorExpr:
		x.X = in.expr(x.X, false)
		return x
	case *ast.IndexExpr:
		x.X, x.Index = in.expr(x.X, false), in.expr(x.Index, false)
		return x
	case *ast.SliceExpr:
		x.X = in.expr(x.X, false)
		return x
	case *ast.StarExpr:
		x.X = in.expr(x.X, false)
		return x
	case *ast.TypeAssertExpr:
		x.X = in.expr(x.X, false)
		return x
	case *ast.Ident:
		if boolean && (x.Name == "true" || x.Name == "false") {
			return call("mutL", intLit(in.add(x, opFlipBool, x.Name, map[string]string{"true": "false", "false": "true"}[x.Name])), x)
		}
	}
	return e
}

// composite rewrites a composite literal: its elements, blanking the strings of string lists and sets and
// flipping the booleans of boolean sets.
func (in *instrumenter) composite(x *ast.CompositeLit) {
	strs := isStringList(x.Type)
	for i, el := range x.Elts {
		switch el := el.(type) {
		case *ast.KeyValueExpr:
			if k, ok := el.Key.(*ast.Ident); ok && documentationFields[k.Name] {
				continue
			}
			if lit, ok := el.Key.(*ast.BasicLit); ok && lit.Kind == token.STRING && isStringKeyed(x.Type) {
				el.Key = call("mutS", intLit(in.add(lit, opBlankString, lit.Value, `""`)), lit)
			}
			if v, ok := el.Value.(*ast.Ident); ok && (v.Name == "true" || v.Name == "false") {
				el.Value = in.expr(v, true)
				continue
			}
			el.Value = in.expr(el.Value, false)
		case *ast.BasicLit:
			if strs && el.Kind == token.STRING {
				x.Elts[i] = call("mutS", intLit(in.add(el, opBlankString, el.Value, `""`)), el)
			}
		default:
			x.Elts[i] = in.expr(el, true) // a positional true/false is a boolean field
		}
	}
}

// isStringList says whether a composite literal's type is []string.
func isStringList(t ast.Expr) bool {
	a, ok := t.(*ast.ArrayType)
	if !ok {
		return false
	}
	id, ok := a.Elt.(*ast.Ident)
	return ok && id.Name == "string"
}

// isStringKeyed says whether a composite literal's type is map[string]T.
func isStringKeyed(t ast.Expr) bool {
	m, ok := t.(*ast.MapType)
	if !ok {
		return false
	}
	id, ok := m.Key.(*ast.Ident)
	return ok && id.Name == "string"
}

// block rewrites the statements of a block, dropping those that may be dropped.
func (in *instrumenter) block(b *ast.BlockStmt) {
	for i, s := range b.List {
		b.List[i] = in.stmt(s)
	}
}

// droppable says whether a statement can be removed without changing what compiles: a call, a plain
// assignment, continue/break, or a return without results in a function without results.
func (in *instrumenter) droppable(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		_, isCall := s.X.(*ast.CallExpr)
		return isCall
	case *ast.AssignStmt:
		return s.Tok != token.DEFINE
	case *ast.BranchStmt:
		return s.Tok == token.CONTINUE || s.Tok == token.BREAK
	case *ast.ReturnStmt:
		return len(s.Results) == 0 && !in.results[len(in.results)-1]
	}
	return false
}

func (in *instrumenter) stmt(s ast.Stmt) ast.Stmt {
	original := in.text(s)
	drop := in.droppable(s)
	switch s := s.(type) {
	case *ast.ExprStmt:
		s.X = in.expr(s.X, false)
	case *ast.AssignStmt:
		for i, r := range s.Rhs {
			s.Rhs[i] = in.expr(r, false)
		}
	case *ast.ReturnStmt:
		for i, r := range s.Results {
			s.Results[i] = in.expr(r, true)
		}
	case *ast.IfStmt:
		if s.Init != nil {
			s.Init = in.stmt(s.Init)
		}
		s.Cond = in.cond(s.Cond)
		in.block(s.Body)
		if s.Else != nil {
			s.Else = in.stmt(s.Else)
		}
	case *ast.ForStmt:
		if s.Cond != nil {
			s.Cond = in.cond(s.Cond)
		}
		in.block(s.Body)
	case *ast.RangeStmt:
		s.X = in.expr(s.X, false)
		in.block(s.Body)
	case *ast.BlockStmt:
		in.block(s)
	case *ast.SwitchStmt:
		if s.Init != nil {
			s.Init = in.stmt(s.Init)
		}
		if s.Tag != nil {
			s.Tag = in.expr(s.Tag, false)
		}
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			for i, e := range cc.List {
				if s.Tag == nil {
					cc.List[i] = in.cond(e)
				}
			}
			for i, st := range cc.Body {
				cc.Body[i] = in.stmt(st)
			}
		}
	case *ast.TypeSwitchStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			for i, st := range cc.Body {
				cc.Body[i] = in.stmt(st)
			}
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					vs.Values[i] = in.expr(v, false)
				}
			}
		}
	case *ast.DeferStmt:
		s.Call = in.expr(s.Call, false).(*ast.CallExpr)
	}
	if !drop {
		return s
	}
	id := in.add(s, opDropStmt, original, "(removed)")
	return &ast.IfStmt{Cond: &ast.UnaryExpr{Op: token.NOT, X: call("mutOn", intLit(id))}, Body: &ast.BlockStmt{List: []ast.Stmt{s}}}
}

// switchFile is added to the package: the mutant switch the schemata call.
const switchFile = `package rules

import (
	"os"
	"strconv"
)

var mutantID = func() int { n, _ := strconv.Atoi(os.Getenv("HYBRIDCLOUD_MUTANT")); return n }()

func mutOn(id int) bool { return mutantID == id }

func mutB(id int, orig, alt func() bool) bool {
	if mutantID == id {
		return alt()
	}
	return orig()
}

func mutL(id int, b bool) bool { return b != (mutantID == id) }

func mutS(id int, s string) string {
	if mutantID == id {
		return "\x00mutant"
	}
	return s
}
`

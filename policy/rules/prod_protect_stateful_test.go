package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProdProtectStateful(t *testing.T) {
	cases := []struct {
		name    string
		typ     string
		env     Environment
		protect bool
		want    string
	}{
		{"a protected prod database passes", rdsInstance, Prod, true, ""},
		{"an unprotected prod database fails", rdsInstance, Prod, false, `Instance "res": protect is false`},
		{"an unprotected prod vault fails", "aws:backup/vault:Vault", Prod, false, `Vault "res": protect is false`},
		{"an unprotected dev bucket passes", s3Bucket, Dev, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := fixture(tc.typ, "res", tc.env, map[string]any{})
			r.Protect = tc.protect
			var f Findings
			if ProdProtectStateful.applies(tc.typ, tc.env) {
				ProdProtectStateful.Resource(r, &f)
			}
			if tc.want == "" {
				assert.Empty(t, f.All())
				return
			}
			if assert.Len(t, f.All(), 1) {
				assert.Contains(t, f.All()[0].Message, tc.want)
			}
		})
	}
}

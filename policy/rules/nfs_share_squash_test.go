package rules

import "testing"

func TestNfsSquash(t *testing.T) {
	checkRule(t, NfsSquash, nfsFileShare, okNfsShare, []mutation{
		{name: "RootSquash passes"},
		{name: "AllSquash passes", set: map[string]any{"squash": "AllSquash"}},
		{name: "NoSquash fails", set: map[string]any{"squash": "NoSquash"}, wantFail: `squash is "NoSquash"`},
	})
}

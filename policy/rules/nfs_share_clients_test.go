package rules

import "testing"

func TestNfsClients(t *testing.T) {
	checkRule(t, NfsClients, nfsFileShare, okNfsShare, []mutation{
		{name: "on-premises clients pass"},
		{name: "the world fails", set: map[string]any{"clientLists": []any{"10.100.0.0/16", "0.0.0.0/0"}}, wantFail: `clientLists contains "0.0.0.0/0"`},
	})
}

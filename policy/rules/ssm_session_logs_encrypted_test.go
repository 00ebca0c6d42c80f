package rules

import "testing"

func TestSsmSessionLogsEncrypted(t *testing.T) {
	prefs := func(inputs string) string {
		return `{"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{` + inputs + `}}`
	}
	ok := map[string]any{"documentType": "Session", "content": prefs(`"cloudWatchLogGroupName":"prod-sessions","cloudWatchEncryptionEnabled":true,"idleSessionTimeout":"20"`)}
	checkRule(t, SsmSessionLogsEncrypted, "aws:ssm/document:Document", ok, []mutation{
		{name: "encrypted CloudWatch logging passes"},
		{name: "a command document is out of scope", set: map[string]any{"documentType": "Command", "content": "{}"}},
		{name: "no log group fails", set: map[string]any{"content": prefs(`"cloudWatchEncryptionEnabled":true`)}, wantFail: "cloudWatchLogGroupName is unset"},
		{name: "unencrypted logs fail", set: map[string]any{"content": prefs(`"cloudWatchLogGroupName":"g","cloudWatchEncryptionEnabled":false`)}, wantFail: "cloudWatchEncryptionEnabled is false"},
		{name: "content unknown at preview is reported", set: map[string]any{"content": unknown}, wantUnknown: "content is unknown"},
	})
}

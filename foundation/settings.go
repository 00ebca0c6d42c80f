package foundation

// Settings are the foundation's own settings (hybridcloud:foundation).
type Settings struct {
	// AlarmEmails subscribe to the operations topic. Required: at least one, or nobody hears an alarm.
	// Each subscription stays pending until its recipient confirms AWS's email.
	AlarmEmails []string `json:"alarmEmails"`
	// Protect sets pulumi protect on the logs key and keeps it in AWS when the stack is destroyed: every
	// log group of the stack, audit logs among them, is encrypted with it, and a deleted key makes them
	// unreadable. Default true; required in prod.
	Protect bool `json:"protect"`
}

// DefaultSettings are the settings a stack file starts from: protected.
func DefaultSettings() Settings { return Settings{Protect: true} }

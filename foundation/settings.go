package foundation

// Settings are the foundation's own settings (hybridcloud:foundation).
type Settings struct {
	// AlarmEmails subscribe to the operations topic. Required: at least one, or nobody hears an alarm.
	// Each subscription stays pending until its recipient confirms AWS's email.
	AlarmEmails []string `json:"alarmEmails"`
	// KeyAdministrators are the IAM roles (ARNs) that administer every customer key of the stack: its
	// policy, rotation, tags, deletion. Optional: the role that deploys the stack always administers them
	// (it must, to keep the key policies up to date). No administrator can use a key: only the roles and
	// services each key names may (keys.Policy).
	KeyAdministrators []string `json:"keyAdministrators"`
	// BreakGlassRole is the only role (ARN) that may schedule a key's deletion or disable it, and delete
	// backups, so one compromised administrator cannot destroy the stack's data. Optional; recommended in
	// prod. Without it, those actions follow the administrators' rights.
	BreakGlassRole string `json:"breakGlassRole"`
	// Protect sets pulumi protect on the logs keys and the operations topic's key and keeps them in AWS
	// when the stack is destroyed: every log group of the stack, audit logs among them, is encrypted with
	// them, and a deleted key makes them unreadable. Default true; required in prod.
	Protect bool `json:"protect"`
}

// DefaultSettings are the settings a stack file starts from: protected.
func DefaultSettings() Settings { return Settings{Protect: true} }

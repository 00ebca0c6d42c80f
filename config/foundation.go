package config

import (
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/foundation"
)

var (
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[a-z]{2,}$`)
	// rolePattern is an IAM role ARN (a path allowed): key policies name roles, never users or the root.
	rolePattern = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$`)
)

// foundation reads hybridcloud:foundation into the foundation's settings.
func (p *parser) foundation(raw []byte, env Environment) foundation.Settings {
	key := p.key("foundation")
	s := foundation.DefaultSettings()
	p.decode(key, raw, &s)
	p.protect(key+".protect", s.Protect, env)
	if len(s.AlarmEmails) == 0 {
		p.fail(key+".alarmEmails", "required: at least one address, or nobody hears the alarms")
	}
	for i, e := range s.AlarmEmails {
		switch {
		case !emailPattern.MatchString(e):
			p.fail(indexed(key+".alarmEmails", i), "%q is not an email address", e)
		case slices.Index(s.AlarmEmails, e) < i:
			p.fail(indexed(key+".alarmEmails", i), "%q is listed twice", e)
		}
	}
	for i, r := range s.KeyAdministrators {
		if !rolePattern.MatchString(r) {
			p.fail(indexed(key+".keyAdministrators", i), "%q is not an IAM role ARN (like arn:aws:iam::123456789012:role/security-admin)", r)
		}
	}
	if s.BreakGlassRole != "" && !rolePattern.MatchString(s.BreakGlassRole) {
		p.fail(key+".breakGlassRole", "%q is not an IAM role ARN", s.BreakGlassRole)
	}
	if env == Prod && s.BreakGlassRole == "" {
		p.fail(key+".breakGlassRole", "required in prod: without it any key administrator can delete the keys that every backup and log depends on")
	}
	return s
}

package config

import (
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/foundation"
)

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[a-z]{2,}$`)

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
	return s
}

package config

import (
	"regexp"

	"github.com/insurance/hybridcloud/internal/deploy/activation"
)

// hostNamePattern is an on-premises host's name in an activation's inventory: a DNS name in lower case
// (RFC 1123 labels, short or fully qualified), so one host is never listed under two spellings.
var hostNamePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$`)

// maxHostNameLength is a DNS name's longest text form.
const maxHostNameLength = 253

// activation checks an activation (at key): its hosts, whose number is its registration limit
// (activation.CheckHosts), and its rotation (activation.Expiry), which must leave the activation time to be
// replaced before it lapses 30 days after its creation.
//
// owners maps each host an activation already listed to that activation's key, and gets this one's hosts:
// a host listed twice, or under two activations, would size the limits above the hosts there are (and a
// host registers with one activation only: it keeps that activation's role and patch group).
func (p *parser) activation(key string, hosts []string, rotationDays int, owners map[string]string) {
	if err := activation.CheckHosts(len(hosts)); err != nil {
		p.fail(key+".hosts", "%v", err)
	}
	for i, host := range hosts {
		switch owner, listed := owners[host]; {
		case len(host) > maxHostNameLength || !hostNamePattern.MatchString(host):
			p.fail(indexed(key+".hosts", i), "%q is not a host name (lower-case letters, digits and hyphens, dot-separated, like dc1-lnx-01)", host)
		case listed && owner == key:
			p.fail(indexed(key+".hosts", i), "%q is listed twice: the registration limit counts each host once", host)
		case listed:
			p.fail(indexed(key+".hosts", i), "%q is a host of %s too: a host registers with one activation, so list it under one", host, owner)
		default:
			owners[host] = key
		}
	}
	if rotationDays < 1 || rotationDays > activation.MaxRotationDays {
		p.fail(key+".rotationDays", "%d is outside 1-%d: an activation lives at most 30 days, and its renewal must leave time to replace it before it lapses",
			rotationDays, activation.MaxRotationDays)
	}
}

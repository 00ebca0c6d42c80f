package config

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/insurance/hybridcloud/internal/secret"
)

// A settings field tagged `secret:"text"` or `secret:"hex"` holds a secret: a VPN pre-shared key, a BGP key, a
// MACsec key (hex: 64 hexadecimal digits), the gateway's activation key. The decoder hands every such field to
// p.secretField, so no section can forget one.

// secretField checks the secret at key as it was decoded:
//   - secret.Unset, which committed stack files carry instead of a secret, is refused by a real preview or
//     up, naming the key and the command that sets it; an offline run uses a placeholder instead;
//   - a value the stack did not store as a secret is refused in prod and warned of in dev: a secret in plain
//     text sits in the stack file and in every log of it.
func (p *parser) secretField(key, kind string, v reflect.Value) {
	value := v.String()
	switch {
	case value == "":
	case value == secret.Unset && p.offline:
		placeholder := secret.Placeholder(cliPath(key))
		if kind == "hex" {
			placeholder = secret.HexPlaceholder(cliPath(key))
		}
		v.SetString(placeholder)
		p.warn(key, "a secret the stack file leaves unset: the offline plan uses a placeholder; before a real preview run %s", setCommand(key))
	case value == secret.Unset:
		p.failDecode(key, "a secret that is not set: run %s", setCommand(key))
	case p.isSecret == nil || !p.isSecret(topKey(key)):
		if p.env == Prod {
			p.failDecode(key, "is a secret and must not be in plain text in prod: run %s (value not shown)", setCommand(key))
		} else {
			p.warn(key, "is a secret in plain text; set it with %s (value not shown)", setCommand(key))
		}
	}
}

// setCommand is the command that stores the secret at key.
func setCommand(key string) string {
	return "pulumi config set --secret --path '" + cliPath(key) + "' <value>"
}

// SecretReadCommand is the command that reads the secret at key (hybridcloud:hybrid.directConnect
// .connections.ash-a.bgpAuthKey) from the stack, for a sheet that must say where a secret is without holding it.
func SecretReadCommand(key string) string {
	return "pulumi config get --path '" + cliPath(key) + "'"
}

// BGPAuthKeyReadCommand is the command that reads the BGP MD5 key of the Direct Connect connection conn.
func (c *Config) BGPAuthKeyReadCommand(conn string) string {
	return SecretReadCommand(c.Project + ":hybrid.directConnect.connections." + conn + ".bgpAuthKey")
}

// topKey is the stack-file key a nested key lies under: the one the CLI marks secret.
func topKey(key string) string {
	if i := strings.IndexAny(key, ".["); i >= 0 {
		return key[:i]
	}
	return key
}

// identifier is a path segment `pulumi config set --path` takes as it is; others go in ["…"].
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// cliPath spells a key as `pulumi config set --path` takes it: hybridcloud:hybrid.connections["ash-a"].bgpAuthKey.
func cliPath(key string) string {
	top := topKey(key)
	var b strings.Builder
	b.WriteString(top)
	for rest := key[len(top):]; rest != ""; {
		if rest[0] == '[' { // a list index, already in the CLI's form
			end := strings.IndexByte(rest, ']') + 1
			b.WriteString(rest[:end])
			rest = rest[end:]
			continue
		}
		rest = rest[1:] // the dot
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			end = len(rest)
		}
		segment := rest[:end]
		if identifier.MatchString(segment) {
			b.WriteString("." + segment)
		} else {
			b.WriteString(`["` + segment + `"]`)
		}
		rest = rest[end:]
	}
	return b.String()
}

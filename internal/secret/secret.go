// Package secret holds what stands in for a secret the program cannot see: the value committed stack files
// carry where an operator must set a real secret, and the placeholders offline runs use instead of secrets.
package secret

import (
	"crypto/sha256"
	"encoding/hex"
)

// Unset is the value a committed stack file gives a secret it must not hold: the real value is set with
// `pulumi config set --secret --path …` into the operator's own stack config. A real preview or up refuses it,
// naming every such key at once; an offline plan replaces it with a placeholder.
const Unset = "<secret: set with pulumi config set --secret>"

// Placeholder is what a secret at config path becomes in an offline run: marked as a placeholder, made of
// letters, digits and underscores within 35 characters, so it passes the format checks config applies to real
// secrets (a VPN pre-shared key, a BGP key), and different per path.
func Placeholder(path string) string {
	sum := sha256.Sum256([]byte(path))
	return "PLACEHOLDER_SECRET_" + hex.EncodeToString(sum[:8])
}

// HexPlaceholder is Placeholder for a secret that is 64 hexadecimal digits (a MACsec key).
func HexPlaceholder(path string) string {
	sum := sha256.Sum256([]byte("placeholder:" + path))
	return hex.EncodeToString(sum[:])
}

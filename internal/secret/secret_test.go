package secret

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlaceholdersDifferPerPathAndPassTheFormatsOfRealSecrets(t *testing.T) {
	a, b := Placeholder("hybridcloud:x.a"), Placeholder("hybridcloud:x.b")
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^PLACEHOLDER_SECRET_[0-9a-f]{16}$`, a)
	assert.Regexp(t, regexp.MustCompile(`^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$`), a, "a VPN pre-shared key AWS accepts")
	assert.Regexp(t, `^[0-9a-f]{64}$`, HexPlaceholder("hybridcloud:x.ckn"), "a MACsec key AWS accepts")
	assert.NotEqual(t, HexPlaceholder("hybridcloud:x.ckn"), HexPlaceholder("hybridcloud:x.cak"))
	assert.NotContains(t, Unset, "PLACEHOLDER", "the committed marker is not a placeholder: a real run refuses it")
}

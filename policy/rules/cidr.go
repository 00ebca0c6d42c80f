package rules

import (
	"math/big"
	"net/netip"
	"slices"
	"strings"
)

// worldOpen says whether the union of cidrs covers the whole IPv4 or the whole IPv6 internet: 0.0.0.0/0,
// ::/0, or a world range split into pieces (0.0.0.0/1 with 128.0.0.0/1). Unparsable blocks are ignored (AWS
// refuses them).
func worldOpen(cidrs []string) bool {
	return covers(cidrs, false) || covers(cidrs, true)
}

// covers says whether the blocks of one family cover that family's whole address space.
func covers(cidrs []string, v6 bool) bool {
	type span struct{ lo, hi *big.Int }
	bits := 32
	if v6 {
		bits = 128
	}
	var spans []span
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(c))
		if err != nil || p.Addr().Is6() != v6 {
			continue
		}
		p = p.Masked()
		lo := new(big.Int).SetBytes(p.Addr().AsSlice())
		size := new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits()))
		spans = append(spans, span{lo, new(big.Int).Add(lo, size)})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.lo.Cmp(b.lo) })
	reach := big.NewInt(0) // everything below reach is covered
	for _, s := range spans {
		if s.lo.Cmp(reach) > 0 {
			return false
		}
		if s.hi.Cmp(reach) == 1 {
			reach = s.hi
		}
	}
	return reach.Cmp(new(big.Int).Lsh(big.NewInt(1), uint(bits))) == 0
}

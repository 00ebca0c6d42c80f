package platform

import (
	"testing"
	"time"

	"github.com/insurance/hybridcloud/internal/plan"
)

// BenchmarkProdProgram runs the whole prod program under mocks, as `make plan STACK=prod` does. The offline
// plan and every whole-stack test pay this cost, so it should stay well under a second.
func BenchmarkProdProgram(b *testing.B) {
	st := stackFiles(b, "prod")
	program := Program(func() time.Time { return testNow })
	b.ResetTimer()
	for b.Loop() {
		if _, err := plan.Run(program, st, plan.Up); err != nil {
			b.Fatal(err)
		}
	}
}

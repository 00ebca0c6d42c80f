// Command policy is the hybridcloud policy pack: `pulumi preview --policy-pack policy` builds and runs it.
// The rules live in package rules so the program's tests and the offline plan run exactly the same pack.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/insurance/hybridcloud/policy/rules"
)

func main() {
	if err := policyx.Main(rules.NewPack); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Command hybridcloud is the Pulumi program of the hybrid-cloud platform; see package platform.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"time"

	"github.com/insurance/hybridcloud/platform"
)

func main() {
	pulumi.Run(platform.Program(time.Now))
}

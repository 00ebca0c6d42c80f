// Package platform is the whole Pulumi program: it loads and validates the stack configuration, creates the
// tagged AWS provider, declares the components and wires their outputs into each other. main.go runs it
// with pulumi.Run; the unit tests and the offline plan run exactly the same function under mocks.
package platform

// Package plantest is the test harness over the plan mocks: Run plays a component under the mocks in
// preview or up with an explicit provider, Named and Every look resources up and fail the test when they
// are missing, Await reads an output, and Builder builds small plans by hand for the reports' tests.
package plantest

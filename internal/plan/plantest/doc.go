// Package plantest is the test harness over the plan mocks: Run plays a component under the mocks in
// preview or up with an explicit provider, Named and Every look resources up and fail the test when they
// are missing, Await reads an output, Builder builds small plans by hand for the reports' tests, and
// ValidDay derives from the stack files a day at which their dated settings are valid.
package plantest

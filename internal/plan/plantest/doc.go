// Package plantest is the test harness over the plan mocks: Run plays a component under the mocks in
// preview or up with an explicit provider, Named and Every look resources up and fail the test when they
// are missing, Await reads an output, Statements reads a policy, Builder builds small plans by hand for the
// reports' tests, and Now is the one deployment time every test plays.
package plantest

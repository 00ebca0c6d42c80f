// Package planread reads a recorded plan the way reports need to: resources by URN and by type, the
// top-level component each belongs to, the resources an input was built from (and the reverse), the
// region of a resource's provider, and declared inputs as plain values (a value unknown until apply
// reads as absent).
package planread

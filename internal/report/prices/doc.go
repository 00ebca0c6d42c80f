// Package prices holds the AWS price table the cost report multiplies declared quantities by
// (aws-prices.yaml, embedded) and its loader. Each figure is per region and per dimension, with its unit,
// its source and the table's as-of date; a figure without a source is unknown, and Lookup says so instead
// of returning zero.
package prices

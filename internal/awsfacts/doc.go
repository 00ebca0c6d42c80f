// Package awsfacts is a dated, sourced catalogue of AWS facts that offline validation checks stack
// configuration against, like the price table: the regions of the aws partition and the Availability
// Zones of the common ones, the RDS for PostgreSQL versions RDS offers and those it retired, the DB
// instance classes for PostgreSQL, EC2 instance types with their architecture (for the ECS hosts and the
// File Gateway on EC2) and the interface VPC endpoint services. The data is catalogue.yaml, embedded; each
// entry names a source that says where and when it was read.
//
// Lookups answer nil, an error wrapping ErrNotOffered (the catalogue knows it does not exist or is no longer
// offered: refuse it) or one wrapping ErrNotCatalogued (the catalogue does not know: warn, AWS decides at
// `pulumi up`). The package is pure: no AWS calls, no clock, no pulumi-aws.
package awsfacts

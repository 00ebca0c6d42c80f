package rules

// S3AccessLogging records every request to a bucket in an access-log bucket.
var S3AccessLogging = Rule{
	ID: "s3-access-logging", Controls: []string{"S3.9", "AwsSolutions-S1"}, Severity: Medium,
	Description: "Every bucket has server access logging (an aws:s3/bucketLoggingV2 with a targetBucket), except buckets that only receive AWS-delivered access logs.",
	Remediation: "declare an aws:s3/bucketLoggingV2 for the bucket into the stack's access-log bucket",
	Exceptions:  []string{"A bucket that only receives ALB access logs or S3 server access logs is not logged itself: the target cannot log to itself without a loop, and logging a log bucket into another doubles the volume for requests AWS's own delivery makes."},
	Reads:       map[string][]string{s3Logging: {"bucket", "targetBucket"}, loadBalancerTypes[0]: {"accessLogs"}, loadBalancerTypes[1]: {"accessLogs"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, b := range ofType(rs, s3Bucket) {
			if !logOnlyBucket(rs, b) && !referenced(rs, "bucket", b, s3Logging) {
				f.Fail(b, "no %s has bucket = this bucket", s3Logging)
			}
		}
	},
}

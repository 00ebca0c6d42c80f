package rules

import "strings"

// requireCustomerKey fails r unless the key reference at path is set and is not the AWS-managed key of a
// service (alias/aws/<service>, by alias name or ARN). An unknown reference is a key ARN of the stack.
func requireCustomerKey(r Resource, f *Findings, awsManaged string, path ...any) {
	v := r.Get(path...)
	s, known := text(v)
	switch {
	case !known:
	case s == "":
		f.Fail(r, "%s is unset: AWS uses its managed %s key; want a customer-managed key", pathString(path), awsManaged)
	case s == "alias/"+awsManaged || strings.HasSuffix(s, ":alias/"+awsManaged):
		f.Fail(r, "%s is %s, the AWS-managed key; want a customer-managed key", pathString(path), show(v))
	}
}

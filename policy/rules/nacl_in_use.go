package rules

// NaclInUse removes network ACLs nothing uses: an ACL that guards no subnet is a rule set that lies.
var NaclInUse = Rule{
	ID: "nacl-in-use", Controls: []string{"EC2.16"}, Severity: Low,
	Description: "Every declared network ACL is associated with at least one subnet (inline subnetIds or an aws:ec2/networkAclAssociation).",
	Remediation: "associate the network ACL with its subnets, or delete it",
	Exceptions:  []string{"Associations made outside the program are not visible (the catalogue marks EC2.16 partly static)."},
	Reads:       map[string][]string{networkACL: {"subnetIds"}, networkACLAssociation: {"networkAclId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, acl := range ofType(rs, networkACL) {
			subnets, known := items(acl.Get("subnetIds"))
			switch {
			case !known, len(subnets) > 0, referenced(rs, "networkAclId", acl, networkACLAssociation):
			default:
				f.Fail(acl, "no subnet is associated with it (subnetIds is empty and no %s names it)", networkACLAssociation)
			}
		}
	},
}

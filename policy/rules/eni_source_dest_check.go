package rules

// EniSourceDestCheck keeps the source/destination check on the network interfaces the program declares, so
// no instance can forward or spoof traffic for others.
var EniSourceDestCheck = Rule{
	ID: "eni-source-dest-check", Controls: []string{"EC2.180"}, Severity: Medium,
	Description: "Declared network interfaces keep sourceDestCheck true (the default).",
	Remediation: "remove sourceDestCheck false; a NAT or firewall appliance needs a reviewed exception",
	Exceptions:  []string{"Interfaces that Auto Scaling, ECS (awsvpc tasks) and VPC endpoints create at run time are not inputs (the catalogue marks EC2.180 partly static); AWS creates them with the check on."},
	Types:       []string{networkInterface},
	Reads:       map[string][]string{networkInterface: {"sourceDestCheck"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("sourceDestCheck")
		if on, known := truth(v); !known {
			f.Unknown(r, "sourceDestCheck")
		} else if !on && !v.IsNull() {
			f.Fail(r, "sourceDestCheck is %s; want true", show(v))
		}
	},
}

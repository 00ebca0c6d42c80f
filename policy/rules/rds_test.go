package rules

import "testing"

func db(t *testing.T) map[string]any { return inputsOf(t, "prod", rdsInstance, "prod-db") }

func TestRdsMultiAZ(t *testing.T) {
	checkRule(t, RdsMultiAZ, rdsInstance, db(t), []mutation{
		{name: "Multi-AZ passes"},
		{name: "single-AZ fails", set: map[string]any{"multiAz": false}, wantFail: "multiAz is false; want true"},
	})
	checkRule(t, RdsMultiAZ, rdsInstance, inputsOf(t, "dev", rdsInstance, "dev-db"), []mutation{
		{name: "dev's single-AZ database fails (advisory in dev)", wantFail: "multiAz is false"},
	})
	checkRule(t, RdsMultiAZ, rdsInstance, inputsOf(t, "prod", rdsInstance, "prod-dr-db"), []mutation{
		{name: "the single-AZ DR read replica passes"},
		{name: "a single-AZ instance that replicates nothing fails", set: map[string]any{"replicateSourceDb": nil}, wantFail: "multiAz is false"},
		{name: "an empty source is no replica", set: map[string]any{"replicateSourceDb": ""}, wantFail: "multiAz is false"},
		{name: "a source unknown until apply is one (a preview of the replica)", set: map[string]any{"replicateSourceDb": unknown}},
	})
}

func TestRdsManagedMasterPasswordExceptsReadReplicas(t *testing.T) {
	checkRule(t, RdsManagedMasterPassword, rdsInstance, inputsOf(t, "prod", rdsInstance, "prod-dr-db"), []mutation{
		{name: "the DR read replica, which takes its master user from the source, passes"},
		{name: "a replica with a password still fails", set: map[string]any{"password": "hunter2"}, wantFail: "password is set"},
		{name: "an instance that replicates nothing needs the managed password", set: map[string]any{"replicateSourceDb": nil}, wantFail: "manageMasterUserPassword is unset"},
	})
}

func TestRdsEncrypted(t *testing.T) {
	checkRule(t, RdsEncrypted, rdsInstance, db(t), []mutation{
		{name: "encrypted with the database key passes"},
		{name: "unencrypted fails", set: map[string]any{"storageEncrypted": false}, wantFail: "storageEncrypted is false"},
		{name: "no key fails: AWS's aws/rds", set: map[string]any{"kmsKeyId": nil}, wantFail: "kmsKeyId is unset: AWS uses its managed aws/rds key"},
		{name: "aws/rds fails", set: map[string]any{"kmsKeyId": "alias/aws/rds"}, wantFail: "the AWS-managed key"},
	})
}

func TestRdsNotPublic(t *testing.T) {
	checkRule(t, RdsNotPublic, rdsInstance, db(t), []mutation{
		{name: "private passes"},
		{name: "public fails", set: map[string]any{"publiclyAccessible": true}, wantFail: "publiclyAccessible is true"},
		{name: "unknown is re-checked", set: map[string]any{"publiclyAccessible": unknown}, wantUnknown: "publiclyAccessible"},
	})
}

func TestRdsBackupRetention(t *testing.T) {
	checkRule(t, RdsBackupRetention, rdsInstance, db(t), []mutation{
		{name: "35 days pass"},
		{name: "7 days pass", set: map[string]any{"backupRetentionPeriod": 7}},
		{name: "6 days fail", set: map[string]any{"backupRetentionPeriod": 6}, wantFail: "backupRetentionPeriod is 6; want at least 7"},
		{name: "0 days (off) fail", set: map[string]any{"backupRetentionPeriod": 0}, wantFail: "backupRetentionPeriod is 0"},
		{name: "unset fails", set: map[string]any{"backupRetentionPeriod": nil}, wantFail: "backupRetentionPeriod is unset"},
		{name: "unknown is re-checked", set: map[string]any{"backupRetentionPeriod": unknown}, wantUnknown: "backupRetentionPeriod"},
	})
}

func TestRdsDeletionProtection(t *testing.T) {
	checkRule(t, RdsDeletionProtection, rdsInstance, db(t), []mutation{
		{name: "protected passes"},
		{name: "unprotected fails", set: map[string]any{"deletionProtection": false}, wantFail: "deletionProtection is false"},
	})
}

func TestRdsFinalSnapshot(t *testing.T) {
	checkRule(t, RdsFinalSnapshot, rdsInstance, db(t), []mutation{
		{name: "a final snapshot passes"},
		{name: "skipping it fails", set: map[string]any{"skipFinalSnapshot": true}, wantFail: "skipFinalSnapshot is true; want false"},
		{name: "no identifier fails", set: map[string]any{"finalSnapshotIdentifier": nil}, wantFail: "finalSnapshotIdentifier is unset"},
		{name: "unknown is re-checked", set: map[string]any{"skipFinalSnapshot": unknown}, wantUnknown: "skipFinalSnapshot"},
	})
}

func TestRdsManagedMasterPassword(t *testing.T) {
	checkRule(t, RdsManagedMasterPassword, rdsInstance, db(t), []mutation{
		{name: "a managed password passes"},
		{name: "an unmanaged password fails", set: map[string]any{"manageMasterUserPassword": nil}, wantFail: "manageMasterUserPassword is unset"},
		{name: "a password input fails without printing it", set: map[string]any{"password": secret("hunter2")}, wantFail: "password is set ([secret])"},
		{name: "a plain password is not printed either", set: map[string]any{"password": "hunter2"}, wantFail: "password is set ([secret])"},
	})
}

func TestRdsMasterSecretCMK(t *testing.T) {
	checkRule(t, RdsMasterSecretCMK, rdsInstance, db(t), []mutation{
		{name: "the database key passes"},
		{name: "no key fails", set: map[string]any{"masterUserSecretKmsKeyId": nil}, wantFail: "masterUserSecretKmsKeyId is unset: AWS uses its managed aws/secretsmanager key"},
		{name: "an unmanaged password has no secret", set: map[string]any{"manageMasterUserPassword": false, "masterUserSecretKmsKeyId": nil}},
	})
}

func TestRdsForceSSL(t *testing.T) {
	checkRule(t, RdsForceSSL, rdsParameterGroup, inputsOf(t, "prod", rdsParameterGroup, "prod-db-postgres16"), []mutation{
		{name: "force_ssl 1 passes"},
		{name: "force_ssl 0 fails", set: map[string]any{"parameters[0].value": "0"}, wantFail: `rds.force_ssl is "0"; want "1"`},
		{name: "a missing parameter fails", set: map[string]any{"parameters[0]": nil}, wantFail: "parameters has no rds.force_ssl"},
		{name: "a MySQL group is out of scope", set: map[string]any{"family": "mysql8.0", "parameters": nil}},
		{name: "an unknown family is re-checked", set: map[string]any{"family": unknown, "parameters": nil}, wantUnknown: "family"},
		{name: "an unknown name before the parameter passes", set: map[string]any{"parameters": []any{map[string]any{"name": unknown, "value": "x"},
			map[string]any{"name": "rds.force_ssl", "value": "1"}}}},
		{name: "unknown parameters are re-checked", set: map[string]any{"parameters": unknown}, wantUnknown: "parameters"},
		{name: "an unknown value is re-checked", set: map[string]any{"parameters[0].value": unknown}, wantUnknown: "parameters[0].value"},
		{name: "an unknown name is re-checked, not a violation", set: map[string]any{"parameters[0].name": unknown}, wantUnknown: "parameters[].name"},
		{name: "an unknown name beside the parameter passes", set: map[string]any{"parameters[1].name": unknown}},
	})
}

func TestRdsEnhancedMonitoring(t *testing.T) {
	checkRule(t, RdsEnhancedMonitoring, rdsInstance, db(t), []mutation{
		{name: "60 s with a role passes"},
		{name: "1 s passes", set: map[string]any{"monitoringInterval": 1}},
		{name: "off fails", set: map[string]any{"monitoringInterval": 0}, wantFail: "monitoringInterval is 0; want one of"},
		{name: "unset fails", set: map[string]any{"monitoringInterval": nil}, wantFail: "monitoringInterval is unset"},
		{name: "an interval RDS refuses fails", set: map[string]any{"monitoringInterval": 120}, wantFail: "monitoringInterval is 120"},
		{name: "no role fails", set: map[string]any{"monitoringRoleArn": nil}, wantFail: "monitoringRoleArn is unset"},
		{name: "unknown is re-checked", set: map[string]any{"monitoringInterval": unknown}, wantUnknown: "monitoringInterval"},
	})
}

func TestRdsLogExports(t *testing.T) {
	checkRule(t, RdsLogExports, rdsInstance, db(t), []mutation{
		{name: "postgresql and upgrade pass"},
		{name: "no exports fail twice", set: map[string]any{"enabledCloudwatchLogsExports": nil}, wantFail: "want it to include", wantFails: 2},
		{name: "upgrade only fails", set: map[string]any{"enabledCloudwatchLogsExports": []any{"upgrade"}}, wantFail: `include "postgresql"`},
		{name: "postgresql only fails", set: map[string]any{"enabledCloudwatchLogsExports": []any{"postgresql"}}, wantFail: `include "upgrade"`},
		{name: "another engine is out of scope", set: map[string]any{"engine": "mysql", "enabledCloudwatchLogsExports": nil}},
		{name: "an unknown engine is re-checked", set: map[string]any{"engine": unknown, "enabledCloudwatchLogsExports": nil}, wantUnknown: "engine"},
		{name: "unknown exports are re-checked", set: map[string]any{"enabledCloudwatchLogsExports": unknown}, wantUnknown: "enabledCloudwatchLogsExports"},
	})
}

func TestRdsIAMAuth(t *testing.T) {
	checkRule(t, RdsIAMAuth, rdsInstance, db(t), []mutation{
		{name: "on passes"},
		{name: "off fails", set: map[string]any{"iamDatabaseAuthenticationEnabled": false}, wantFail: "iamDatabaseAuthenticationEnabled is false"},
	})
}

func TestRdsAutoMinorUpgrade(t *testing.T) {
	checkRule(t, RdsAutoMinorUpgrade, rdsInstance, db(t), []mutation{
		{name: "on passes"},
		{name: "unset is on", set: map[string]any{"autoMinorVersionUpgrade": nil}},
		{name: "off fails", set: map[string]any{"autoMinorVersionUpgrade": false}, wantFail: "autoMinorVersionUpgrade is false; want true"},
		{name: "unknown is re-checked", set: map[string]any{"autoMinorVersionUpgrade": unknown}, wantUnknown: "autoMinorVersionUpgrade"},
	})
}

func TestRdsCopyTagsToSnapshot(t *testing.T) {
	checkRule(t, RdsCopyTagsToSnapshot, rdsInstance, db(t), []mutation{
		{name: "on passes"},
		{name: "off fails", set: map[string]any{"copyTagsToSnapshot": false}, wantFail: "copyTagsToSnapshot is false"},
	})
}

func TestRdsNonDefaultPort(t *testing.T) {
	checkRule(t, RdsNonDefaultPort, rdsInstance, db(t), []mutation{
		{name: "the program's 5433 passes"},
		{name: "5432 fails", set: map[string]any{"port": 5432}, wantFail: "port is 5432, the postgres default; want another port"},
		{name: "unset is the default and fails", set: map[string]any{"port": nil}, wantFail: "port is unset, the postgres default"},
		{name: "MySQL on 3306 fails", set: map[string]any{"engine": "mysql", "port": 3306}, wantFail: "the mysql default"},
		{name: "SQL Server editions share a default", set: map[string]any{"engine": "sqlserver-se", "port": 1433}, wantFail: "the sqlserver default"},
		{name: "MySQL on 5432 passes", set: map[string]any{"engine": "mysql", "port": 5432}},
		{name: "MariaDB on 3306 fails", set: map[string]any{"engine": "mariadb", "port": 3306}, wantFail: "the mariadb default"},
		{name: "Oracle on 1521 fails", set: map[string]any{"engine": "oracle-ee", "port": 1521}, wantFail: "the oracle default"},
		{name: "an engine without a table entry and no port passes", set: map[string]any{"engine": "db2-se", "port": nil}},
		{name: "an engine without a table entry passes", set: map[string]any{"engine": "db2-se"}},
		{name: "an unknown engine is re-checked", set: map[string]any{"engine": unknown}, wantUnknown: "engine"},
		{name: "an unknown port is re-checked", set: map[string]any{"port": unknown}, wantUnknown: "port"},
	})
}

func TestRdsNonDefaultUsername(t *testing.T) {
	checkRule(t, RdsNonDefaultUsername, rdsInstance, db(t), []mutation{
		{name: "dbadmin passes"},
		{name: "postgres fails", set: map[string]any{"username": "postgres"}, wantFail: `username is "postgres", the postgres default`},
		{name: "Postgres in capitals fails", set: map[string]any{"username": "Postgres"}, wantFail: "the postgres default"},
		{name: "admin on MySQL fails", set: map[string]any{"engine": "mysql", "username": "admin"}, wantFail: "the mysql default"},
		{name: "an engine without a table entry passes", set: map[string]any{"engine": "db2-se", "username": "postgres"}},
		{name: "an engine without a table entry and no user passes", set: map[string]any{"engine": "db2-se", "username": nil}},
		{name: "admin on MariaDB fails", set: map[string]any{"engine": "mariadb", "username": "admin"}, wantFail: "the mariadb default"},
		{name: "admin on Oracle fails", set: map[string]any{"engine": "oracle-se2", "username": "admin"}, wantFail: "the oracle default"},
		{name: "admin on SQL Server fails", set: map[string]any{"engine": "sqlserver-ex", "username": "admin"}, wantFail: "the sqlserver default"},
		{name: "an unknown engine is re-checked", set: map[string]any{"engine": unknown}, wantUnknown: "engine"},
		{name: "an unknown user is re-checked", set: map[string]any{"username": unknown}, wantUnknown: "username"},
	})
}

func TestRdsPerformanceInsights(t *testing.T) {
	checkRule(t, RdsPerformanceInsights, rdsInstance, db(t), []mutation{
		{name: "on with the database key passes"},
		{name: "off fails", set: map[string]any{"performanceInsightsEnabled": false}, wantFail: "performanceInsightsEnabled is false"},
		{name: "on with AWS's key fails", set: map[string]any{"performanceInsightsKmsKeyId": nil}, wantFail: "performanceInsightsKmsKeyId is unset"},
		{name: "off needs no key", set: map[string]any{"performanceInsightsEnabled": false, "performanceInsightsKmsKeyId": nil}, wantFail: "performanceInsightsEnabled is false"},
	})
}

func TestRdsPrivateSubnets(t *testing.T) {
	igwRoute := func(s *stack, table string) {
		s.add(route, "prod-vpc-igw-route", map[string]any{"destinationCidrBlock": "0.0.0.0/0", "gatewayId": unknown}).
			dep(route, "prod-vpc-igw-route", "routeTableId", routeTable, table).dep(route, "prod-vpc-igw-route", "gatewayId", internetGateway, "prod-vpc-igw")
	}
	checkStack(t, RdsPrivateSubnets, []stackCase{
		{name: "the data subnets route only inside the VPC and to the Transit Gateway"},
		{name: "dev too", stack: "dev"},
		{name: "a data route table with an internet gateway route fails", edit: func(s *stack) { igwRoute(s, "prod-vpc-data-1-rt") }, on: "prod-db",
			wantFail: `subnet "prod-vpc-data-1" of its subnet group routes to internet gateway prod-vpc-igw through route table "prod-vpc-data-1-rt"`},
		{name: "a public subnet in the subnet group fails", edit: func(s *stack) {
			s.dep(rdsSubnetGroup, "prod-db", "subnetIds", subnet, "prod-vpc-data-0", subnet, "prod-vpc-public-0")
		}, on: "prod-db", wantFail: `subnet "prod-vpc-public-0"`},
		{name: "an internet route elsewhere does not matter", edit: func(s *stack) { igwRoute(s, "prod-vpc-app-0-rt") }},
		{name: "an igw- id without a dependency fails", edit: func(s *stack) {
			igwRoute(s, "prod-vpc-data-0-rt")
			s.dep(route, "prod-vpc-igw-route", "gatewayId").set(route, "prod-vpc-igw-route", "gatewayId", "igw-0abc")
		}, on: "prod-db", wantFail: "routes to internet gateway igw-0abc"},
		{name: "an unknown gateway is re-checked", edit: func(s *stack) {
			igwRoute(s, "prod-vpc-data-0-rt")
			s.dep(route, "prod-vpc-igw-route", "gatewayId")
		}, wantUnknown: "routes of route table prod-vpc-data-0-rt"},
		{name: "an inline internet route fails", edit: func(s *stack) {
			s.set(routeTable, "prod-vpc-data-2-rt", "routes", []any{map[string]any{"cidrBlock": "0.0.0.0/0", "gatewayId": unknown}}).
				dep(routeTable, "prod-vpc-data-2-rt", "routes", internetGateway, "prod-vpc-igw")
		}, on: "prod-db", wantFail: `through route table "prod-vpc-data-2-rt"`},
		{name: "unknown inline routes are re-checked", edit: func(s *stack) {
			s.set(routeTable, "prod-vpc-data-2-rt", "routes", unknown)
		}, wantUnknown: "prod-vpc-data-2-rt"},
		{name: "a route to the gateway's known id fails (up)", edit: func(s *stack) {
			igwRoute(s, "prod-vpc-data-0-rt")
			s.dep(route, "prod-vpc-igw-route", "gatewayId").set(route, "prod-vpc-igw-route", "gatewayId", "gw-42").output(internetGateway, "prod-vpc-igw", "id", "gw-42")
		}, on: "prod-db", wantFail: "routes to internet gateway prod-vpc-igw"},
		{name: "an unknown route beside a known local one is re-checked", edit: func(s *stack) {
			igwRoute(s, "prod-vpc-data-0-rt")
			s.dep(route, "prod-vpc-igw-route", "gatewayId").add(route, "prod-vpc-local", map[string]any{"destinationCidrBlock": "10.0.0.0/8", "gatewayId": "local"}).
				dep(route, "prod-vpc-local", "routeTableId", routeTable, "prod-vpc-data-0-rt")
		}, wantUnknown: "routes of route table prod-vpc-data-0-rt"},
		{name: "an unknown inline route beside a NAT route is re-checked", edit: func(s *stack) {
			s.set(routeTable, "prod-vpc-data-2-rt", "routes", []any{map[string]any{"cidrBlock": "10.0.0.0/8", "gatewayId": unknown},
				map[string]any{"cidrBlock": "0.0.0.0/0", "natGatewayId": "nat-1"}})
		}, wantUnknown: "prod-vpc-data-2-rt"},
		{name: "an inline route to a NAT gateway passes", edit: func(s *stack) {
			s.set(routeTable, "prod-vpc-data-2-rt", "routes", []any{map[string]any{"cidrBlock": "0.0.0.0/0", "natGatewayId": "nat-1"}})
		}},
	})
}

func TestRdsEventSubscriptions(t *testing.T) {
	subscribe := func(sourceType string, categories ...any) func(s *stack) {
		return func(s *stack) {
			in := map[string]any{"sourceType": sourceType, "snsTopic": "arn:aws:sns:us-east-1:123456789012:prod-foundation-operations"}
			if categories != nil {
				in["eventCategories"] = categories
			}
			s.add(rdsEventSubscription, "prod-db-"+sourceType, in)
		}
	}
	for _, tc := range []struct {
		rule       Rule
		sourceType string
		categories []any
	}{
		{RdsEventSubscriptionInstance, "db-instance", []any{"maintenance", "configuration change", "failure"}},
		{RdsEventSubscriptionParameterGroup, "db-parameter-group", []any{"configuration change"}},
		{RdsEventSubscriptionSecurityGroup, "db-security-group", []any{"configuration change", "failure"}},
	} {
		cases := []stackCase{
			{name: tc.sourceType + ": a subscription with the categories passes", edit: subscribe(tc.sourceType, tc.categories...)},
			{name: tc.sourceType + ": every category passes", edit: subscribe(tc.sourceType)},
			{name: tc.sourceType + ": a missing category fails", edit: subscribe(tc.sourceType, "notification"), on: "prod-db", wantFail: "covers"},
			{name: tc.sourceType + ": another source type fails", edit: subscribe("db-cluster", tc.categories...), on: "prod-db", wantFail: "covers"},
			{name: tc.sourceType + ": a disabled one fails", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "enabled", false)
			}, on: "prod-db", wantFail: "covers"},
			{name: tc.sourceType + ": an enabled one passes", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "enabled", true)
			}},
			{name: tc.sourceType + ": one without a topic fails", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "snsTopic", nil)
			}, on: "prod-db", wantFail: "covers"},
			{name: tc.sourceType + ": an unknown topic is the stack's", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "snsTopic", unknown)
			}},
			{name: tc.sourceType + ": an unknown type is re-checked", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "sourceType", unknown)
			}, wantUnknown: "the stack's RDS event subscriptions"},
			{name: tc.sourceType + ": a stack without a database needs none", edit: func(s *stack) { s.drop(rdsInstance) }},
			{name: tc.sourceType + ": an unknown one beside a wrong one is re-checked", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "sourceType", unknown)
				subscribe("db-cluster")(s)
			}, wantUnknown: "the stack's RDS event subscriptions"},
			{name: tc.sourceType + ": unknown categories are re-checked", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "eventCategories", unknown)
			}, wantUnknown: "the stack's RDS event subscriptions"},
			{name: tc.sourceType + ": an unknown enablement is re-checked", edit: func(s *stack) {
				subscribe(tc.sourceType, tc.categories...)(s)
				s.set(rdsEventSubscription, "prod-db-"+tc.sourceType, "enabled", unknown)
			}, wantUnknown: "the stack's RDS event subscriptions"},
			{name: tc.sourceType + ": a right one beside an unknown one passes", edit: func(s *stack) {
				subscribe("db-cluster")(s)
				s.set(rdsEventSubscription, "prod-db-db-cluster", "sourceType", unknown)
				subscribe(tc.sourceType, tc.categories...)(s)
			}},
		}
		// Each case starts from a stack without the program's own subscriptions.
		for i, c := range cases {
			edit := c.edit
			cases[i].edit = func(s *stack) { s.drop(rdsEventSubscription); edit(s) }
		}
		checkStack(t, tc.rule, append([]stackCase{
			{name: tc.sourceType + ": the program's subscriptions pass"},
			{name: tc.sourceType + ": a stack without one fails", edit: func(s *stack) { s.drop(rdsEventSubscription) },
				on: "prod-db", wantFail: "no enabled aws:rds/eventSubscription:EventSubscription for sourceType " + tc.sourceType},
		}, cases...))
	}
}

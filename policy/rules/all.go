package rules

// All returns every rule of the pack, grouped by area.
func All() []Rule {
	return []Rule{
		// network
		SubnetPublicIP, SecurityGroupOpenIngress, SecurityGroupOpenIngressAcrossRules, SecurityGroupNoWorldEgress,
		SecurityGroupNoHTTPIngress, SecurityGroupDescription, SecurityGroupRuleDescription, SecurityGroupRuleConflict,
		DefaultSecurityGroupClosed, DefaultSecurityGroupAdopted, VpcFlowLogs, FlowLogAllTraffic,
		VpcEndpointEC2, VpcEndpointECRAPI, VpcEndpointECRDocker, VpcEndpointSSM, VpcEndpointIncidentManager,
		NaclNoWorldAdminIngress, NaclInUse, VpcBlockPublicAccess, EniSourceDestCheck, LogGroupRetention, LogGroupKMS,
		LogsResourcePolicyScoped,
		// hybrid
		TgwNoAutoAccept, TgwNoDefaultRouteTables, VpnBGP, VpnIKEv2, VpnTunnelCrypto, VpnTunnelLogging, DxBGPAuth,
		SnsTopicKMS, AlarmHasActions,
		// compute
		LaunchTemplateNoPublicIP, LaunchTemplateIMDSv2, LaunchTemplateIMDSHopLimit, LaunchTemplateEncryptedVolumes,
		LaunchTemplateEBSCMK, LaunchTemplateSingleENI, Ec2DetailedMonitoring, Ec2InstanceHardened, Ec2CurrentGeneration,
		EbsDefaultEncryption, AsgMultiAZ, AsgInstanceTypes, AsgELBHealthCheck, AsgLaunchTemplate,
		EcsCapacityProviderTerminationProtection,
		LoadBalancerInternal, LoadBalancerAccessLogs, LoadBalancerDeletionProtection, LoadBalancerDropInvalidHeaders,
		LoadBalancerDesyncMitigation, LoadBalancerMultiAZ, ListenerHTTPS, ListenerTLSPolicy,
		EcrScanOnPush, EcrImmutableTags, EcrKMS, EcrLifecyclePolicy,
		EcsContainerInsights, EcsExecLogged, EcsNoPrivileged, EcsNoCredentialsInEnv, EcsTaskLogging, EcsReadonlyRoot,
		EcsHostNetworkUser, EcsNoHostPID, EcsServiceNoPublicIP,
		// data
		RdsMultiAZ, RdsEncrypted, RdsNotPublic, RdsBackupRetention, RdsDeletionProtection, RdsFinalSnapshot,
		RdsManagedMasterPassword, RdsMasterSecretCMK, RdsForceSSL, RdsEnhancedMonitoring, RdsLogExports, RdsIAMAuth,
		RdsAutoMinorUpgrade, RdsCopyTagsToSnapshot, RdsNonDefaultPort, RdsNonDefaultUsername, RdsPerformanceInsights,
		RdsPrivateSubnets, RdsEventSubscriptionInstance, RdsEventSubscriptionParameterGroup, RdsEventSubscriptionSecurityGroup,
		ProdProtectStateful,
		S3PublicAccessBlock, S3AccountPublicAccessBlock, S3Encryption, S3Versioning, S3TLSOnly, S3BucketControls,
		S3AccessLogging, S3OwnershipEnforced, S3Lifecycle, S3NoCrossAccountAdmin, S3NoPublicGrants,
		NfsClients, NfsSquash, NfsKMS,
		// identity, keys and secrets
		IamNoAdminWildcard, IamNoServiceWildcards, IamNoNotAction, IamNoDecryptAllKeys, IamNoObjectVersionDelete,
		IamCreateGrantForAWSResource, IamDeniedManagedPolicies, IamTrustSourceConditions, IamRoleSingleAttachmentMechanism,
		IamNoUserPolicies,
		KmsKeyRotation, KmsKeyNotPublic, KmsKeyAdminsSeparated, KmsKeyNoLockoutBypass, KmsKeyDescription, KmsKeyDeletionSafeguards,
		SecretsManagerRotation, SecretsManagerRotationInterval, SecretsManagerSecretCMK,
		// operations
		BackupVaultKMS, BackupVaultLock, BackupVaultDeletionDenied, BackupCoverage,
		SsmActivationExpiry, SsmDocumentNotPublic, SsmSessionLogsEncrypted, SsmManagedInstanceRole, SsmPatching, SsmServiceSettings,
	}
}

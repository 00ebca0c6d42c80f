package rules

// All returns every rule of the pack, grouped by area.
func All() []Rule {
	return []Rule{
		// network
		SubnetPublicIP, SecurityGroupOpenIngress, DefaultSecurityGroupClosed, VpcFlowLogs,
		LogGroupRetention, LogGroupKMS, KmsKeyRotation, IamNoAdminWildcard,
		// hybrid
		TgwNoAutoAccept, TgwNoDefaultRouteTables, VpnBGP, VpnIKEv2, VpnTunnelCrypto, VpnTunnelLogging, DxBGPAuth, SnsTopicKMS, AlarmHasActions,
		// compute
		LaunchTemplateNoPublicIP, LaunchTemplateIMDSv2, LaunchTemplateEncryptedVolumes, Ec2InstanceHardened, AsgMultiAZ, EcsCapacityProviderTerminationProtection,
		LoadBalancerInternal, LoadBalancerAccessLogs, LoadBalancerDeletionProtection, ListenerHTTPS,
		EcrScanOnPush, EcrImmutableTags, EcrKMS,
		EcsContainerInsights, EcsNoPrivileged, EcsNoCredentialsInEnv, EcsServiceNoPublicIP, SsmActivationExpiry,
		LoadBalancerDropInvalidHeaders, ListenerTLSPolicy, EcsTaskLogging, EcsExecLogged, EcrLifecyclePolicy,
		// data
		RdsMultiAZ, RdsEncrypted, RdsNotPublic, RdsBackupRetention, RdsDeletionProtection, RdsFinalSnapshot,
		RdsManagedMasterPassword, RdsForceSSL, ProdProtectStateful,
		S3PublicAccessBlock, S3Encryption, S3Versioning, S3TLSOnly, S3BucketControls,
		NfsClients, NfsSquash, NfsKMS,
		// ops
		BackupVaultKMS, BackupVaultLock, BackupCoverage, SsmDocumentNotPublic, SsmSessionLogsEncrypted,
	}
}

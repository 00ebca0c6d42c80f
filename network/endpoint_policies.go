package network

import (
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// awsBucketsHostsRead are the AWS-owned buckets the stack's hosts read through the S3 gateway endpoint:
//   - ECR image layers (ECR user guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)": the S3
//     gateway endpoint policy must allow arn:aws:s3:::prod-<region>-starport-layer-bucket/*);
//   - Amazon Linux 2023 package repositories, which dnf on the ECS-optimized AMI reads (Amazon Linux 2023
//     user guide, "Package repository": al2023-repos-<region>-de612dc2);
//   - Systems Manager's buckets: agent updates, documents and their attachments, patch baselines' snapshots,
//     Distributor packages (Systems Manager user guide, "SSM Agent communications with AWS managed S3
//     buckets").
func awsBucketsHostsRead(partition, region string) []string {
	var out []string
	for _, b := range []string{
		"prod-" + region + "-starport-layer-bucket",
		"al2023-repos-" + region + "-de612dc2",
		"aws-ssm-" + region, "aws-windows-downloads-" + region, "amazon-ssm-" + region, "amazon-ssm-packages-" + region,
		region + "-birdwatcher-prod", "aws-ssm-distributor-file-" + region, "aws-ssm-document-attachments-" + region,
		"patch-baseline-snapshot-" + region,
	} {
		out = append(out, "arn:"+partition+":s3:::"+b+"/*")
	}
	return out
}

// gatewayEndpointPolicy is the S3 gateway endpoint's policy (VPC endpoint policies, "Control access to VPC
// endpoints using endpoint policies": without one the endpoint allows everything). Through it, the stack's
// principals reach only this account's buckets, and read the AWS-owned buckets the hosts need: a
// compromised task or host cannot copy data to a bucket of another account through the endpoint (HTTPS
// egress through NAT is the network's to close).
func gatewayEndpointPolicy(partition, region, account string) (string, error) {
	thisAccount := map[string]any{"aws:PrincipalAccount": account, "aws:ResourceAccount": account}
	return iamdoc.JSON(
		iamdoc.Statement{
			"Sid": "ThisAccountsPrincipalsToThisAccountsBuckets", "Effect": "Allow", "Principal": "*",
			"Action": "s3:*", "Resource": "*",
			"Condition": map[string]any{"StringEquals": thisAccount},
		},
		iamdoc.Statement{
			"Sid": "AWSBucketsTheHostsRead", "Effect": "Allow", "Principal": "*",
			"Action": "s3:GetObject", "Resource": awsBucketsHostsRead(partition, region),
		},
	)
}

// interfaceEndpointPolicy is the policy of an interface endpoint: only this account's principals may call
// the service through it, so stolen credentials of another account do not work from inside the VPC and on
// premises (VPC endpoint policies; aws:PrincipalAccount).
func interfaceEndpointPolicy(account string) (string, error) {
	return iamdoc.JSON(iamdoc.Statement{
		"Sid": "ThisAccountsPrincipals", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalAccount": account}},
	})
}

// unsignedEndpoints are interface endpoints whose traffic is not all signed by this account's principals,
// which keep the default policy: a Storage Gateway appliance activates and talks to its service through the
// endpoint before any principal of the account is involved (File Gateway user guide, "Activating a gateway
// in a virtual private cloud").
var unsignedEndpoints = map[string]bool{StorageGatewayEndpoint: true}

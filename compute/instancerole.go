package compute

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// agentStatements are what the ECS agent of a container instance needs, scoped to this cluster, in place of
// AmazonEC2ContainerServiceforEC2Role, whose ECS, ECR and Logs actions apply to every resource of the
// account (ECS developer guide, "Amazon ECS container instance IAM role": "If any of the permissions
// granted in the managed policy aren't needed for your use case, create a custom policy"; "ECS Anywhere
// IAM": that policy "likely provides more permissions than is needed"):
//   - register, deregister, report state changes and drain only in this cluster (resource: the cluster);
//   - poll for work and send telemetry only as a container instance of this cluster (ecs:cluster);
//   - discover the poll endpoint, which has no resource-level permissions;
//   - on EC2, read the instance's tags (ec2:DescribeTags has no resource-level permissions).
//
// No ECR and no Logs: every task definition has an execution role that pulls its own image and writes its
// own log group, so a host's credentials pull no image and forge no log event. No ecs:CreateCluster: the
// cluster exists before its hosts.
//
// The fence on parameters (iamdoc.ParametersOnlyUnder) narrows the SSM core policy's ssm:GetParameter* on
// every parameter to AWS's public ones and the stack's path.
func agentStatements(clusterARN string, ec2Host bool, partition, parameterPath string) []iamdoc.Statement {
	poll := iamdoc.Allow([]string{"ecs:Poll", "ecs:StartTelemetrySession"}, "*")
	poll["Condition"] = map[string]any{"ArnEquals": map[string]any{"ecs:cluster": clusterARN}}
	out := []iamdoc.Statement{
		iamdoc.Allow([]string{"ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:UpdateContainerInstancesState",
			"ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange", "ecs:SubmitAttachmentStateChanges"}, clusterARN),
		poll,
		iamdoc.Allow([]string{"ecs:DiscoverPollEndpoint"}, "*"),
	}
	if ec2Host {
		out = append(out, iamdoc.Allow([]string{"ec2:DescribeTags"}, "*"))
	}
	for i, sid := range []string{"RegisterInThisCluster", "PollAsThisClustersInstance", "DiscoverPollEndpoint", "ReadOwnTags"}[:len(out)] {
		out[i]["Sid"] = sid
	}
	return append(out, iamdoc.ParametersOnlyUnder(partition, parameterPath))
}

// containerInstanceRole is the role of ECS container instances with what declareContainerInstanceRole
// attaches to it.
type containerInstanceRole struct {
	role   *iam.Role
	policy *iam.RolePolicy
}

// declareContainerInstanceRole declares the role of ECS container instances, in EC2 (assumed by
// ec2.amazonaws.com, which sends no source keys) or on premises (by ssm.amazonaws.com for ECS Anywhere,
// pinned to this account's SSM in the region): the cluster-scoped agent policy inline and Systems Manager's
// managed-instance core as a separate attachment, nothing more. Attachments only, never managedPolicyArns:
// the Session Manager policy is attached separately too, and the two mechanisms fight (pulumi-aws iam.Role
// docs).
func declareContainerInstanceRole(ctx *pulumi.Context, name, description, service string, clusterARN pulumi.StringOutput, args *ClusterArgs, parent pulumi.ResourceOption) (containerInstanceRole, error) {
	ec2Host := service == "ec2.amazonaws.com"
	trust := iamdoc.AssumeRole(service, args.AccountID)
	if !ec2Host {
		trust = iamdoc.AssumeRoleFrom(service, args.AccountID, ssmSourceARN(args))
	}
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String(description),
		AssumeRolePolicy: trust,
	}, parent)
	if err != nil {
		return containerInstanceRole{}, err
	}
	if _, err := iam.NewRolePolicyAttachment(ctx, name+"-ssm-core", &iam.RolePolicyAttachmentArgs{
		Role:      role.Name,
		PolicyArn: pulumi.Sprintf("arn:%s:iam::aws:policy/AmazonSSMManagedInstanceCore", args.Partition),
	}, parent); err != nil {
		return containerInstanceRole{}, err
	}
	doc := clusterARN.ApplyT(func(arn string) (string, error) {
		return iamdoc.JSON(agentStatements(arn, ec2Host, args.Partition, args.ParameterPath)...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, name+"-ecs-agent", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	if err != nil {
		return containerInstanceRole{}, err
	}
	return containerInstanceRole{role: role, policy: policy}, nil
}

// ssmSourceARN is the source of hybrid activations' role assumptions: this account's Systems Manager in the
// stack's region (Systems Manager user guide, "Create the IAM service role required for Systems Manager in
// hybrid and multicloud environments": aws:SourceArn arn:aws:ssm:<region>:<account>:*).
func ssmSourceARN(args *ClusterArgs) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:ssm:%s:%s:*", args.Partition, args.Region, args.AccountID)
}

package compute

import (
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/activation"
)

// anywhereInstaller is AWS's ECS Anywhere install script, fetched over HTTPS only.
const anywhereInstaller = "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh"

// registrationCommand is the command an operator runs as root on a data-centre host of an OS family to
// register it with SSM and join it to the cluster.
func registrationCommand(host spec.HostOS, region, cluster, activationID, activationCode string) string {
	return `curl --proto "https" -o "/tmp/ecs-anywhere-install.sh" "` + anywhereInstaller + `" && ` +
		`bash /tmp/ecs-anywhere-install.sh --region "` + region + `" --cluster "` + cluster +
		`" --activation-id "` + activationID + `" --activation-code "` + activationCode + `"` + host.InstallerFlags()
}

// declareAnywhere declares the role of the on-premises hosts (SSM managed instance and ECS container
// instance, nothing more) and the SSM activation that registers them, bounded in count and time.
func (c *Cluster) declareAnywhere(ctx *pulumi.Context, name string, args *ClusterArgs, parent pulumi.ResourceOption) error {
	instance, err := declareContainerInstanceRole(ctx, name+"-anywhere", "ECS Anywhere hosts of "+name+" in the data centre",
		"ssm.amazonaws.com", c.ClusterARN, args, parent)
	if err != nil {
		return err
	}
	role := instance.role
	a := args.Settings.Anywhere
	// SSM gives the activation's tags to every host it registers: the patch group among them.
	tags := pulumi.StringMap{"Name": pulumi.String(name + "-onprem")}
	if a.PatchGroup != "" {
		tags[spec.PatchGroupTag] = pulumi.String(a.PatchGroup)
	}
	expiry, err := activation.Expiry(args.Now, a.RotationDays)
	if err != nil {
		return err
	}
	act, err := ssm.NewActivation(ctx, name+"-anywhere", &ssm.ActivationArgs{
		Description:       pulumi.String("Registers ECS Anywhere hosts with " + name),
		Name:              pulumi.String(name + "-onprem"),
		IamRole:           role.Name,
		RegistrationLimit: pulumi.Int(a.RegistrationLimit()),
		ExpirationDate:    pulumi.String(expiry.Format(time.RFC3339)),
		Tags:              tags,
	}, parent)
	if err != nil {
		return err
	}
	c.AnywhereRoleName = role.Name
	c.AnywhereActivationID = act.ID().ToStringOutput()
	// The code registers hosts until the activation expires: it is a credential.
	c.AnywhereActivationCode = pulumi.ToSecret(act.ActivationCode).(pulumi.StringOutput)
	hosts := a.HostOS
	if len(hosts) == 0 {
		hosts = []spec.HostOS{spec.HostLinux}
	}
	c.AnywhereRegistrationCommands = map[spec.HostOS]pulumi.StringOutput{}
	for _, host := range hosts {
		command := pulumi.All(c.ClusterName, act.ID(), act.ActivationCode).ApplyT(func(v []any) string {
			return registrationCommand(host, args.Region, v[0].(string), string(v[1].(pulumi.ID)), v[2].(string))
		}).(pulumi.StringOutput)
		c.AnywhereRegistrationCommands[host] = pulumi.ToSecret(command).(pulumi.StringOutput)
	}
	return nil
}

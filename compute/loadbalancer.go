package compute

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	httpsPort = 443
	httpPort  = 80
	// TLSPolicy is the listener's security policy: TLS 1.3 and 1.2 with forward-secret ciphers only (FSBP
	// ELB.17's recommended set).
	TLSPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	// accessLogPrefix is where the load balancer writes in its log bucket.
	accessLogPrefix = "alb"
)

// listenerPorts are the ports clients reach: HTTPS and its HTTP redirect with a certificate, else HTTP.
func listenerPorts(s LoadBalancerSettings) []int {
	if s.CertificateARN != "" {
		return []int{httpsPort, httpPort}
	}
	return []int{httpPort}
}

// notFound is the listeners' default action: a request no service's rule matches gets a 404.
var notFound = lb.ListenerDefaultActionArgs{
	Type: pulumi.String("fixed-response"),
	FixedResponse: &lb.ListenerDefaultActionFixedResponseArgs{
		ContentType: pulumi.String("text/plain"),
		MessageBody: pulumi.String("no service here"),
		StatusCode:  pulumi.String("404"),
	},
}

// declareLoadBalancer declares the internal load balancer in the app subnets with its access logs and
// listeners: HTTPS with a modern TLS policy plus an HTTP-to-HTTPS redirect when a certificate is set,
// otherwise (dev only) plain HTTP.
func (c *Cluster) declareLoadBalancer(ctx *pulumi.Context, name string, albSG pulumi.IDOutput, args *ClusterArgs, parent pulumi.ResourceOption) error {
	s := args.Settings
	logs, err := newAccessLogs(ctx, name+"-alb-logs", accessLogsArgs{
		RetentionDays: s.LoadBalancer.AccessLogRetentionDays, Protect: s.Protect, AccountID: args.AccountID,
	}, parent)
	if err != nil {
		return err
	}
	alb, err := lb.NewLoadBalancer(ctx, name, &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(true),
		Subnets:                  args.AppSubnetIDs,
		SecurityGroups:           pulumi.StringArray{albSG},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String("defensive"),
		EnableDeletionProtection: pulumi.Bool(s.Protect),
		AccessLogs: &lb.LoadBalancerAccessLogsArgs{
			Bucket:  logs.Bucket,
			Prefix:  pulumi.String(accessLogPrefix),
			Enabled: pulumi.Bool(true),
		},
	}, parent, pulumi.DependsOn([]pulumi.Resource{logs})) // the whole bucket, its policy included
	if err != nil {
		return err
	}
	c.ALBARN = alb.Arn
	c.ALBDNSName = alb.DnsName

	if s.LoadBalancer.CertificateARN == "" {
		http, err := lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(httpPort),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions:  lb.ListenerDefaultActionArray{notFound},
		}, parent)
		if err != nil {
			return err
		}
		c.ListenerARN = http.Arn
		return nil
	}

	https, err := lb.NewListener(ctx, name+"-https", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(httpsPort),
		Protocol:        pulumi.String("HTTPS"),
		SslPolicy:       pulumi.String(TLSPolicy),
		CertificateArn:  pulumi.String(s.LoadBalancer.CertificateARN),
		DefaultActions:  lb.ListenerDefaultActionArray{notFound},
	}, parent)
	if err != nil {
		return err
	}
	c.ListenerARN = https.Arn
	_, err = lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(httpPort),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions: lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{
			Type: pulumi.String("redirect"),
			Redirect: &lb.ListenerDefaultActionRedirectArgs{
				Protocol:   pulumi.String("HTTPS"),
				Port:       pulumi.String("443"),
				StatusCode: pulumi.String("HTTP_301"),
			},
		}},
	}, parent)
	return err
}

package compute

import (
	"encoding/json"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// declareRepository declares a service's own ECR repository (immutable tags, scan on push, encrypted with
// the cluster's key) and the lifecycle policy that keeps its newest images.
func declareRepository(ctx *pulumi.Context, prefix string, s ServicesSettings, keyARN pulumi.StringInput, parent pulumi.ResourceOption) (*ecr.Repository, error) {
	repo, err := ecr.NewRepository(ctx, prefix, repositoryArgs(keyARN, s.Protect), parent, pulumi.Protect(s.Protect))
	if err != nil {
		return nil, err
	}
	policy, err := lifecyclePolicy(s.ECR.KeepImages)
	if err != nil {
		return nil, err
	}
	if _, err := ecr.NewLifecyclePolicy(ctx, prefix, &ecr.LifecyclePolicyArgs{Repository: repo.Name, Policy: pulumi.String(policy)}, parent); err != nil {
		return nil, err
	}
	return repo, nil
}

// repositoryArgs are a service repository's: immutable tags, scan on push, KMS with keyARN; without
// protection (dev) a destroy may delete the images.
func repositoryArgs(keyARN pulumi.StringInput, protect bool) *ecr.RepositoryArgs {
	return &ecr.RepositoryArgs{
		ImageTagMutability:         pulumi.String("IMMUTABLE"),
		ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{ScanOnPush: pulumi.Bool(true)},
		EncryptionConfigurations: ecr.RepositoryEncryptionConfigurationArray{
			ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: keyARN},
		},
		ForceDelete: pulumi.Bool(!protect),
	}
}

// lifecyclePolicy expires untagged images beyond the newest keep, and never a tagged one: a service runs a
// tag (immutable, one tag one image), and a rule by count over every image would expire a long-lived tag a
// service still runs once keep newer images were pushed (ECR lifecycle rules cannot see task definitions).
// Tagged images are removed by hand (docs/operations.md).
func lifecyclePolicy(keep int) (string, error) {
	b, err := json.Marshal(map[string]any{"rules": []map[string]any{{
		"rulePriority": 1,
		"description":  "Keep the newest " + strconv.Itoa(keep) + " untagged images; never expire a tag",
		"selection":    map[string]any{"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": keep},
		"action":       map[string]any{"type": "expire"},
	}}})
	return string(b), err
}

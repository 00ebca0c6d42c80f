package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writePlan(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

const oldPlan = `[
 {"type":"aws:kms/key:Key","name":"st-vpc-logs","parent":"urn:pulumi:st::p::hybridcloud:network:Vpc::st-vpc","inputs":{"description":"logs"}},
 {"type":"aws:cloudwatch/logGroup:LogGroup","name":"st-vpc-flow-logs","parent":"urn:x","inputs":{"kmsKeyId":"arn:aws:kms:r:1:st-vpc-logs","retentionInDays":30}},
 {"type":"aws:ec2/vpcEndpoint:VpcEndpoint","name":"st-vpc-logs","parent":"urn:x","inputs":{"serviceName":"logs"}},
 {"type":"aws:s3/bucketV2:BucketV2","name":"gone","parent":"urn:x","inputs":{}},
 {"type":"aws:sns/topic:Topic","name":"old-topic","parent":"urn:x","inputs":{"displayName":"ops"}}
]`

const newPlan = `[
 {"type":"aws:kms/key:Key","name":"st-foundation-logs","parent":"urn:pulumi:st::p::hybridcloud:foundation:Baseline::st-foundation","protect":true,"inputs":{"description":"logs"}},
 {"type":"aws:cloudwatch/logGroup:LogGroup","name":"st-vpc-flow-logs","parent":"urn:x","inputs":{"kmsKeyId":"arn:aws:kms:r:1:st-foundation-logs","retentionInDays":30}},
 {"type":"aws:ec2/vpcEndpoint:VpcEndpoint","name":"st-vpc-logs","parent":"urn:x","inputs":{"serviceName":"logs"}},
 {"type":"aws:sns/topic:Topic","name":"new-topic","parent":"urn:x","inputs":{"displayName":"ops"}},
 {"type":"aws:s3/bucketV2:BucketV2","name":"fresh","parent":"urn:x","inputs":{"bucket":"b"}}
]`

func TestPlanDiffNamesWhatWasRemovedAddedMovedAndChanged(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run([]string{writePlan(t, oldPlan), writePlan(t, newPlan)}, &out))
	assert.Equal(t, `moved    aws:kms/key:Key st-vpc-logs -> st-foundation-logs (inputs equal), parent hybridcloud:network:Vpc::st-vpc -> hybridcloud:foundation:Baseline::st-foundation
removed  aws:s3/bucketV2:BucketV2 gone
moved    aws:sns/topic:Topic old-topic -> new-topic (inputs equal)
added    aws:s3/bucketV2:BucketV2 fresh
changed  aws:cloudwatch/logGroup:LogGroup st-vpc-flow-logs: input kmsKeyId "arn:aws:kms:r:1:st-vpc-logs" -> "arn:aws:kms:r:1:st-foundation-logs"
`, out.String())
}

func TestARenameScopedToATypeLeavesOnlyWhatElseChanged(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run([]string{"-rename", "st-vpc-logs=st-foundation-logs@aws:kms", writePlan(t, oldPlan), writePlan(t, newPlan)}, &out))
	got := out.String()
	assert.Contains(t, got, "changed  aws:kms/key:Key st-foundation-logs: parent hybridcloud:network:Vpc::st-vpc -> hybridcloud:foundation:Baseline::st-foundation; protect false -> true\n")
	assert.NotContains(t, got, "st-vpc-flow-logs", "the reference to the renamed key is rewritten, so the log group is unchanged")
	assert.NotContains(t, got, "VpcEndpoint", "the endpoint of the same name is another type, out of the rename's scope")
}

func TestIdenticalPlansHaveNoDifferences(t *testing.T) {
	var out strings.Builder
	p := writePlan(t, newPlan)
	require.NoError(t, run([]string{p, p}, &out))
	assert.Equal(t, "no differences\n", out.String())
}

func TestBadArgumentsAreRefused(t *testing.T) {
	var out strings.Builder
	assert.ErrorContains(t, run([]string{"one.json"}, &out), "usage: plandiff")
	assert.ErrorContains(t, run([]string{"-rename", "nothing", "a", "b"}, &out), "want old=new")
	assert.Error(t, run([]string{writePlan(t, "{"), writePlan(t, "[]")}, &out))
}

package iamdoc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONWrapsStatementsInAVersionedDocument(t *testing.T) {
	doc, err := JSON(Allow([]string{"s3:GetObject"}, "arn:aws:s3:::b/*"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}`, doc)
}

package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsageWithSetsOneFigureAndKeepsTheOthers(t *testing.T) {
	u := Usage{}.With(UsageNatGB, 7).With(UsageALBLCU, 0)
	assert.Equal(t, 7.0, u.Get(UsageNatGB))
	assert.Equal(t, 0.0, u.Get(UsageALBLCU), "a zero figure is a figure, not the default")
	assert.True(t, u.IsSet(UsageALBLCU))
	assert.Equal(t, 1000.0, u.Get(UsageEndpointGB))
}

func TestEveryUsageFigureHasAPositiveDefaultAUnitAndADoc(t *testing.T) {
	figures := UsageFigures()
	require.NotEmpty(t, figures)
	for _, f := range figures {
		if f.SameAs == "" && f.FromPlan == "" {
			assert.Positive(t, f.Default, "%s: a zero default would hide a charge", f.Key)
		}
		assert.NotEmpty(t, f.Unit, f.Key)
		assert.NotEmpty(t, f.Doc, f.Key)
		assert.NoError(t, f.Key.Check(f.Default), f.Key)
	}
}

func TestCheckRefusesUnknownFiguresAndNegativeAmounts(t *testing.T) {
	require.Error(t, UsageKey("natGB").Check(1))
	assert.Contains(t, UsageKey("natGB").Check(1).Error(), "unknown usage figure (known: natGb, natInternetEgressGb, endpointGb")
	require.Error(t, UsageNatGB.Check(-5))
	assert.Contains(t, UsageNatGB.Check(-5).Error(), "-5 is negative")
	assert.NoError(t, UsageNatGB.Check(0), "zero is a figure")
	assert.ErrorContains(t, UsageFileFrequentPercent.Check(120), "over 100")
}

func TestADefaultCanBeAnotherFiguresOrThePlans(t *testing.T) {
	assert.Equal(t, 500.0, Usage{}.Get(UsageNatInternetEgressGB), "all NAT traffic by default")
	assert.Equal(t, 40.0, Usage{}.With(UsageNatGB, 40).Get(UsageNatInternetEgressGB))
	assert.Equal(t, 7.0, Usage{}.With(UsageNatGB, 40).With(UsageNatInternetEgressGB, 7).Get(UsageNatInternetEgressGB))
	assert.Equal(t, 100.0, Usage{}.GetOr(UsageDatabaseGB, 100), "the plan's value when the stack sets none")
	assert.Equal(t, 30.0, Usage{}.With(UsageDatabaseGB, 30).GetOr(UsageDatabaseGB, 100))
}

func TestNewUsageKeepsWhatItIsGivenAndDefaultsTheRest(t *testing.T) {
	set := map[UsageKey]float64{UsageNatGB: 3}
	u := NewUsage(set)
	set[UsageNatGB] = 99 // the caller's map is not shared
	assert.Equal(t, 3.0, u.Get(UsageNatGB))
	assert.False(t, u.IsSet(UsageALBLCU))
	assert.Equal(t, 2.0, u.Get(UsageALBLCU))
}

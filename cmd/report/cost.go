package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/insurance/hybridcloud/internal/report/cost"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

func runCost(argv []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("report cost", flag.ContinueOnError)
	flags.SetOutput(stderr)
	sf := addStackFlags(flags)
	format := flags.String("format", "text", "text (tables per component) or json")
	priceFile := flags.String("prices", "", "price table YAML (default: the embedded "+prices.DefaultFile+")")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("report cost: -format %q: want text or json", *format)
	}
	table, err := prices.Load(*priceFile)
	if err != nil {
		return err
	}
	sp, err := sf.load()
	if err != nil {
		return err
	}
	report, err := cost.Build(sp.result, cost.Inputs{
		Stack: sp.config.Stack, Region: sp.config.Region, Usage: sp.config.Usage, Prices: table,
	})
	if err != nil {
		return err
	}
	if *format == "json" {
		return report.WriteJSON(stdout)
	}
	return report.WriteText(stdout)
}

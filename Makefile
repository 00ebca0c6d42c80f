# Everyday commands. `make test` is what CI runs; `make plan` needs no AWS account and no Pulumi CLI.
STACK  ?=
FORMAT ?= text
MODE   ?= preview
# NOW is the day dated config (activation expiries) is checked against; empty means today.
NOW    ?=
VIF    ?=
MINUTES ?= 30
GOBIN  ?= $(shell go env GOPATH)/bin
GOLANGCI_LINT_VERSION := v2.1.6
ACTIONLINT_VERSION    := v1.7.7

.PHONY: build test lint tools plan preview up require-stack failover-test failover-test-stop cost diagram mutate

build: ## Compile the program, the plan tool and the policy pack.
	go build ./...

test: ## gofmt check, go vet, and every unit test (mocks only: no AWS, no Pulumi CLI).
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	go test -count=1 ./...

mutate: ## Mutation test of the policy rules (a few minutes): prints the score, fails unless every mutant is killed (docs/policy.md).
	go run ./policy/mutate

tools: ## Install the pinned linters into GOBIN.
	@test -x "$(GOBIN)/golangci-lint" && "$(GOBIN)/golangci-lint" version 2>/dev/null | grep -q "$(GOLANGCI_LINT_VERSION:v%=%)" || \
		go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
	@test -x "$(GOBIN)/actionlint" || go install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

lint: tools ## golangci-lint on the Go code, actionlint on the workflows.
	"$(GOBIN)/golangci-lint" run ./...
	@if ls .github/workflows/*.y*ml >/dev/null 2>&1; then "$(GOBIN)/actionlint"; fi

require-stack:
	@test -n "$(STACK)" || { echo "set STACK, e.g. make $(MAKECMDGOALS) STACK=dev"; exit 2; }

plan: require-stack ## Offline plan of STACK under mocks (FORMAT=text|json, MODE=preview|up, NOW=YYYY-MM-DD).
	@go run ./cmd/plan -stack "$(STACK)" -format "$(FORMAT)" -mode "$(MODE)" -now "$(NOW)"

cost: require-stack ## Monthly cost estimate of STACK from its offline plan (FORMAT=text|json, NOW=YYYY-MM-DD); docs/cost.md.
	@go run ./cmd/report cost -stack "$(STACK)" -format "$(FORMAT)" -now "$(NOW)"

diagram: require-stack ## Architecture diagram of STACK from its offline plan into docs/diagrams (prod also refreshes README.md).
	@go run ./cmd/report diagram -stack "$(STACK)" -out docs/diagrams -now "$(NOW)" $(if $(filter prod,$(STACK)),-readme README.md)

preview: require-stack ## Real `pulumi preview` of STACK (needs the Pulumi CLI and AWS credentials).
	pulumi preview --stack "$(STACK)" --diff

up: require-stack ## Real `pulumi up` of STACK (needs the Pulumi CLI and AWS credentials).
	pulumi up --stack "$(STACK)"

failover-test: ## Direct Connect BGP failover drill on one VIF of a deployed stack: STACK=prod VIF=ash-a MINUTES=30 (docs/hybrid.md).
	@go run ./cmd/failover -stack "$(STACK)" -vif "$(VIF)" -minutes "$(MINUTES)" start

failover-test-stop: ## End the BGP failover drill early: STACK=prod VIF=ash-a.
	@go run ./cmd/failover -stack "$(STACK)" -vif "$(VIF)" stop

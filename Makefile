# Everyday commands. `make test` is what CI runs; `make plan` needs no AWS account and no Pulumi CLI.
STACK  ?=
FORMAT ?= text
MODE   ?= preview
# NOW is the deployment day an offline plan plays (YYYY-MM-DD; empty: today): only the self-renewing
# activations' expiry dates depend on it.
NOW    ?=
VIF    ?=
MINUTES ?= 30
# APPLY=1 makes db-bootstrap run its SQL against the deployed STACK; CA is the RDS CA bundle psql verifies it by.
APPLY  ?=
CA     ?=
# DRY_RUN=1 makes dr-failover and dr-failback print their AWS CLI commands without running them.
DRY_RUN ?=
# WRITE=1 makes dr-promote write the promoted stack file over Pulumi.<STACK>.yaml instead of printing it.
WRITE  ?=
GOBIN  ?= $(shell go env GOPATH)/bin
GOLANGCI_LINT_VERSION := v2.1.6
ACTIONLINT_VERSION    := v1.7.7

# BASE is the git revision plan-diff compares with; RENAME lists old=new[@type-prefix] names that moved.
BASE   ?=
RENAME ?=

# The tools run as built binaries, not with `go run`, so a failure prints the tool's own message and not
# go run's "exit status 1"; `go build` is incremental, so an unchanged tool builds in about a second.
BIN    := bin

.PHONY: build test lint tools plan plan-diff preview up require-stack failover-test failover-test-stop db-bootstrap dr-failover dr-failback dr-promote cost diagram deployer-policy mutate bench-test FORCE

build: ## Compile the program, the plan tool and the policy pack.
	go build ./...

# -ldflags=-w leaves DWARF out of the test binaries: most of a warm run is linking one binary per package
# against pulumi-aws, and without debug info that is about a quarter faster (make bench-test measures it).
test: ## gofmt check, no tracked binaries, go vet, and every unit test (mocks only: no AWS, no Pulumi CLI).
	@echo "== gofmt -l (every tracked .go file)"
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	@echo "== no build output tracked (scripts/no-build-output.sh)"
	@scripts/no-build-output.sh
	@echo "== go vet ./... (a cold build cache first compiles the Pulumi and AWS SDKs: several minutes, silently)"
	go vet ./...
	@echo "== go test -count=1 -ldflags=-w ./... (one line per package as each finishes; platform and policy take longest)"
	go test -count=1 -ldflags=-w ./...

bench-test: ## Time the edit-test loop on this machine: go test ./... warm, and after editing one component file (best of RUNS=3).
	@scripts/bench-test.sh

mutate: ## Mutation test of the policy rules (a few minutes): prints the score, fails unless every mutant is killed (docs/policy.md).
	go run ./policy/mutate

tools: ## Install the pinned linters into GOBIN.
	@test -x "$(GOBIN)/golangci-lint" && "$(GOBIN)/golangci-lint" version 2>/dev/null | grep -q "$(GOLANGCI_LINT_VERSION:v%=%)" || \
		{ echo "== installing golangci-lint $(GOLANGCI_LINT_VERSION) into $(GOBIN) (first run only: a few minutes)"; \
		  go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION); }
	@test -x "$(GOBIN)/actionlint" || \
		{ echo "== installing actionlint $(ACTIONLINT_VERSION) into $(GOBIN) (first run only)"; \
		  go install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION); }

lint: tools ## golangci-lint on the Go code, actionlint on the workflows.
	@echo "== golangci-lint run ./..."
	"$(GOBIN)/golangci-lint" run ./...
	@if ls .github/workflows/*.y*ml >/dev/null 2>&1; then "$(GOBIN)/actionlint"; fi

require-stack:
	@test -n "$(STACK)" || { echo "set STACK, e.g. make $(MAKECMDGOALS) STACK=dev"; exit 2; }

$(BIN)/%: FORCE
	@go build -o $@ ./cmd/$*

plan: require-stack $(BIN)/plan ## Offline plan of STACK under mocks (FORMAT=text|json, MODE=preview|up, NOW=YYYY-MM-DD).
	@$(BIN)/plan -stack "$(STACK)" -format "$(FORMAT)" -mode "$(MODE)" -now "$(NOW)"

plan-diff: require-stack ## Diff STACK's offline JSON plan against the one at git revision BASE (MODE, NOW, RENAME='old=new ...').
	@test -n "$(BASE)" || { echo "set BASE, a git revision, e.g. make plan-diff STACK=prod BASE=HEAD~1"; exit 2; }
	@tmp="$$(mktemp -d)"; trap 'git worktree remove --force "$$tmp/base" >/dev/null 2>&1; rm -rf "$$tmp"' EXIT; \
	git worktree add --quiet --detach "$$tmp/base" "$(BASE)" && \
	(cd "$$tmp/base" && go run ./cmd/plan -stack "$(STACK)" -format json -mode "$(MODE)" -now "$(NOW)") > "$$tmp/base.json" 2>/dev/null && \
	go run ./cmd/plan -stack "$(STACK)" -format json -mode "$(MODE)" -now "$(NOW)" > "$$tmp/new.json" 2>/dev/null && \
	go run ./cmd/plandiff $(foreach r,$(RENAME),-rename $(r)) "$$tmp/base.json" "$$tmp/new.json"

cost: require-stack $(BIN)/report ## Monthly cost estimate of STACK from its offline plan (FORMAT=text|json, NOW=YYYY-MM-DD); docs/cost.md.
	@$(BIN)/report cost -stack "$(STACK)" -format "$(FORMAT)" -now "$(NOW)"

diagram: require-stack $(BIN)/report ## Architecture diagram of STACK from its offline plan into docs/diagrams (prod also refreshes README.md); lists the files written.
	@$(BIN)/report diagram -stack "$(STACK)" -out docs/diagrams -now "$(NOW)" $(if $(filter prod,$(STACK)),-readme README.md)

# The real CLI runs the policy pack too, so the checks the offline plan defers to "pulumi up" (values unknown
# at preview) are made on the way users deploy. STACK may be org/dev on Pulumi Cloud.
preview: require-stack ## Real `pulumi preview --diff` of STACK with the policy pack (needs the Pulumi CLI and AWS credentials).
	pulumi preview --stack "$(STACK)" --diff --policy-pack policy

up: require-stack ## Real `pulumi up` of STACK with the policy pack (needs the Pulumi CLI and AWS credentials).
	pulumi up --stack "$(STACK)" --policy-pack policy

deployer-policy: ## Regenerate deploy/*.json (deployer and preview IAM policies) from the table in deploy/.
	go run ./cmd/deployerpolicy -out deploy

failover-test: ## Direct Connect BGP failover drill on one VIF of a deployed stack: STACK=prod VIF=ash-a MINUTES=30 (docs/hybrid.md).
	@go run ./cmd/failover -stack "$(STACK)" -vif "$(VIF)" -minutes "$(MINUTES)" start

failover-test-stop: ## End the BGP failover drill early: STACK=prod VIF=ash-a.
	@go run ./cmd/failover -stack "$(STACK)" -vif "$(VIF)" stop

db-bootstrap: require-stack $(BIN)/dbbootstrap ## Print the SQL creating each database service's IAM-only role from STACK's file; APPLY=1 CA=<RDS CA bundle> runs it as the master user (docs/operations.md).
	@$(BIN)/dbbootstrap -stack "$(STACK)" $(if $(APPLY),-apply -ca "$(CA)")
dr-failover: require-stack $(BIN)/drfailover ## Fail STACK over to its DR region: promote the replica, scale the DR compute, switch the internal names (DRY_RUN=1 prints the commands; docs/dr.md).
	@$(BIN)/drfailover -stack "$(STACK)" $(if $(DRY_RUN),-dry-run) failover

dr-failback: require-stack $(BIN)/drfailover ## Return STACK to its primary region once it serves again (DRY_RUN=1 prints the commands; docs/dr.md).
	@$(BIN)/drfailover -stack "$(STACK)" $(if $(DRY_RUN),-dry-run) failback

dr-promote: require-stack $(BIN)/drfailover ## After a failover, make STACK's DR region the primary in code: print the promoted stack file (WRITE=1 writes it over Pulumi.<STACK>.yaml; docs/dr.md).
	@$(BIN)/drfailover -stack "$(STACK)" $(if $(WRITE),-write) promote

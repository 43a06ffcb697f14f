# StoryDesk — `make run` opens the console on the demo queue, `make test` is
# what CI runs (.ci/run). Other targets: build, vet, bench (with the linearity check), bench-instr, screenshot, deps.
#
# Each target is a short recipe; add new test setups (e.g. PostgreSQL) as
# their own target and list it in `test`.

SHELL := /bin/bash
BIN := bin/storydesk

# Go: the one on PATH if it is 1.21 or newer (it fetches the exact version
# go.mod names by itself), else that version unpacked under ~/.cache by
# .ci/fetch-go.sh from the Go module proxy.
GO_VERSION := $(shell sed -n 's/^go \([0-9.]*\).*/\1/p' go.mod)
LOCAL_GO := $(HOME)/.cache/storydesk/go$(GO_VERSION)/bin/go
SYS_GO_OK := $(shell go env GOVERSION 2>/dev/null | awk -F'[go.]' '$$3 > 1 || ($$3 == 1 && $$4 >= 21) { print "yes" }')
ifeq ($(SYS_GO_OK),yes)
GO ?= go
else
GO ?= $(LOCAL_GO)
endif
# Fyne logs "Error parsing user locale C" under LANG=C; any real tag avoids it.
export LANG := en_GB.UTF-8
export GOFLAGS ?= -buildvcs=false

# Debian/Ubuntu packages: the cgo build of Fyne's GL driver, and the virtual
# display + tools for the smoke test and screenshots.
BUILD_DEBS := gcc libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
TEST_DEBS := xvfb xdotool imagemagick

# Packages tested without -race: the desktop binary (a race build recompiles
# the cgo GL driver, minutes for no gain: its logic lives in ui/).
NORACE := /cmd/storydesk$$

.PHONY: run build test vet unit smoke linear bench bench-instr screenshot deps deps-build deps-test go-check loadtest

run: deps-build build
	./$(BIN)

build: go-check
	$(GO) build -o $(BIN) ./cmd/storydesk

test: deps vet unit smoke linear

vet: go-check
	$(GO) vet ./...

# The server store suite and the two-replica test need PostgreSQL: a
# throwaway cluster in a temp dir on a loopback port (scripts/pg-test.sh
# installs the Debian package when missing), stopped afterwards. Without it
# those tests skip and say why; with CI=true they fail.
unit: go-check
	@d=$$(mktemp -d /tmp/storydesk-pg.XXXXXX); \
	trap 'scripts/pg-test.sh stop "$$d" >/dev/null 2>&1; rm -rf "$$d"' EXIT; \
	if dsn=$$(scripts/pg-test.sh start "$$d"); then export STORYDESK_TEST_PG=$$dsn; \
	else echo "PostgreSQL did not start: its tests will skip (fail with CI=true)"; fi; \
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v -E '$(NORACE)') && \
	$(GO) test -count=1 $$($(GO) list ./... | grep -E '$(NORACE)')

# Bounded load test on loopback: 100 moderators, 20,000 stories, SQLite (one
# process) beside PostgreSQL (two replicas). KILL=1 SIGKILLs one replica mid-run;
# THINK=200ms gives each moderator a random pause before each claim (reading
# time); without it every moderator claims at once and never pauses. RAMP=2s
# starts the moderators evenly over 2 s instead of in the same instant.
loadtest: go-check
	$(GO) build -o bin/ ./cmd/storydesk-server ./cmd/storydesk-loadtest
	@d=$$(mktemp -d /tmp/storydesk-pg.XXXXXX); \
	trap 'scripts/pg-test.sh stop "$$d" >/dev/null 2>&1; rm -rf "$$d"' EXIT; \
	dsn=$$(scripts/pg-test.sh start "$$d") && \
	bin/storydesk-loadtest --moderators 100 --stories 20000 --timeout 10m \
		--server-bin bin/storydesk-server --compare-pg "$$dsn" $(if $(KILL),--kill-one) $(if $(THINK),--think $(THINK)) $(if $(RAMP),--ramp $(RAMP))

smoke: build
	.ci/smoke.sh $(BIN)

# The engine's cost grows with the story's size, not faster: a rule that
# reads every name again for every word passes every test and makes the
# 1 MB story ten times slower (.ci/linear.sh: the 4 MB rate at least 70%
# of the 1 MB rate).
linear: go-check
	GO=$(GO) .ci/linear.sh

# Benchmarks of every package, figures printed (ns/op, B/op, allocs/op),
# then the engine's linearity check (.ci/linear.sh).
bench: go-check
	$(GO) test -run '^$$' -bench . -benchmem ./...
	GO=$(GO) .ci/linear.sh

# The engine's instructions a dev story (cachegrind): steady where the
# wall clock is not, for comparing two versions of the engine.
bench-instr: go-check
	GO=$(GO) .ci/instr.sh

# docs/screenshot-review.png: the real window under a private Xvfb on a
# fresh copy of the demo queue.
SHOT_STORY ?= demo-030
SHOT_KEYS ?= bracketright bracketright
screenshot: deps build
	@d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	KEYS="$(SHOT_KEYS)" SETTLE=2 SHOT=window .ci/screenshot.sh docs/screenshot-review.png -- ./$(BIN) --db "$$d/shot.db" --moderator demo --theme light --open $(SHOT_STORY)

deps: deps-build deps-test

deps-build:
	@$(MAKE) --no-print-directory _apt PKGS="$(BUILD_DEBS)"

deps-test:
	@$(MAKE) --no-print-directory _apt PKGS="$(TEST_DEBS)"

# _apt installs the missing PKGS: as root, else with sudo, else it prints the
# apt-get line. Quick when everything is there (one dpkg-query).
.PHONY: _apt
_apt:
	@missing=$$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $(PKGS) 2>/dev/null | awk '$$1=="ii"{print $$2}' | \
		sort | comm -13 - <(tr ' ' '\n' <<<"$(PKGS)" | sort)); \
	[ -z "$$missing" ] && exit 0; \
	line="apt-get install -y --no-install-recommends $$(echo $$missing)"; \
	if ! command -v apt-get >/dev/null; then echo "Missing system packages: $$(echo $$missing). Install them with your package manager."; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; \
	else echo "Missing system packages. As root, run:"; echo "  apt-get update && $$line"; exit 1; fi; \
	echo "Installing $$(echo $$missing)"; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo $$line -qq

go-check:
	@if ! command -v $(GO) >/dev/null; then \
		command -v curl >/dev/null || command -v wget >/dev/null || $(MAKE) --no-print-directory _apt PKGS="curl ca-certificates"; \
		command -v unzip >/dev/null || command -v python3 >/dev/null || $(MAKE) --no-print-directory _apt PKGS="unzip"; \
		.ci/fetch-go.sh $(GO_VERSION) $(dir $(patsubst %/,%,$(dir $(LOCAL_GO)))); \
	fi

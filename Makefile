# Partner Risk. `make run` opens the app; `make test` runs every check and test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

.PHONY: deps deps-test ui run test lint bench bundle icons

# What building and running needs; deps-test adds the tools only the checks and tests use.
deps:
	@scripts/install-deps.sh

deps-test:
	@scripts/install-deps.sh --test

ui: deps
	npm --prefix ui run build

# Opens the desktop app on the default workspace (pass ARGS="--db PATH" for another).
run: ui
	cargo run --features custom-protocol --bin partner-risk -- $(ARGS)

# Formatting, the licences of the Rust dependencies (allow-list in scripts/licences.txt),
# the UI's TypeScript and CSS (Biome, rules in ui/biome.jsonc) and clippy.
lint: deps-test
	cargo fmt --all --check
	python3 scripts/check-licences.py --self-test
	python3 scripts/check-licences.py
	npm --prefix ui run lint
	cargo clippy --workspace --all-targets -- -D warnings

# Rust tests (core, CLI, commands, bindings, end-to-end in the real window), the UI's
# component tests, and a short run of the crash harness on the debug prisk that
# `cargo test` has just built (`scripts/crash-harness.sh 500` for a long one).
test: deps-test ui lint
	npm --prefix ui test
	cargo test --workspace
	scripts/crash-harness.sh 20

# Criterion benchmarks of the store (release build); figures in target/criterion.
bench: deps
	cargo bench -p partner-risk-core --bench store
	cargo bench -p partner-risk-core --bench workshop

# A .deb package of the app, with `prisk` in /usr/bin, in target/release/bundle/deb.
bundle: deps
	cargo build --release -p partner-risk-cli
	npm --prefix ui exec -- tauri build --bundles deb

# Regenerates every icon size from the drawn source image.
icons: deps-test
	python3 scripts/icon-source.py icons/source.png
	npm --prefix ui exec -- tauri icon icons/source.png -o icons
	rm -rf icons/android icons/ios icons/Square*Logo.png icons/StoreLogo.png

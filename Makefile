# Partner Risk. `make run` opens the app; `make test` runs every check and test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

.PHONY: deps ui run test lint bench bundle icons

deps:
	@scripts/install-deps.sh

ui: deps
	npm --prefix ui run build

# Opens the desktop app on the default workspace (pass ARGS="--db PATH" for another).
run: ui
	cargo run --features custom-protocol --bin partner-risk -- $(ARGS)

lint: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

# Rust tests (core, CLI, commands, bindings, end-to-end in the real window) and the UI's
# component tests.
test: ui lint
	npm --prefix ui test
	cargo test --workspace

# Criterion benchmarks of the store (release build); figures in target/criterion.
bench: deps
	cargo bench -p partner-risk-core --bench store
	cargo bench -p partner-risk-core --bench workshop

# A .deb package of the app in target/release/bundle/deb.
bundle: deps
	npm --prefix ui exec -- tauri build --bundles deb

# Regenerates every icon size from the drawn source image.
icons: deps
	python3 scripts/icon-source.py icons/source.png
	npm --prefix ui exec -- tauri icon icons/source.png -o icons
	rm -rf icons/android icons/ios icons/Square*Logo.png icons/StoreLogo.png

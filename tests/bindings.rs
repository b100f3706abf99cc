//! The UI's typed command wrappers and every type they carry are generated from the Rust
//! commands (`src-tauri/src/ipc.rs`, ts-rs for the types) into `ui/src/bindings.ts`. This
//! test fails when that file is stale; run `UPDATE_BINDINGS=1 cargo test --test bindings`
//! to regenerate it.

#[test]
fn bindings_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
    let fresh = partner_risk_app::ipc::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings`"
    );
}

/// Two Rust types that reach the UI under one TypeScript name would leave one of them
/// declared wrongly (the file keeps the first).
#[test]
fn no_two_types_share_a_typescript_name() {
    let clashes = partner_risk_app::ipc::name_clashes();
    assert!(
        clashes.is_empty(),
        "these TypeScript names are given to two different Rust types: {clashes:?}; \
         rename one with #[ts(rename = \"…\")]"
    );
}

/// The shell's floors: the workspace, the voting room, errors and rendering sit below the
/// commands and the command list, and never reach up into them (the commands use them).
#[test]
fn the_shell_below_the_commands_does_not_use_them() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src");
    for module in ["workspace.rs", "voting_room.rs", "error.rs", "rendering.rs"] {
        let code = std::fs::read_to_string(src.join(module)).unwrap();
        for upper in ["crate::commands", "crate::ipc", "super::commands"] {
            assert!(
                !code.contains(upper),
                "src-tauri/src/{module} uses {upper}: move what it needs down beside it"
            );
        }
    }
}

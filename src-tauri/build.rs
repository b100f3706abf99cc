fn main() {
    // The window's capabilities live in src-tauri/capabilities/; tauri-build looks beside
    // the root Cargo.toml by default, and without them the page may not listen to the
    // shell's events (the File menu's Restore from Backup…, Merge a File…, a workspace
    // opened from the menu).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    )
    .expect("tauri-build failed");
}

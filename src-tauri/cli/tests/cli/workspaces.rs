//! Workspace files: where `prisk init` puts them, the warning for a synced folder,
//! waiting for another program's write lock, and backups: taken, listed, restored, and
//! named when the workspace is damaged.

use std::path::PathBuf;

use crate::support::{json, ok, prisk, prisk_command, prisk_in, snapshot, workspace, DEMO};

#[test]
fn init_creates_a_workspace_at_the_given_or_default_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/dir/w.prisk");
    let out = ok(&db, &["init"]);
    assert_eq!(out.trim(), db.to_str().unwrap());
    assert!(db.exists());

    let env_db = dir.path().join("env.prisk");
    let run = prisk_in(&[("PARTNER_RISK_DB", env_db.to_str().unwrap())], &["init"]);
    assert_eq!(run.stdout.trim(), env_db.to_str().unwrap());

    let data = dir.path().join("data");
    let run = prisk_in(&[("XDG_DATA_HOME", data.to_str().unwrap())], &["init"]);
    let expected = data.join("org.partnerrisk.desktop/workspace.prisk");
    assert_eq!(run.stdout.trim(), expected.to_str().unwrap());
    assert!(expected.exists());
}

#[test]
fn a_workspace_in_a_synced_folder_gets_a_warning_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("Dropbox").join("w.prisk");
    let run = prisk(&db, &["init"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        db.to_str().unwrap(),
        "the output stays the command's"
    );
    assert!(
        run.stderr.starts_with("prisk: warning: ") && run.stderr.contains("synced by Dropbox"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_write_waits_for_another_programs_lock_and_then_lands() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", "Acme"]);
    // This test process holds the write lock, as the app does while it writes.
    let holder =
        partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::Existing).unwrap();
    holder
        .connection()
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
        .unwrap();
    let mut prisk = prisk_command()
        .args([
            "--db",
            db.to_str().unwrap(),
            "risk",
            "add",
            "--partnership",
            "Acme",
        ])
        .args([
            "--category",
            "exit",
            "--title",
            "Written after the other program's commit",
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(
        prisk.try_wait().unwrap().is_none(),
        "prisk waits for the lock"
    );
    holder.connection().execute_batch("COMMIT").unwrap();
    assert!(prisk.wait().unwrap().success());
    let risks = json(&db, &["risk", "list", "--partnership", "Acme", "--json"]);
    assert_eq!(risks.as_array().unwrap().len(), 1);
}

#[test]
fn backups_are_taken_listed_and_restored_and_a_damaged_workspace_is_refused() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    // The demo wrote to the workspace: a session backup was taken after it.
    let listed = json(&db, &["backup", "list", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["reason"], "session");

    let out = ok(&db, &["backup", "create"]);
    let manual = PathBuf::from(out.lines().next().unwrap());
    assert!(manual.starts_with(dir.path().join("backups")), "{out}");
    assert!(manual.to_str().unwrap().ends_with("-manual.prisk"));
    let listed = json(&db, &["backup", "list", "--json"]);
    let newest = &listed.as_array().unwrap()[0];
    assert_eq!(newest["path"], manual.to_str().unwrap());
    assert_eq!(newest["reason"], "manual");
    assert_eq!(newest["partnerships"], 1);
    let risks = newest["risks"].as_i64().unwrap();
    assert!(risks > 10, "{newest}");
    assert!(newest["size"].as_u64().unwrap() > 0);
    assert!(newest["at"].as_str().is_some());

    // A second partnership, then a look at what restoring would do: nothing changes.
    ok(&db, &["partnership", "add", "--name", "Second"]);
    let before = snapshot(&db);
    let out = ok(&db, &["backup", "restore", manual.to_str().unwrap()]);
    assert!(
        out.contains(&format!("1 partnership, {risks} risks")),
        "{out}"
    );
    assert!(
        out.contains(&format!("which holds 2 partnerships, {risks} risks")),
        "{out}"
    );
    assert!(out.contains("--yes"), "{out}");
    assert_eq!(snapshot(&db), before);

    let out = ok(
        &db,
        &["backup", "restore", manual.to_str().unwrap(), "--yes"],
    );
    assert!(out.contains("the previous file was kept as"), "{out}");
    let names = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(names.as_array().unwrap().len(), 1);

    // Damage the workspace: every command that opens it exits 2 and names the backup.
    let len = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let run = prisk(&db, &["partnership", "list"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    for part in [
        "the workspace file is damaged",
        "backup restore",
        "--yes",
        "-before_restore.prisk", // the newest good backup: the file as it was before
    ] {
        assert!(run.stderr.contains(part), "{part:?} in {}", run.stderr);
    }
    // The backups are still listed, and the newest good one brings the workspace back.
    let out = ok(&db, &["backup", "list"]);
    assert!(out.contains("before_restore"), "{out}");
    ok(
        &db,
        &["backup", "restore", manual.to_str().unwrap(), "--yes"],
    );
    let names = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(names[0]["name"], DEMO);
}

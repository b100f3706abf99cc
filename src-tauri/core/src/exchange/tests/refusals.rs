//! Files refused whole, nothing written: damaged, tampered, newer, for another
//! partnership, on an unknown base, crafted to reach another partnership.

use super::*;

#[test]
fn bad_files_are_refused_and_nothing_is_written() {
    let mut t = two(1);
    let good = send(&mut t.a, &t.pid, &t.dir.join("good.prisk-exchange"));
    let bytes = std::fs::read(&good).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = t.dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let mut tampered = bytes.clone();
    let last = tampered.len() - 10;
    tampered[last] ^= 0x55;
    let newer = String::from_utf8_lossy(&bytes[..bytes.iter().position(|b| *b == b'\n').unwrap()])
        .replace("\"version\":1", "\"version\":2");
    let mut newer_file = newer.into_bytes();
    newer_file.extend_from_slice(&bytes[bytes.iter().position(|b| *b == b'\n').unwrap()..]);
    let cases = [
        (
            write("tampered.prisk-exchange", &tampered),
            "does not match its digest",
        ),
        (
            write("short.prisk-exchange", &bytes[..bytes.len() - 5]),
            "cut short",
        ),
        (
            write("newer.prisk-exchange", &newer_file),
            "newer Partner Risk",
        ),
        (
            write("other.prisk-exchange", b"hello\n"),
            "not a Partner Risk exchange file",
        ),
    ];
    let before = snapshot::read(t.b.connection(), &t.pid).unwrap();
    for (path, reason) in cases {
        let err = merge_file(&mut t.b, &path, &MergeOptions::default(), false).unwrap_err();
        assert!(err.to_string().contains(reason), "{err}");
    }
    // A file for another partnership than the one named.
    let other =
        t.b.create_partnership(PartnershipFields::new("Other"), "5x5")
            .unwrap();
    let options = MergeOptions {
        partnership: Some(other.id.clone()),
        ..Default::default()
    };
    let err = merge_file(&mut t.b, &good, &options, false).unwrap_err();
    assert!(err.to_string().contains("is for partnership"), "{err}");
    assert_eq!(before, snapshot::read(t.b.connection(), &t.pid).unwrap());
}

#[test]
fn an_unknown_base_is_refused_and_no_base_compares_two_ways() {
    let mut t = two(2);
    // A third workspace that got the partnership some other way (a JSON copy): it has no
    // base in common with A's later files.
    let mut c = Store::open(t.dir.join("c.prisk"), OpenMode::CreateIfMissing).unwrap();
    let doc = crate::interchange::export_partnership(&t.a, &t.pid).unwrap();
    crate::interchange::import_partnership(&mut c, doc).unwrap();
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
    let err = merge_file(&mut c, &fa, &MergeOptions::default(), false).unwrap_err();
    assert!(err.to_string().contains("never had"), "{err}");
    let two_way = MergeOptions {
        two_way: true,
        ..Default::default()
    };
    let p = preview(&c, &fa, &two_way).unwrap();
    assert_eq!(p.mode, Mode::TwoWay);
    // Only history differs (audit rows unite), so nothing asks.
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
}

#[test]
fn a_crafted_file_cannot_reach_into_another_partnership() {
    let mut t = two(1);
    // Another partnership of B's, whose risk the file's action claims.
    let other =
        t.b.create_partnership(PartnershipFields::new("Other"), "5x5")
            .unwrap();
    let victim =
        t.b.add_risk(&other.id, RiskFields::new("technical", "Theirs"))
            .unwrap();
    let good = send(&mut t.a, &t.pid, &t.dir.join("good.prisk-exchange"));
    let mut payload = file::read(&good).unwrap();
    let mut action = Row::new();
    for (f, v) in [
        ("id", json!("evil")),
        ("risk_id", json!(victim.id)),
        ("title", json!("Injected")),
        ("status", json!("planned")),
    ] {
        action.insert(f.into(), v);
    }
    payload
        .records
        .tables
        .entry("actions".into())
        .or_default()
        .insert("evil".into(), action);
    payload.digest = payload.records.digest();
    let crafted = t.dir.join("crafted.prisk-exchange");
    std::fs::write(&crafted, file::encode(&payload).unwrap()).unwrap();
    let err = merge_file(&mut t.b, &crafted, &MergeOptions::default(), false).unwrap_err();
    assert!(
        err.to_string().contains("names no risks of the file"),
        "{err}"
    );
    assert!(t.b.actions(&victim.id).unwrap().is_empty());
}

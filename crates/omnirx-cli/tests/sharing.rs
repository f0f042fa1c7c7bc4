//! `omnirx export`, `anonymise`, `encrypt` and `decrypt` run as a user runs them
//! (docs/sharing.md).

use std::process::{Command, Stdio};

fn omnirx(arguments: &[&str], passphrase: Option<&str>) -> (i32, Vec<u8>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_omnirx"));
    command.args(arguments).env_remove("OMNIRX_PASSPHRASE");
    if let Some(passphrase) = passphrase {
        command.env("OMNIRX_PASSPHRASE", passphrase);
    }
    let output = command
        .stdin(Stdio::null())
        .output()
        .expect("the omnirx binary runs");
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("omnirx-sharing-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

fn demo() -> (std::path::PathBuf, serde_json::Value) {
    let (code, bytes, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "5"], None);
    assert_eq!(code, 0);
    let value = serde_json::from_slice(&bytes).unwrap();
    (file("demo.omnirx.json", &bytes), value)
}

#[test]
fn a_territory_s_last_months_export_as_a_valid_file() {
    let (demo, value) = demo();
    let territory = value["workspace"]["territories"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, part, errors) = omnirx(
        &[
            "export",
            demo.to_str().unwrap(),
            "--territories",
            &territory,
            "--from",
            "2026-05-01",
            "--to",
            "2026-10-31",
        ],
        None,
    );
    assert_eq!(code, 0, "{errors}");
    let part_file = file("part.omnirx.json", &part);
    let (code, report, _) = omnirx(&["validate", part_file.to_str().unwrap()], None);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&report));
    let part: serde_json::Value = serde_json::from_slice(&part).unwrap();
    for account in part["workspace"]["accounts"].as_array().unwrap() {
        assert_eq!(account["territory_id"], territory.as_str());
    }
    // An unknown id, or a range that ends before it starts, is a usage error.
    let (code, _, errors) = omnirx(
        &["export", demo.to_str().unwrap(), "--reps", "rep-none"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        errors.contains("no rep has the id \"rep-none\""),
        "{errors}"
    );
    let arguments = [
        "export",
        demo.to_str().unwrap(),
        "--from",
        "2026-09-01",
        "--to",
        "2026-08-01",
    ];
    assert_eq!(omnirx(&arguments, None).0, 2);
}

#[test]
fn an_anonymised_copy_validates_and_names_nobody_from_the_original() {
    let (demo, value) = demo();
    let (code, copy, errors) = omnirx(&["anonymise", demo.to_str().unwrap(), "--seed", "9"], None);
    assert_eq!(code, 0, "{errors}");
    let text = String::from_utf8(copy.clone()).unwrap();
    for hcp in value["workspace"]["hcps"].as_array().unwrap() {
        let name = hcp["name"].as_str().unwrap();
        assert!(!text.contains(&format!("\"{name}\"")), "{name} survived");
    }
    let copy_file = file("copy.omnirx.json", &copy);
    assert_eq!(
        omnirx(&["validate", copy_file.to_str().unwrap()], None).0,
        0
    );
    // The same seed, the same copy.
    assert_eq!(
        omnirx(&["anonymise", demo.to_str().unwrap(), "--seed", "9"], None).1,
        copy
    );
}

#[test]
fn a_sealed_file_opens_with_its_passphrase_and_says_when_it_is_wrong_or_damaged() {
    let (demo, _) = demo();
    let (code, sealed, errors) = omnirx(&["encrypt", demo.to_str().unwrap()], Some("口令 secret"));
    assert_eq!(code, 0, "{errors}");
    let sealed_file = file("sealed.json", &sealed);
    let (code, opened, errors) = omnirx(
        &["decrypt", sealed_file.to_str().unwrap()],
        Some("口令 secret"),
    );
    assert_eq!(code, 0, "{errors}");
    assert_eq!(opened, std::fs::read(&demo).unwrap());
    for _ in 0..5 {
        let (code, opened, errors) =
            omnirx(&["decrypt", sealed_file.to_str().unwrap()], Some("wrong"));
        assert_eq!((code, opened.is_empty()), (1, true));
        assert!(errors.contains("The passphrase is wrong."), "{errors}");
    }
    // Cut short in transit: damaged, not a wrong passphrase.
    let text = String::from_utf8(sealed).unwrap();
    let cut = text.replacen("\"data\": \"", "\"data\": \"AAAA", 1);
    let cut_file = file("cut.json", cut.as_bytes());
    let (code, _, errors) = omnirx(
        &["decrypt", cut_file.to_str().unwrap()],
        Some("口令 secret"),
    );
    assert_eq!(code, 1);
    assert!(errors.contains("damaged"), "{errors}");
    // Sealing a sealed file, or a file that is no workspace, is refused.
    assert_eq!(
        omnirx(&["encrypt", sealed_file.to_str().unwrap()], Some("x")).0,
        1
    );
    let junk = file("junk.json", b"{\"hello\": 1}");
    assert_eq!(omnirx(&["encrypt", junk.to_str().unwrap()], Some("x")).0, 1);
    // No passphrase at all (nothing typed): a usage error.
    assert_eq!(
        omnirx(&["decrypt", sealed_file.to_str().unwrap()], None).0,
        2
    );
}

#[test]
fn three_reps_files_merge_on_the_command_line_and_conflicts_need_a_rule() {
    let (demo, value) = demo();
    // Three reps' files: each region's part of the same workspace.
    let regions: Vec<String> = value["workspace"]["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let parts: Vec<std::path::PathBuf> = regions
        .iter()
        .map(|region| {
            let (code, bytes, errors) = omnirx(
                &["export", demo.to_str().unwrap(), "--regions", region],
                None,
            );
            assert_eq!(code, 0, "{errors}");
            file(&format!("part-{region}.omnirx.json"), &bytes)
        })
        .collect();
    let mut arguments = vec!["merge"];
    arguments.extend(parts.iter().map(|p| p.to_str().unwrap()));
    let (code, merged, errors) = omnirx(&arguments, None);
    assert_eq!(code, 0, "{errors}");
    let merged: serde_json::Value = serde_json::from_slice(&merged).unwrap();
    for list in ["hcps", "accounts", "interactions"] {
        assert_eq!(
            merged["workspace"][list].as_array().unwrap().len(),
            value["workspace"][list].as_array().unwrap().len(),
            "{list}: the parts put together hold the whole"
        );
    }
    // A rep renamed an HCP in their copy: without a rule the conflict is listed, exit 1.
    let mut changed: serde_json::Value = value.clone();
    let hcp = changed["workspace"]["hcps"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    changed["workspace"]["hcps"][0]["name"] = "改过的名字".into();
    let changed_file = file("changed.omnirx.json", changed.to_string().as_bytes());
    let (code, out, errors) = omnirx(
        &[
            "merge",
            demo.to_str().unwrap(),
            changed_file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!((code, out.is_empty()), (1, true));
    assert!(
        errors.contains(&format!("hcps {hcp} name")) && errors.contains("改过的名字"),
        "{errors}"
    );
    let arguments = [
        "merge",
        demo.to_str().unwrap(),
        changed_file.to_str().unwrap(),
        "--prefer",
        "theirs",
    ];
    let (code, out, errors) = omnirx(&arguments, None);
    assert_eq!(code, 0, "{errors}");
    let merged: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(merged["workspace"]["hcps"][0]["name"], "改过的名字");
    // The renamed HCP came from the changed file, which the merged workspace lists.
    assert_eq!(merged["workspace"]["hcps"][0]["source"], 1);
    let source_file = merged["workspace"]["sources"][0]["file"].as_str().unwrap();
    assert!(
        source_file.ends_with("-changed.omnirx.json"),
        "{source_file}"
    );
    assert_eq!(
        merged["workspace"]["sources"][0]["workspace"],
        value["workspace"]["settings"]["name"]
    );
    assert!(merged["workspace"]["sources"][0]["written_at"].is_string());

    // Take the newer: mine renamed the HCP later than theirs did, so mine stays; a record whose
    // times are not known keeps mine too.
    let mut mine = value.clone();
    mine["workspace"]["hcps"][0]["name"] = "我改的名字".into();
    mine["workspace"]["hcps"][0]["updated_at"] = "2026-12-02T09:00:00Z".into();
    changed["workspace"]["hcps"][0]["updated_at"] = "2026-12-01T09:00:00Z".into();
    changed["workspace"]["hcps"][1]["name"] = "他们改的名字".into();
    changed["workspace"]["hcps"][1]["updated_at"] = "2026-12-01T09:00:00Z".into();
    changed["workspace"]["hcps"][2]["name"] = "不知何时改的".into();
    let mine_file = file("mine.omnirx.json", mine.to_string().as_bytes());
    let changed_file = file("changed.omnirx.json", changed.to_string().as_bytes());
    let arguments = [
        "merge",
        mine_file.to_str().unwrap(),
        changed_file.to_str().unwrap(),
        "--prefer",
        "newer",
    ];
    let (code, out, errors) = omnirx(&arguments, None);
    assert_eq!(code, 0, "{errors}");
    let merged: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let names: Vec<&str> = (0..3)
        .map(|i| merged["workspace"]["hcps"][i]["name"].as_str().unwrap())
        .collect();
    let original = value["workspace"]["hcps"][2]["name"].as_str().unwrap();
    assert_eq!(names, ["我改的名字", "他们改的名字", original]);

    // An encrypted file is merged directly, with the passphrase from OMNIRX_PASSPHRASE.
    let sealed = {
        let (code, bytes, errors) = omnirx(
            &["encrypt", changed_file.to_str().unwrap()],
            Some("团队口令"),
        );
        assert_eq!(code, 0, "{errors}");
        file("changed.sealed.omnirx.json", &bytes)
    };
    let arguments = [
        "merge",
        demo.to_str().unwrap(),
        sealed.to_str().unwrap(),
        "--prefer",
        "theirs",
    ];
    let (code, out, errors) = omnirx(&arguments, Some("团队口令"));
    assert_eq!(code, 0, "{errors}");
    let merged: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(merged["workspace"]["hcps"][1]["name"], "他们改的名字");
    let (code, out, errors) = omnirx(&arguments, Some("不对的口令"));
    assert_eq!((code, out.is_empty()), (1, true));
    assert!(errors.contains("passphrase is wrong"), "{errors}");
}

//! `omnirx import-table` run as a user runs it, on the generated fixtures: a Chinese GBK CSV
//! into the tiny demo, the report in both languages and as JSON, a saved mapping used again,
//! and refusals with exit code 1 and a message.

use omnirx_testkit::sheets;

mod support;

use support::omnirx;

fn file(name: &str, bytes: &[u8]) -> String {
    let path =
        std::env::temp_dir().join(format!("omnirx-import-table-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn tiny_demo(language: &str) -> String {
    let (code, demo, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "7", "--lang", language]);
    assert_eq!(code, 0);
    file(&format!("tiny-{language}.json"), demo.as_bytes())
}

fn interactions(workspace: &str) -> usize {
    let value: serde_json::Value = serde_json::from_str(workspace).unwrap();
    value["workspace"]["interactions"].as_array().unwrap().len()
}

#[test]
fn a_chinese_gbk_csv_goes_into_the_demo_and_the_result_is_a_valid_workspace() {
    let into = tiny_demo("zh");
    let before = interactions(&std::fs::read_to_string(&into).unwrap());
    let sheet = file("visits.csv", &sheets::chinese_interactions_gbk_csv(60));
    let (code, out, errors) = omnirx(&[
        "import-table",
        &sheet,
        "--into",
        &into,
        "--lang",
        "zh",
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 0, "{errors}");
    assert!(errors.contains("互动：新增 60"), "{errors}");
    assert_eq!(interactions(&out), before + 60);
    let result = file("result.json", out.as_bytes());
    let (code, summary, _) = omnirx(&["validate", &result]);
    assert_eq!(code, 0, "{summary}");
    // The same file again: every row is already there.
    let (code, _, errors) = omnirx(&[
        "import-table",
        &sheet,
        "--into",
        &result,
        "--lang",
        "en",
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 1, "nothing imported is a refusal: {errors}");
    assert!(errors.contains("already in the workspace"), "{errors}");
}

#[test]
fn the_report_names_rows_and_columns_in_the_users_language() {
    let mut rows = sheets::chinese_interactions_rows(5);
    rows[2][0] = "3000年1月1日".into();
    rows[3][3] = "抖音".into();
    let sheet = file("bad.csv", &sheets::gbk(&sheets::csv_text(&rows)));
    let into = tiny_demo("zh");
    let (code, report, _) = omnirx(&[
        "import-table",
        &sheet,
        "--into",
        &into,
        "--lang",
        "zh",
        "--report",
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 0);
    assert!(report.contains("数据行 5，有错误 2"), "{report}");
    assert!(
        report.contains("第 3 行，A 列“拜访日期”：拜访日期：3000 年不在 1900–2199 年之间"),
        "{report}"
    );
    assert!(report.contains("第 4 行，D 列“拜访方式”"), "{report}");
    let (_, json, _) = omnirx(&[
        "import-table",
        &sheet,
        "--into",
        &into,
        "--report",
        "--json",
        "--today",
        "2026-11-30",
    ]);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["report"]["rows"], 5);
    assert_eq!(parsed["report"]["rows_with_errors"], 2);
    assert_eq!(parsed["counts"]["interactions"]["added"], 3);
    assert_eq!(parsed["kind"], "interactions");
}

#[test]
fn a_saved_mapping_reads_next_months_file_without_being_asked() {
    let into = tiny_demo("en");
    let mut first = sheets::chinese_interactions_rows(4);
    // A header no synonym knows: the automatic mapping leaves it, the saved one has it.
    first[0][3] = "Kanal".into();
    let sheet = file("first.csv", sheets::csv_text(&first).as_bytes());
    let (code, _, errors) = omnirx(&[
        "import-table",
        &sheet,
        "--into",
        &into,
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 1);
    assert!(
        errors.contains("Required fields are not mapped") && errors.contains("Channel"),
        "{errors}"
    );
    let mapping = r#"{"kind":"interactions","header_row":0,"columns":{"date":0,"account_name":1,"hcp_name":2,"channel":3,"rep":4,"product":5,"notes":6},
        "values":{"channel":{"面访":"rep_visit","电话":"phone","微信":"wechat","邮件":"email","线上会议":"remote_detailing"}}}"#;
    let mapping = file("mapping.json", mapping.as_bytes());
    let (code, out, errors) = omnirx(&[
        "import-table",
        &sheet,
        "--into",
        &into,
        "--mapping",
        &mapping,
        "--save-mapping",
        "Monthly visits",
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 0, "{errors}");
    assert!(out.contains("\"table_mappings\"") && out.contains("Monthly visits"));
    let saved = file("saved.json", out.as_bytes());
    let mut next = sheets::chinese_interactions_rows(9);
    next.drain(1..5);
    next[0][3] = "Kanal".into();
    let next = file("next.csv", sheets::csv_text(&next).as_bytes());
    let (code, _, errors) = omnirx(&[
        "import-table",
        &next,
        "--into",
        &saved,
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 0, "{errors}");
    assert!(errors.contains("interactions: 5 added"), "{errors}");
}

#[test]
fn files_that_are_not_tables_are_refused_with_a_message() {
    let png = file("picture.xlsx", &sheets::png_image());
    let (code, _, errors) = omnirx(&["import-table", &png, "--lang", "zh"]);
    assert_eq!(code, 1);
    assert!(
        errors.contains("这不是表格文件（看起来是 PNG image）"),
        "{errors}"
    );
    let bomb = file("bomb.xlsx", &sheets::zip_bomb_xlsx());
    let (code, _, errors) = omnirx(&["import-table", &bomb]);
    assert_eq!(code, 1);
    assert!(errors.contains("would unpack to"), "{errors}");
    let locked = file("locked.xlsx", &sheets::encrypted_xlsx());
    let (code, _, errors) = omnirx(&["import-table", &locked]);
    assert_eq!(code, 1);
    assert!(errors.contains("protected by a password"), "{errors}");
    let headers_only = file("headers.csv", "Call Date,Physician,Channel\n".as_bytes());
    let (code, _, errors) = omnirx(&["import-table", &headers_only]);
    assert_eq!(code, 1);
    assert!(errors.contains("only headers"), "{errors}");
}

#[test]
fn an_excel_crm_export_becomes_a_new_workspace() {
    let sheet = file("crm.xlsx", &sheets::crm_interactions_xlsx(30));
    let (code, out, errors) = omnirx(&["import-table", &sheet, "--today", "2026-11-30"]);
    assert_eq!(code, 0, "{errors}");
    assert_eq!(interactions(&out), 30);
    assert!(
        errors.contains("HCPs: 25 added") && errors.contains("reps: 2 added"),
        "{errors}"
    );
    let result = file("crm.json", out.as_bytes());
    let (code, summary, _) = omnirx(&["validate", &result]);
    assert_eq!(code, 0, "{summary}");
}

/// Market rules (docs/compliance.md): sales naming an HCP into a workspace under China's rules
/// are summed per account, or left out with `--hcp-prescriptions leave-out`.
#[test]
fn sales_of_hcps_into_a_china_workspace_are_summed_per_account_or_left_out() {
    let (code, demo, _) = omnirx(&[
        "demo", "--scale", "tiny", "--seed", "7", "--lang", "en", "--market", "china",
    ]);
    assert_eq!(code, 0);
    let into = file("tiny-china.json", demo.as_bytes());
    let sheet = file(
        "hcp-sales.csv",
        b"Month,HCP ID,Product ID,Units,Value\n2026-10,h-00001,p-glyvora,5,640\n2026-10,h-00002,p-glyvora,3,384\n",
    );
    let prescriptions = |workspace: &str| {
        let value: serde_json::Value = serde_json::from_str(workspace).unwrap();
        value["workspace"]["prescriptions"]
            .as_array()
            .unwrap()
            .clone()
    };
    let before = prescriptions(&demo);
    let run = |choice: &str| {
        omnirx(&[
            "import-table",
            &sheet,
            "--into",
            &into,
            "--kind",
            "sales",
            "--today",
            "2026-11-30",
            "--hcp-prescriptions",
            choice,
        ])
    };
    let (code, out, errors) = run("aggregate");
    assert_eq!(code, 0, "{errors}");
    assert!(
        errors.contains("2 prescription records of individual HCPs were summed per account"),
        "{errors}"
    );
    let after = prescriptions(&out);
    assert!(after.iter().all(|p| p.get("hcp_id").is_none()));
    let total = |list: &[serde_json::Value]| -> i64 {
        list.iter().map(|p| p["units"].as_i64().unwrap()).sum()
    };
    assert_eq!(total(&after), total(&before) + 8);

    let (code, out, errors) = run("leave-out");
    assert_eq!(code, 0, "{errors}");
    assert!(
        errors.contains("2 prescription records of individual HCPs were left out"),
        "{errors}"
    );
    assert_eq!(prescriptions(&out), before);

    let (code, _, errors) = run("keep");
    assert_eq!(code, 2, "{errors}");
}

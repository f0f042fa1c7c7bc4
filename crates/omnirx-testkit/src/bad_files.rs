//! The catalogue of bad workspace files that every way in must treat alike: `omnirx validate`
//! (`tests/cli.rs`), the storage layer (`tests/browser.rs`) and the real import in Chromium, in both
//! UI languages (`tests/e2e/bad_files_import.rs`).
//! Each file says what its message must contain, so a vague or untranslated message fails.

// Each test crate that includes the catalogue reads only the fields it checks.
#![allow(dead_code)]

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::workspace_file::export_workspace;

/// One bad file and what must be said about it.
pub struct BadFile {
    /// A file name without spaces, also the file's stem on disk.
    pub name: &'static str,
    pub bytes: Vec<u8>,
    /// Refused (`false`) or repaired and imported with the repairs listed (`true`).
    pub repaired: bool,
    /// Fragments that the English message must contain, both in the UI and from
    /// `omnirx validate` (compared without regard to case: the CLI starts in lower case).
    pub english: Vec<&'static str>,
    /// Fragments that the Chinese UI's message must contain.
    pub chinese: Vec<&'static str>,
}

/// The tiny demo workspace as an exported file (pretty JSON, as OmniRx writes it).
pub fn good_file() -> String {
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::English,
    ));
    workspace.settings.name = "Bad file base".into();
    workspace.settings.demo = false;
    export_workspace(&workspace)
}

/// The good file with `edit` applied to its parsed JSON, written back compactly.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut file: serde_json::Value = serde_json::from_str(&good_file()).unwrap();
    edit(&mut file);
    serde_json::to_vec(&file).unwrap()
}

/// The good file with the saved plan of [`crate::plans::tiny_with_a_saved_plan`] (whose HCPs,
/// reps and channels are the good file's), then `edit` applied to that plan's JSON.
fn with_a_saved_plan(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    edited(|file| {
        let plans = crate::plans::tiny_with_a_saved_plan().plans;
        let mut plans = serde_json::to_value(plans).expect("plans serialise");
        edit(&mut plans[0]);
        file["workspace"]["plans"] = plans;
    })
}

/// Every bad file of cases 1–6 and 8 of the reliability table (the hostile sizes of case 7 are
/// large files with a test of their own).
pub fn bad_files() -> Vec<BadFile> {
    let good = good_file();
    let compact = String::from_utf8(edited(|_| {})).unwrap();
    let mut with_byte_order_mark = b"\xEF\xBB\xBF".to_vec();
    with_byte_order_mark.extend(edited(|file| {
        let copy = file["workspace"]["accounts"][2].clone();
        file["workspace"]["accounts"]
            .as_array_mut()
            .unwrap()
            .push(copy);
        // Two exact copies of an interaction: dropped, and reported as one repair.
        let interactions = file["workspace"]["interactions"].as_array_mut().unwrap();
        let copy = interactions[3].clone();
        interactions.push(copy.clone());
        interactions.push(copy);
    }));
    vec![
        BadFile {
            name: "not-json-a-csv-file",
            bytes: b"name,units\nWang,3\n".to_vec(),
            repaired: false,
            english: vec!["not a valid workspace file", "not json", "line 1, column"],
            chinese: vec!["这不是有效的工作区文件", "这不是 JSON", "第 1 行"],
        },
        BadFile {
            name: "cut-off-half-way",
            bytes: good.as_bytes()[..good.len() / 2].to_vec(),
            repaired: false,
            english: vec!["not a valid workspace file", "cut off at line"],
            chinese: vec!["这不是有效的工作区文件", "被截断", "行"],
        },
        BadFile {
            name: "not-utf-8-text",
            bytes: b"\xff\xfe{\x00}\x00".to_vec(),
            repaired: false,
            english: vec!["not a valid workspace file", "not utf-8 text (byte 0)"],
            chinese: vec!["这不是有效的工作区文件", "不是 UTF-8 文本（第 0 字节）"],
        },
        BadFile {
            name: "json-without-the-envelope",
            bytes: br#"{"hello": "world", "hcps": []}"#.to_vec(),
            repaired: false,
            english: vec!["not an omnirx workspace"],
            chinese: vec!["这不是 OmniRx 工作区文件"],
        },
        BadFile {
            name: "a-newer-schema-version",
            bytes: edited(|file| file["version"] = 7.into()),
            repaired: false,
            english: vec!["made by a newer omnirx", "version 7"],
            chinese: vec!["更新版本的 OmniRx", "文件版本 7"],
        },
        BadFile {
            name: "a-version-no-migration-leads-from",
            bytes: edited(|file| file["version"] = 0.into()),
            repaired: false,
            english: vec!["the file is damaged", "the version is 0"],
            chinese: vec!["文件已损坏", "版本号为 0"],
        },
        BadFile {
            name: "a-missing-required-field",
            bytes: edited(|file| {
                file["workspace"]["hcps"][3]
                    .as_object_mut()
                    .unwrap()
                    .remove("account_id");
            }),
            repaired: false,
            english: vec!["hcps[3].account_id: missing required field \"account_id\""],
            chinese: vec!["hcps[3].account_id: 缺少必填字段“account_id”"],
        },
        BadFile {
            name: "a-field-of-the-wrong-type",
            bytes: edited(|file| file["workspace"]["prescriptions"][2]["units"] = "many".into()),
            repaired: false,
            english: vec!["prescriptions[2].units: expected", "\"many\""],
            chinese: vec!["prescriptions[2].units: 类型不对：应为整数，实际为文本 \"many\""],
        },
        BadFile {
            name: "a-dangling-reference",
            bytes: edited(|file| file["workspace"]["interactions"][12]["hcp_id"] = "h-991".into()),
            repaired: false,
            english: vec!["interactions[12].hcp_id: unknown hcp \"h-991\""],
            chinese: vec!["interactions[12].hcp_id: 找不到医生“h-991”"],
        },
        BadFile {
            name: "a-duplicate-id",
            bytes: edited(|file| {
                let mut copy = file["workspace"]["hcps"][0].clone();
                copy["name"] = "Someone else".into();
                file["workspace"]["hcps"].as_array_mut().unwrap().push(copy);
            }),
            repaired: false,
            english: vec!["hcps[40].id: duplicate id \"h-00001\" (first used at hcps[0])"],
            chinese: vec!["hcps[40].id: 编号“h-00001”重复（首次出现在 hcps[0]）"],
        },
        BadFile {
            name: "a-lone-surrogate",
            bytes: good
                .replacen("\"name\": \"", "\"name\": \"\\ud800", 1)
                .into_bytes(),
            repaired: false,
            english: vec!["not a valid workspace file", "lone surrogate", "line "],
            chinese: vec!["这不是有效的工作区文件", "孤立的代理码元"],
        },
        BadFile {
            name: "a-number-too-large-1e400",
            bytes: compact
                .replacen("\"units\":", "\"units\":1e400,\"ignored\":", 1)
                .into_bytes(),
            repaired: false,
            english: vec![".units: number out of range"],
            chinese: vec![".units: 数值超出范围"],
        },
        BadFile {
            name: "a-negative-count",
            bytes: edited(|file| file["workspace"]["prescriptions"][0]["units"] = (-5).into()),
            repaired: false,
            english: vec!["prescriptions[0].units: must not be negative, found -5"],
            chinese: vec!["prescriptions[0].units: 不能为负数，实际为 -5"],
        },
        BadFile {
            name: "a-date-in-year-30000",
            bytes: edited(|file| {
                file["workspace"]["interactions"][0]["at"] = "30000-01-01T00:00:00Z".into()
            }),
            repaired: false,
            english: vec![
                "interactions[0].at: date out of range (1900–2199)",
                "30000-01-01",
            ],
            chinese: vec![
                "interactions[0].at: 日期超出允许范围（1900–2199 年）",
                "30000-01-01",
            ],
        },
        BadFile {
            name: "a-saved-plan-naming-an-unknown-hcp",
            bytes: with_a_saved_plan(|plan| plan["plan"]["rows"][1]["hcp_id"] = "h-991".into()),
            repaired: false,
            english: vec!["plans[0].plan.rows[1].hcp_id: unknown hcp \"h-991\""],
            chinese: vec!["plans[0].plan.rows[1].hcp_id: 找不到医生“h-991”"],
        },
        BadFile {
            name: "a-saved-plan-row-without-a-cell-per-channel",
            bytes: with_a_saved_plan(|plan| {
                plan["plan"]["rows"][0]["cells"]
                    .as_array_mut()
                    .unwrap()
                    .truncate(1);
            }),
            repaired: false,
            english: vec!["plans[0].plan.rows[0]: missing required field \"cells[1]\""],
            chinese: vec!["plans[0].plan.rows[0]: 缺少必填字段“cells[1]”"],
        },
        BadFile {
            name: "a-saved-plan-with-a-negative-weight",
            bytes: with_a_saved_plan(|plan| plan["plan"]["rows"][2]["weight"] = (-1.5).into()),
            repaired: false,
            english: vec!["plans[0].plan.rows[2].weight: must not be negative, found -1.5"],
            chinese: vec!["plans[0].plan.rows[2].weight: 不能为负数，实际为 -1.5"],
        },
        BadFile {
            name: "a-version-1-file-whose-plans-are-no-list",
            bytes: edited(|file| {
                file["version"] = 1.into();
                file["workspace"]["plans"] = serde_json::json!({"plan-2026-11": {}});
            }),
            repaired: false,
            english: vec![
                "the file is damaged",
                "migration 1 → 2 (saved plans)",
                "\"plans\" is an object, not a list of saved plans",
            ],
            chinese: vec!["文件已损坏", "从版本 1 升级到版本 2 的步骤（saved plans）失败"],
        },
        BadFile {
            name: "a-byte-order-mark-and-an-exact-duplicate",
            bytes: with_byte_order_mark,
            repaired: true,
            english: vec![
                "removed a byte-order mark",
                "dropped an exact copy of \"a-",
                "dropped an exact copy of interactions[3] (2 identical interactions dropped in all)",
            ],
            chinese: vec![
                "字节顺序标记",
                "完全相同的重复记录",
                "删除了与 interactions[3] 完全相同的重复互动（共删除 2 条相同的互动）",
            ],
        },
    ]
}

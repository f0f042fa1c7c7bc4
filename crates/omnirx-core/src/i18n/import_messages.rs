//! Import errors and repairs worded for people, in each UI language, with the field path kept.

use super::{format_integer, Language};
use crate::domain::workspace_file::{
    Damage, FieldProblem, ImportError, Problem, Repair, SyntaxProblem,
};

/// The reference kinds of [`Problem::UnknownReference`] in Chinese.
fn kind_in_chinese(kind: &str) -> &str {
    match kind {
        "HCP" => "医生",
        "account" => "机构",
        "channel" => "渠道",
        "product" => "产品",
        "region" => "区域",
        "territory" => "辖区",
        "rep" => "代表",
        "funnel" => "漏斗",
        "funnel step" => "漏斗步骤",
        "segment rule set" => "细分规则集",
        "segment" => "细分",
        "journey stage" => "旅程阶段",
        "journey lane" => "旅程泳道",
        "merged file" => "合并来源文件",
        other => other,
    }
}

/// A JSON type as serde names it (`a string`, `u32`, `struct Hcp`, `integer \`5\``,
/// `string "many"`), in words a person uses; a phrase it does not know is kept as it is.
fn json_phrase(language: Language, phrase: &str) -> String {
    let zh = language == Language::SimplifiedChinese;
    let pick = |chinese: &str, english: &str| if zh { chinese } else { english }.to_string();
    let value = |rest: &str| rest.trim_matches('`').to_string();
    match phrase {
        "a string" | "string" => return pick("文本", "text"),
        "a boolean" | "bool" => return pick("真/假值", "true or false"),
        "null" | "unit value" => return pick("空值（null）", "null"),
        "a sequence" | "sequence" => return pick("列表", "a list"),
        "a map" | "map" => return pick("对象", "an object"),
        "f32" | "f64" | "a number" => return pick("数字", "a number"),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => return pick("整数", "a whole number"),
        "a timestamp like 2025-06-03T09:30:00Z" => {
            return pick("形如 2025-06-03T09:30:00Z 的时间", phrase)
        }
        "a month like 2025-06" => return pick("形如 2025-06 的月份", phrase),
        _ => {}
    }
    if phrase.starts_with("struct ") {
        return pick("对象", "an object");
    }
    let with_value = |prefix: &str, chinese: &str, english: &str| {
        phrase
            .strip_prefix(prefix)
            .map(|rest| format!("{} {}", pick(chinese, english), value(rest)))
    };
    with_value("string ", "文本", "the text")
        .or_else(|| with_value("integer ", "整数", "the whole number"))
        .or_else(|| with_value("floating point ", "小数", "the number"))
        .or_else(|| with_value("boolean ", "真/假值", "the value"))
        .unwrap_or_else(|| phrase.to_string())
}

fn describe_syntax_problem(language: Language, problem: &SyntaxProblem) -> String {
    if language == Language::English {
        return problem.to_string();
    }
    match problem {
        SyntaxProblem::ExpectedValue => "此处应为一个值，这不是 JSON 文本".into(),
        SyntaxProblem::ExpectedColon => "属性名后缺少“:”".into(),
        SyntaxProblem::ExpectedCommaOrEnd => "缺少逗号或右括号".into(),
        SyntaxProblem::KeyMustBeString => "属性名没有用双引号括起来".into(),
        SyntaxProblem::TrailingComma => "右括号前多了一个逗号".into(),
        SyntaxProblem::TrailingCharacters => "工作区结束后还有多余的内容".into(),
        SyntaxProblem::InvalidEscape => "反斜杠后不是有效的转义".into(),
        SyntaxProblem::ControlCharacterInString => {
            "文本中含有未转义的控制字符（制表符、换行）".into()
        }
        SyntaxProblem::InvalidNumber => "数字的写法有误".into(),
        SyntaxProblem::LoneSurrogate => {
            "文本中含有孤立的代理码元（\\uD800–\\uDFFF 缺少配对），不是有效字符".into()
        }
        SyntaxProblem::InvalidCodePoint => "\\u 转义不对应任何字符".into(),
        SyntaxProblem::Other(message) => message.clone(),
    }
}

fn describe_damage(language: Language, damage: &Damage) -> String {
    if language == Language::English {
        return damage.to_string();
    }
    match damage {
        Damage::ImpossibleVersion { found } => format!("版本号为 {found}，应为从 1 起的整数"),
        Damage::NoMigration { from } => format!("没有从版本 {from} 升级的步骤"),
        Damage::MigrationStepFailed { from, step, detail } => format!(
            "从版本 {from} 升级到版本 {} 的步骤（{step}）失败：{detail}",
            from + 1
        ),
        Damage::ReadsDifferently => "文件两次读取的结果不一致".into(),
    }
}

pub fn describe_problem(language: Language, problem: &Problem) -> String {
    if language == Language::English {
        return match problem {
            Problem::WrongType { found, expected } => format!(
                "expected {}, found {}",
                json_phrase(language, expected),
                json_phrase(language, found)
            ),
            other => other.to_string(),
        };
    }
    match problem {
        Problem::MissingField { field } => format!("缺少必填字段“{field}”"),
        Problem::WrongType { found, expected } => format!(
            "类型不对：应为{}，实际为{}",
            json_phrase(language, expected),
            json_phrase(language, found)
        ),
        Problem::UnknownValue { value, expected } => {
            format!("无法识别的取值“{value}”，可选值：{expected}")
        }
        Problem::NumberOutOfRange => "数值超出范围".to_string(),
        Problem::InvalidDate { value } => format!("不是有效的日期：“{value}”"),
        Problem::DateOutOfRange { value } => format!("日期超出允许范围（1900–2199 年）：“{value}”"),
        Problem::Negative { value } => format!("不能为负数，实际为 {value}"),
        Problem::EmptyId => "编号为空".to_string(),
        Problem::DuplicateId { id, first_path } => {
            format!("编号“{id}”重复（首次出现在 {first_path}）")
        }
        Problem::UnknownReference { kind, id } => format!("找不到{}“{id}”", kind_in_chinese(kind)),
        Problem::NoHcpOrAccount => "既没有指定医生，也没有指定机构".to_string(),
        Problem::FunnelStepCount { count } => format!("漏斗需要 2 到 12 个步骤，实际为 {count} 个"),
        Problem::PeriodReversed => "时间段的结束日期早于开始日期".to_string(),
        Problem::TooMany { limit, count } => format!("最多允许 {limit} 个，实际为 {count} 个"),
        Problem::ManualCountIncreases { step } => {
            format!("第 {} 步的人数多于上一步", step + 1)
        }
        Problem::ManualCountLength { steps, counts } => {
            format!("{steps} 个步骤却有 {counts} 个人数，每个步骤需要一个人数")
        }
        Problem::Other { detail } => detail.clone(),
    }
}

pub fn describe_field_problem(language: Language, problem: &FieldProblem) -> String {
    format!(
        "{}: {}",
        problem.path,
        describe_problem(language, &problem.problem)
    )
}

/// The headline of an import error; for [`ImportError::Invalid`] the problems are listed apart.
pub fn describe_import_error(language: Language, error: &ImportError) -> String {
    let zh = language == Language::SimplifiedChinese;
    match error {
        ImportError::Unreadable { detail } if zh => format!("无法读取这个文件：{detail}"),
        ImportError::Unreadable { detail } => format!("The file could not be read: {detail}"),
        ImportError::TooLarge { bytes, limit } if zh => format!(
            "文件太大（{} MB），上限为 {} MB。",
            format_integer((*bytes / 1_048_576) as i64, language),
            format_integer((*limit / 1_048_576) as i64, language)
        ),
        ImportError::TooLarge { bytes, limit } => format!(
            "The file is too large ({} MB); the limit is {} MB.",
            format_integer((*bytes / 1_048_576) as i64, language),
            format_integer((*limit / 1_048_576) as i64, language)
        ),
        ImportError::NotUtf8 { offset } if zh => format!("这不是有效的工作区文件：不是 UTF-8 文本（第 {offset} 字节）。"),
        ImportError::NotUtf8 { offset } => format!("Not a valid workspace file: it is not UTF-8 text (byte {offset})."),
        ImportError::NotJson { line, column, problem } if zh => format!(
            "这不是有效的工作区文件。第 {line} 行第 {column} 列：{}。",
            describe_syntax_problem(language, problem)
        ),
        ImportError::NotJson { line, column, problem } => format!(
            "Not a valid workspace file. At line {line}, column {column}: {problem}."
        ),
        ImportError::Truncated { line, column } if zh => {
            format!("这不是有效的工作区文件：文件不完整，在第 {line} 行第 {column} 列被截断。")
        }
        ImportError::Truncated { line, column } => {
            format!("Not a valid workspace file: it is cut off at line {line}, column {column}.")
        }
        ImportError::NestingTooDeep { line, column } if zh => {
            format!("这不是有效的工作区文件：第 {line} 行第 {column} 列嵌套层级过深。")
        }
        ImportError::NestingTooDeep { line, column } => {
            format!("Not a valid workspace file: nested too deeply at line {line}, column {column}.")
        }
        ImportError::NotOmniRxWorkspace if zh => "这不是 OmniRx 工作区文件。".to_string(),
        ImportError::NotOmniRxWorkspace => "This is not an OmniRx workspace.".to_string(),
        ImportError::NewerVersion { version, supported } if zh => {
            format!("这个文件由更新版本的 OmniRx 生成（文件版本 {version}，本程序最高支持 {supported}）。请先升级 OmniRx。")
        }
        ImportError::NewerVersion { version, supported } => format!(
            "This file was made by a newer OmniRx (file version {version}; this one reads up to {supported}). Update OmniRx first."
        ),
        ImportError::Damaged { damage } => {
            let damage = describe_damage(language, damage);
            if zh {
                format!("文件已损坏：{damage}。")
            } else {
                format!("The file is damaged: {damage}.")
            }
        }
        ImportError::Invalid { problems, more } if zh => format!("工作区数据有 {} 处问题：", problems.len() + more),
        ImportError::Invalid { problems, more } => format!("The workspace has {} problem(s):", problems.len() + more),
    }
}

pub fn describe_repair(language: Language, repair: &Repair) -> String {
    if language == Language::English {
        return repair.to_string();
    }
    match repair {
        Repair::ByteOrderMarkRemoved => "删除了文件开头的字节顺序标记（BOM）".to_string(),
        Repair::DuplicateRecordDropped { path, id } => {
            format!("{path}：删除了与“{id}”完全相同的重复记录")
        }
        Repair::DuplicateInteractionsDropped {
            path,
            copy_of,
            count,
        } => {
            let all = if *count > 1 {
                format!(
                    "（共删除 {} 条相同的互动）",
                    format_integer(*count as i64, language)
                )
            } else {
                String::new()
            };
            format!("{path}：删除了与 {copy_of} 完全相同的重复互动{all}")
        }
        Repair::NameFilled => "工作区没有名称，已自动命名".to_string(),
        Repair::Migrated { from, to } => format!("已从版本 {from} 升级到版本 {to}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_worded_in_both_languages_and_keep_the_path() {
        let problem = FieldProblem {
            path: "interactions[12].hcp_id".into(),
            problem: Problem::UnknownReference {
                kind: "HCP",
                id: "h-991".into(),
            },
        };
        assert_eq!(
            describe_field_problem(Language::English, &problem),
            "interactions[12].hcp_id: unknown HCP \"h-991\""
        );
        assert_eq!(
            describe_field_problem(Language::SimplifiedChinese, &problem),
            "interactions[12].hcp_id: 找不到医生“h-991”"
        );
        let newer = ImportError::NewerVersion {
            version: 3,
            supported: 1,
        };
        assert!(describe_import_error(Language::English, &newer).contains("made by a newer OmniRx"));
        assert!(describe_import_error(Language::SimplifiedChinese, &newer)
            .contains("更新版本的 OmniRx"));
        let cut = ImportError::Truncated { line: 4, column: 2 };
        assert!(describe_import_error(Language::English, &cut)
            .starts_with("Not a valid workspace file"));
        assert!(describe_import_error(Language::SimplifiedChinese, &cut)
            .starts_with("这不是有效的工作区文件"));
    }

    #[test]
    fn parser_words_and_json_types_are_said_in_words_people_use() {
        let wrong_type = Problem::WrongType {
            found: "string \"many\"".into(),
            expected: "u32".into(),
        };
        assert_eq!(
            describe_problem(Language::SimplifiedChinese, &wrong_type),
            "类型不对：应为整数，实际为文本 \"many\""
        );
        let list_for_object = Problem::WrongType {
            found: "a sequence".into(),
            expected: "struct Hcp".into(),
        };
        assert_eq!(
            describe_problem(Language::SimplifiedChinese, &list_for_object),
            "类型不对：应为对象，实际为列表"
        );
        assert_eq!(
            describe_problem(Language::English, &wrong_type),
            "expected a whole number, found the text \"many\""
        );
        assert_eq!(
            describe_problem(Language::English, &list_for_object),
            "expected an object, found a list"
        );
        let surrogate = ImportError::NotJson {
            line: 3,
            column: 17,
            problem: SyntaxProblem::LoneSurrogate,
        };
        assert_eq!(
            describe_import_error(Language::SimplifiedChinese, &surrogate),
            "这不是有效的工作区文件。第 3 行第 17 列：文本中含有孤立的代理码元（\\uD800–\\uDFFF 缺少配对），不是有效字符。"
        );
        assert!(describe_import_error(Language::English, &surrogate)
            .contains("At line 3, column 17: a text holds a lone surrogate"));
        let damaged = ImportError::Damaged {
            damage: Damage::ImpossibleVersion { found: "0".into() },
        };
        assert_eq!(
            describe_import_error(Language::SimplifiedChinese, &damaged),
            "文件已损坏：版本号为 0，应为从 1 起的整数。"
        );
    }
}

//! The consolidation's data as the consolidated workbook stores it for baocao to read back.
//!
//! `baocao consolidate` adds a very hidden sheet [`SHEET`] to its workbook. Cell `A1` holds the
//! format's version ([`VERSION`]), `B1` the number of parts, and `A2`, `A3`, … the parts of one
//! JSON document ([`Data`]) split under Excel's limit of 32,767 characters a cell. This module
//! owns the model, its construction from a [`Consolidation`] and the plan, and the split and
//! join; writing the sheet is `report::consolidated`'s job, reading it `ingest::consolidated`'s
//! (docs/consolidated-format.md, "Sheet `_baocao_data`").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::check::Status;
use crate::consolidate::{Consolidation, ReceivedSource, SubmitStatus, Totals};
use crate::plan::Plan;

/// Name of the very hidden data sheet.
pub const SHEET: &str = "_baocao_data";
/// The version string in `A1`; a reader refuses any other.
pub const VERSION: &str = "baocao-consolidated/1";
/// Most UTF-16 code units in one part: under Excel's 32,767 per cell, with room to spare.
pub const PART_UNITS: usize = 32_000;

/// Everything a consolidation decided, as stored in the data sheet.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Data {
    pub plan: PlanInfo,
    pub period: PeriodInfo,
    pub as_of: NaiveDate,
    pub header: Header,
    pub totals: Totals,
    pub agencies: Vec<AgencyData>,
    /// The plan's tasks, in plan order.
    pub tasks: Vec<TaskInfo>,
    /// The plan's indicators, in plan order.
    pub indicators: Vec<IndicatorInfo>,
}

/// Which plan the consolidation used.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlanInfo {
    pub id: String,
    pub version: String,
    pub fingerprint: String,
    pub title: String,
    pub short_title: String,
}

/// The period consolidated.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PeriodInfo {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
}

/// The Decree 30 header fields exactly as `Tổng hợp` prints them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Header {
    /// Cơ quan chủ quản, e.g. `UBND TỈNH ĐẮK LẮK` as written in the plan.
    pub parent_body: String,
    /// The issuing body: the consolidator's name.
    pub issuer: String,
    /// The consolidator's code (`Số: /BC-<code>`, `Lưu: VT, <code>`).
    pub issuer_code: String,
    pub place: String,
    /// The body the report is sent to.
    pub recipient: String,
    /// The `Nơi nhận` lines, each starting with `- `.
    pub recipients: Vec<String>,
    pub signer_title: String,
}

/// One expected agency.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AgencyData {
    pub code: String,
    pub name: String,
    pub status: SubmitStatus,
    pub on_time: bool,
    pub received: Option<NaiveDate>,
    pub received_source: Option<ReceivedSource>,
    /// The file used, as `Nguồn` shows it.
    pub file: Option<String>,
    /// The sheets its tasks and indicators were read from.
    pub task_sheet: Option<String>,
    pub indicator_sheet: Option<String>,
    pub tasks: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub overdue: usize,
    pub completion_rate: Option<f64>,
    pub errors: usize,
    pub warnings: usize,
    pub days_late: Option<i64>,
    pub preparer: Option<String>,
    pub phone: Option<String>,
    pub task_rows: Vec<TaskRowData>,
    pub values: Vec<ValueData>,
}

/// One task row as the agency reported it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TaskRowData {
    pub task: String,
    /// The status label as written in workbooks (`Đã hoàn thành`, …), absent when invalid.
    pub status: Option<String>,
    pub done_date: Option<NaiveDate>,
    pub overdue: bool,
    pub result: String,
    pub difficulty: String,
    pub note: String,
    /// The row's `Mã nhiệm vụ` cell (`B12`), in [`AgencyData::task_sheet`].
    pub cell: String,
}

/// One indicator value as reported.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ValueData {
    pub indicator: String,
    /// The figure; absent for blank or invalid (never 0).
    pub value: Option<f64>,
    pub blank: bool,
    /// The `Số liệu` cell, in [`AgencyData::indicator_sheet`].
    pub cell: String,
}

/// One task of the plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TaskInfo {
    pub id: String,
    pub item: u32,
    pub text: String,
    pub agencies: Vec<String>,
    /// The deadline as the consolidated workbook prints it (a date `dd/mm/yyyy`, or the
    /// plan's words such as `Hằng năm`).
    pub deadline: String,
    /// The deadline as a date within the period, when it has one.
    pub due: Option<NaiveDate>,
}

/// One indicator of the plan, with the figures of the `Chỉ tiêu` sheet.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IndicatorInfo {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// `Loại` as `Chỉ tiêu` shows it.
    pub kind: String,
    /// A percentage: the total is the mean of the agencies' values, not their sum.
    pub percent: bool,
    /// The expected agencies it is assigned to (none: the indicator is not in `Chỉ tiêu`).
    pub agencies: Vec<String>,
    /// `Tổng toàn tỉnh`: the sum (the mean for a percentage) of the valid values; absent
    /// when no agency gave one.
    pub total: Option<f64>,
    /// `Số cơ quan có số liệu`, `Số ô trống`, `Số liệu không hợp lệ hoặc chưa nộp`.
    pub reported: usize,
    pub blank: usize,
    pub other: usize,
}

impl TaskRowData {
    /// The status, parsed back from its label.
    pub fn status(&self) -> Option<Status> {
        self.status.as_deref().and_then(Status::parse)
    }
}

impl AgencyData {
    /// Where a task row came from: `file › sheet!cell`.
    pub fn task_source(&self, row: &TaskRowData) -> String {
        source(self.file.as_deref(), self.task_sheet.as_deref(), &row.cell)
    }

    /// Where an indicator value came from: `file › sheet!cell`.
    pub fn value_source(&self, v: &ValueData) -> String {
        source(
            self.file.as_deref(),
            self.indicator_sheet.as_deref(),
            &v.cell,
        )
    }
}

fn source(file: Option<&str>, sheet: Option<&str>, cell: &str) -> String {
    format!("{} › {}!{cell}", file.unwrap_or(""), sheet.unwrap_or(""))
}

/// The header fields `Tổng hợp` prints, from the plan (one place for both).
pub fn header(plan: &Plan) -> Header {
    let consolidator = plan.consolidator();
    let issuer = consolidator.map_or(plan.meta.issuer.clone(), |a| a.name.clone());
    let mut recipients = vec![format!("- {};", plan.meta.recipient.name)];
    if consolidator.map(|a| a.name.as_str()) != Some(plan.meta.issuer.as_str()) {
        recipients.push(format!("- {} (để báo cáo);", plan.meta.issuer));
    }
    recipients.push("- Các cơ quan, đơn vị, địa phương (để biết);".into());
    recipients.push(format!("- Lưu: VT, {}.", plan.meta.consolidator));
    let signer_title = match consolidator.map(|a| a.kind) {
        Some(crate::plan::AgencyKind::Department) => "GIÁM ĐỐC",
        _ => "THỦ TRƯỞNG CƠ QUAN",
    };
    Header {
        parent_body: plan.meta.issuer_parent.clone(),
        issuer,
        issuer_code: plan.meta.consolidator.clone(),
        place: plan.meta.place.clone(),
        recipient: plan.meta.recipient.name.clone(),
        recipients,
        signer_title: signer_title.to_string(),
    }
}

/// The data of a consolidation, from the consolidation and the plan it used.
pub fn from_consolidation(plan: &Plan, c: &Consolidation) -> Data {
    let agencies = c.agencies.iter().map(|a| agency(c, a)).collect();
    let tasks = plan
        .tasks
        .iter()
        .map(|t| TaskInfo {
            id: t.id.clone(),
            item: t.item,
            text: t.text.clone(),
            agencies: t.agencies.clone(),
            // Due as the task's frequency says (a yearly duty at the year's end), as the
            // workbook's sheets show it.
            deadline: plan.task_due(t, &c.period).map_or_else(
                || t.deadline.display(crate::i18n::Lang::Vi),
                crate::plan::fmt_date,
            ),
            due: plan.task_due(t, &c.period),
        })
        .collect();
    let indicators = plan.indicators.iter().map(|i| indicator(c, i)).collect();
    Data {
        plan: PlanInfo {
            id: plan.meta.id.clone(),
            version: plan.meta.version.clone(),
            fingerprint: plan.meta.fingerprint.clone(),
            title: plan.meta.title.clone(),
            short_title: plan.meta.short_title.clone(),
        },
        period: PeriodInfo {
            id: c.period.id.clone(),
            name: c.period.name.clone(),
            start: c.period.start,
            end: c.period.end,
            due: c.period.due,
        },
        as_of: c.as_of,
        header: header(plan),
        totals: c.totals.clone(),
        agencies,
        tasks,
        indicators,
    }
}

/// An indicator's figures, computed as the `Chỉ tiêu` sheet computes them.
fn indicator(c: &Consolidation, ind: &crate::plan::Indicator) -> IndicatorInfo {
    // A set: at N agencies a linear `contains` per agency was N² comparisons an indicator.
    let wanted: std::collections::HashSet<&str> = ind.agencies.iter().map(String::as_str).collect();
    let assigned: Vec<String> = c
        .agencies
        .iter()
        .filter(|a| wanted.contains(a.code.as_str()))
        .map(|a| a.code.clone())
        .collect();
    let (mut total, mut reported, mut blank, mut other) = (0.0, 0usize, 0usize, 0usize);
    for code in &assigned {
        let v = c
            .submission(code)
            .and_then(|(_, s)| s.indicators.iter().find(|x| x.id == ind.id));
        match v {
            Some(x) if x.value.is_some() => {
                total += x.value.unwrap_or_default();
                reported += 1;
            }
            Some(x) if x.blank => blank += 1,
            _ => other += 1,
        }
    }
    let percent = ind.kind == crate::plan::IndicatorType::Percent;
    let total = (reported > 0).then(|| {
        if percent {
            (total / reported as f64 * 10.0).round() / 10.0
        } else {
            total
        }
    });
    IndicatorInfo {
        id: ind.id.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        kind: crate::format::consolidated::type_label(ind.kind).to_string(),
        percent,
        agencies: assigned,
        total,
        reported,
        blank,
        other,
    }
}

fn agency(c: &Consolidation, a: &crate::consolidate::AgencyRow) -> AgencyData {
    let sub = c.submission(&a.code).map(|(_, s)| s);
    let task_rows = sub.map_or_else(Vec::new, |s| {
        s.tasks
            .iter()
            .map(|t| TaskRowData {
                task: t.task_id.clone(),
                status: t.status.map(|s| s.label().to_string()),
                done_date: t.done_date,
                overdue: t.overdue,
                result: t.result.clone(),
                difficulty: t.difficulty.clone(),
                note: t.note.clone(),
                cell: t.cell.to_string(),
            })
            .collect()
    });
    let values = sub.map_or_else(Vec::new, |s| {
        s.indicators
            .iter()
            .map(|v| ValueData {
                indicator: v.id.clone(),
                value: v.value,
                blank: v.blank,
                cell: v.cell.to_string(),
            })
            .collect()
    });
    AgencyData {
        code: a.code.clone(),
        name: a.name.clone(),
        status: a.status,
        on_time: a.on_time,
        received: a.received,
        received_source: a.received_source,
        file: a.file_name.clone(),
        task_sheet: sub.and_then(|s| s.report_sheet.clone()),
        indicator_sheet: sub.and_then(|s| s.indicator_sheet.clone()),
        tasks: a.tasks,
        done: a.done.unwrap_or_default(),
        in_progress: a.in_progress.unwrap_or_default(),
        not_started: a.not_started.unwrap_or_default(),
        overdue: a.overdue.unwrap_or_default(),
        completion_rate: a.completion_rate,
        errors: a.errors.unwrap_or_default(),
        warnings: a.warnings.unwrap_or_default(),
        days_late: a.days_late,
        preparer: a.preparer.clone(),
        phone: a.phone.clone(),
        task_rows,
        values,
    }
}

/// The JSON document split into parts of at most [`PART_UNITS`] UTF-16 code units each (what
/// Excel counts), never inside a character.
///
/// # Errors
/// A serialisation error (not expected: every field is plain data).
pub fn to_parts(data: &Data) -> serde_json::Result<Vec<String>> {
    Ok(split(&serde_json::to_string(data)?))
}

/// `json` in parts of at most [`PART_UNITS`] UTF-16 code units.
fn split(json: &str) -> Vec<String> {
    let mut parts = Vec::with_capacity(json.len() / PART_UNITS + 1);
    let mut start = 0;
    let mut units = 0;
    for (i, ch) in json.char_indices() {
        let n = ch.len_utf16();
        if units + n > PART_UNITS {
            parts.push(json[start..i].to_string());
            start = i;
            units = 0;
        }
        units += n;
    }
    if start < json.len() || parts.is_empty() {
        parts.push(json[start..].to_string());
    }
    parts
}

/// Joins parts back and parses them.
///
/// # Errors
/// The JSON error when the parts do not make a [`Data`] document.
pub fn from_parts(parts: &[String]) -> serde_json::Result<Data> {
    serde_json::from_str(&parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_respect_the_cell_limit_and_join_back() {
        let json = serde_json::to_string(&("ệ".repeat(40_000) + &"😀".repeat(20_000))).unwrap();
        let parts = split(&json);
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|p| p.encode_utf16().count() <= PART_UNITS));
        assert_eq!(parts.concat(), json);
        assert_eq!(split(""), vec![String::new()]);
    }
}

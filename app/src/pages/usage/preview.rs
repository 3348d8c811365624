//! What several usage files say together: per file its groups (priced), the
//! reconciliation with the bill, and the task types with where each number came from.

use crate::dto::UsagePreview;
use crate::format::opt;
use engine::fmt_num;
use engine::usage::file::UsageFile;
use engine::usage::reconcile::Reconciliation;
use leptos::prelude::*;

/// Dollars with cents: usage bills are small numbers that add up.
pub(super) fn dollars(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    // Under a cent (a few test calls): its digits, not "$0.00" (as the editor writes it).
    if a > 0.0 && a < 0.005 {
        return format!("{sign}{}", engine::report::decision::money(a));
    }
    let whole = a.trunc();
    let cents = ((a - whole) * 100.0).round();
    let (whole, cents) = if cents >= 100.0 {
        (whole + 1.0, 0.0)
    } else {
        (whole, cents)
    };
    format!("{sign}${}.{:02}", fmt_num(whole), cents as u32)
}

fn percent(x: f64) -> String {
    // + 0.0: a -0 share reads "0.0%", not "-0.0%".
    format!("{:.1}%", x * 100.0 + 0.0)
}

#[component]
pub(super) fn Preview(
    preview: UsagePreview,
    calls: super::unavailable::TypedCalls,
    bad: super::unavailable::BadCalls,
) -> impl IntoView {
    let UsagePreview {
        mut files,
        workload,
        ..
    } = preview;
    // Newest first, as the file list above orders them (the workload reads them in the
    // order they were picked; the order changes nothing of it).
    files.sort_by(|a, b| b.uploaded_at.cmp(&a.uploaded_at));
    view! {
        <div class="usage-preview" data-testid="usage-preview">
            <Reconcile recs=workload.reconciliations.clone() />
            {files.into_iter().map(|f| view! { <FileGroups f=f.file /> }).collect_view()}
            <h2>"Task types measured"</h2>
            {(!workload.notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="notice warn" data-testid="usage-notes">
                            {workload
                                .notes
                                .iter()
                                .map(|n| view! { <li>{n.clone()}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {workload
                .task_types
                .into_iter()
                .map(|t| {
                    let tt = t.task_type;
                    view! {
                        <div class="card" data-testid="usage-task">
                            <h3>{tt.name.clone()}</h3>
                            <p>
                                {format!(
                                    "{} calls a month, {} input + {} output tokens per call, {}; {}",
                                    fmt_num(tt.calls_per_month.round()),
                                    fmt_num(tt.input_tokens.round()),
                                    fmt_num(tt.output_tokens.round()),
                                    if tt.measured.iter().any(|m| m.field == "cached_input_share") {
                                        format!(
                                            "{} of input read from cache",
                                            percent(tt.cached_input_share),
                                        )
                                    } else {
                                        "cache reads not in the file (the scenario's share stays)"
                                            .to_string()
                                    },
                                    if tt.measured.iter().any(|m| m.field == "peak_to_average") {
                                        format!("peak {}x the average", fmt_num(tt.peak_to_average))
                                    } else {
                                        let why = t
                                            .provenance
                                            .iter()
                                            .find(|(f, _)| f == "peak_to_average")
                                            .map(|(_, w)| w.trim_start_matches("default: ").to_string())
                                            .unwrap_or_else(|| "the scenario's value stays".into());
                                        format!("peak not measured: {why}")
                                    },
                                )}
                            </p>
                            <details>
                                <summary>"Where each number comes from"</summary>
                                <ul class="provenance">
                                    {t
                                        .provenance
                                        .into_iter()
                                        .map(|(field, why)| {
                                            view! {
                                                <li>
                                                    {engine::scenario::paths::task_label(&field).to_string()}
                                                    ": " {why}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        </div>
                    }
                })
                .collect_view()}
            <super::unavailable::Unavailable
                groups=workload.unavailable
                left_out=workload.typed_left_out
                calls=calls
                bad=bad
            />
        </div>
    }
}

#[component]
fn Reconcile(recs: Vec<Reconciliation>) -> impl IntoView {
    if recs.is_empty() {
        return view! {
            <p class="notice" data-testid="usage-no-reconciliation">
                "To set the usage against the bill, read a cost report (OpenAI costs, Anthropic cost report) of the same days with the usage of that provider."
            </p>
        }
            .into_any();
    }
    recs.into_iter()
        .map(|r| view! { <OneBill r=r /> })
        .collect_view()
        .into_any()
}

/// The time both cover, in words: "from … to …", and how much of it when there are gaps.
fn common_time(r: &Reconciliation) -> String {
    let when = crate::format::time_span(r.start, r.end);
    let span = r.end - r.start;
    if r.common_s > 0 && r.common_s < span {
        format!(
            "{when}, {:.1} days of it: the time both the usage and the {} bill cover \
             (the bill's rows or the usage leave the rest out).",
            r.common_s as f64 / 86_400.0,
            r.provider,
        )
    } else {
        format!(
            "{when}: the time both the usage and the {} bill cover.",
            r.provider
        )
    }
}

#[component]
fn OneBill(r: Reconciliation) -> impl IntoView {
    view! {
        <div class="card" data-testid="usage-reconciliation">
            <h2>{format!("Usage against the {} bill", r.provider)}</h2>
            <p class="fineprint" data-testid="rec-window">
                {common_time(&r)}
            </p>
            <dl class="figures">
                <div>
                    // Nothing priced is not $0 of usage: said as such.
                    <dd data-testid="rec-priced">
                        {if r.nothing_priced() {
                            "not priced".to_string()
                        } else {
                            dollars(r.priced_usd)
                        }}
                    </dd>
                    <dt>"Usage priced with the catalog"</dt>
                </div>
                <div>
                    <dd data-testid="rec-billed">{dollars(r.billed_usd)}</dd>
                    <dt>"Billed"</dt>
                </div>
                <div>
                    // Nothing priced: no difference to show, only the bill.
                    <dd data-testid="rec-residual">
                        {if r.nothing_priced() {
                            "none to compare".to_string()
                        } else {
                            format!(
                                "{}{}",
                                dollars(r.residual_usd),
                                r
                                    .residual_share
                                    .map(|s| format!(" ({})", percent(s)))
                                    .unwrap_or_default(),
                            )
                        }}
                    </dd>
                    <dt>"Residual (billed − priced)"</dt>
                </div>
            </dl>
            // Within half a cent the two agree: what follows are notes, not reasons for a gap.
            <h3>
                {if !r.nothing_priced() && r.residual_usd.abs() <= 0.005 {
                    "Notes (the two agree to the cent)"
                } else {
                    "Likely reasons"
                }}
            </h3>
            <ul data-testid="rec-reasons">
                {r.reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// A group's priced total and what it was priced with, or "not priced" and why.
fn price_cell(p: Option<&engine::usage::pricing::GroupCost>) -> (String, String) {
    match p {
        Some(p) if p.reason.is_none() => (
            p.cost.map(|c| dollars(c.total())).unwrap_or_default(),
            p.price
                .as_ref()
                .map(|x| format!("{} prices as of {} ({})", x.name, x.as_of, x.source))
                .unwrap_or_default(),
        ),
        Some(p) => (
            "not priced".to_string(),
            p.reason.clone().unwrap_or_default(),
        ),
        None => ("–".into(), String::new()),
    }
}

#[component]
fn FileGroups(f: UsageFile) -> impl IntoView {
    let priced = f.priced.clone();
    let skipped: Vec<String> = f
        .skipped
        .iter()
        .map(|s| format!("{} skipped: {}", s.count, s.reason))
        .collect();
    view! {
        <section class="usage-file">
            <h3>
                {f.file_name.clone()} <span class="fineprint">" · "{f.format_name.clone()}</span>
            </h3>
            {f.billed_usd.map(|b| view! { <p>{format!("Billed in the file: {}", dollars(b))}</p> })}
            {(!f.groups.is_empty())
                .then(|| {
                    view! {
                        <div class="table-wrap">
                            <table class="list">
                                <thead>
                                    <tr>
                                        <th scope="col">"Group"</th>
                                        <th scope="col">"Period"</th>
                                        <th scope="col" class="n">
                                            "Requests"
                                        </th>
                                        <th scope="col" class="n">
                                            "Calls a month"
                                        </th>
                                        <th scope="col" class="n">
                                            "Input / call: mean (p90)"
                                        </th>
                                        <th scope="col" class="n">
                                            "Output / call: mean (p90)"
                                        </th>
                                        <th scope="col" class="n">
                                            "Cache read"
                                        </th>
                                        <th scope="col" class="n">
                                            "Batch"
                                        </th>
                                        <th scope="col" class="n">
                                            "Peak / average"
                                        </th>
                                        <th scope="col" class="n">
                                            "Priced"
                                        </th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {f
                                        .groups
                                        .iter()
                                        .map(|g| {
                                            let p = priced.iter().find(|p| p.group == g.group);
                                            let (price, why) = price_cell(p);
                                            let unpriced = price == "not priced";
                                            let per_call = |m: Option<f64>, p90: Option<f64>| match p90 {
                                                Some(q) => {
                                                    format!("{} ({})", opt(m.map(f64::round)), fmt_num(q))
                                                }
                                                None if m.is_some() => {
                                                    format!("{} (–)", opt(m.map(f64::round)))
                                                }
                                                None => opt(m),
                                            };
                                            // A file that sums its requests has a mean only.
                                            view! {
                                                <tr>
                                                    <td>{g.group.clone()}</td>
                                                    <td>{crate::format::day_span(g.start, g.end)}</td>
                                                    <td class="n">{opt(g.requests)}</td>
                                                    <td class="n">{opt(g.calls_per_month.map(f64::round))}</td>
                                                    <td class="n">{per_call(g.input_per_call, g.input_p90)}</td>
                                                    <td class="n">
                                                        {per_call(g.output_per_call, g.output_p90)}
                                                    </td>
                                                    <td
                                                        class="n"
                                                        title=(!g.cache_counted).then_some("not in the file")
                                                    >
                                                        {if g.cache_counted {
                                                            percent(g.cache_read_share)
                                                        } else {
                                                            "–".into()
                                                        }}
                                                    </td>
                                                    <td class="n">
                                                        {g.batch_share.map(percent).unwrap_or_else(|| "–".into())}
                                                    </td>
                                                    <td class="n" title=g.peak_basis.clone()>
                                                        {opt(g.peak_to_average)}
                                                    </td>
                                                    <td class="n" class:unpriced=unpriced title=why>
                                                        {price}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
            {(!f.notes.is_empty() || !skipped.is_empty())
                .then(|| {
                    view! {
                        <ul class="fineprint">
                            {f
                                .notes
                                .iter()
                                .chain(skipped.iter())
                                .map(|n| view! { <li>{n.clone()}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dollars_keep_cents_and_round_up_into_the_next_dollar() {
        assert_eq!(super::dollars(284.843_9), "$284.84");
        assert_eq!(super::dollars(0.071), "$0.07");
        assert_eq!(super::dollars(1_234.999), "$1,235.00");
        assert_eq!(super::dollars(-3.5), "-$3.50");
        // A few test calls cost less than a cent: said, not "$0.00".
        assert_eq!(super::dollars(0.003_5), "$0.0035");
        assert_eq!(super::dollars(0.000_62), "$0.00062");
        assert_eq!(super::dollars(0.0), "$0.00");
    }
}

//! Low/high ranges on any numeric input: the uncertainty band samples them and the
//! sensitivity tornado swings each input over its range.

use super::Ctx;
use crate::components::fields::{NumField, SelectField};
use engine::fmt_num;
use engine::scenario::paths;
use engine::scenario::InputRange;
use engine::Param;
use leptos::prelude::*;

/// A range of +/-20% around the input's current value, within what the input can be (hours
/// in a month stop at 744): a range the validation takes.
fn around(path: &str, s: &engine::Scenario) -> InputRange {
    let p = Param::parse(path, s);
    let v = p.map(|p| p.get(s)).filter(|v| v.is_finite()).unwrap_or(0.0);
    let (lo, hi) = p.map_or((f64::MIN, f64::MAX), |p| p.domain());
    // (For a value below 0, 120% of it is the lower end.)
    let (a, b) = (v * 0.8, v * 1.2);
    InputRange {
        path: path.to_string(),
        low: a.min(b).max(lo).min(v),
        high: a.max(b).min(hi).max(v),
    }
}

pub(super) fn section(ctx: Ctx) -> impl IntoView {
    let add = move |_| {
        ctx.restructure(|d| {
            let taken: Vec<String> = d.ranges.iter().map(|r| r.path.clone()).collect();
            if let Some(p) = Param::all(d)
                .into_iter()
                .map(|p| p.path())
                .find(|p| !taken.contains(p))
            {
                let r = around(&p, d);
                d.ranges.push(r);
            }
        })
    };
    view! {
        <fieldset data-testid="ranges">
            <legend>"Uncertainty ranges"</legend>
            <p class="hint">
                "Low and high values for the inputs you are unsure of. The break-even chart shows a P10–P90 band sampled from them; the sensitivity chart swings each input over its range (±25% where none is set)."
            </p>
            <For each=move || ctx.keys(|d| d.ranges.len()) key=|k| *k let:k>
                {row(ctx, k.1)}
            </For>
            {(!ctx.read_only)
                .then(|| {
                    view! {
                        <button type="button" class="secondary" on:click=add>
                            "+ Add a range"
                        </button>
                    }
                })}
        </fieldset>
    }
}

fn row(ctx: Ctx, r: usize) -> impl IntoView {
    let s = ctx.doc.get_untracked();
    s.ranges.get(r).cloned().map(|range| {
        let options: Vec<(String, String)> = Param::all(&s)
            .iter()
            .map(|p| (p.path(), p.label(&s)))
            .collect();
        let expected = Param::parse(&range.path, &s)
            .map(|p| fmt_num(p.get(&s)))
            .unwrap_or_else(|| "–".into());
        let p = move |f: &str| paths::range::at(r, f);
        // The unit of the input the range is on, as the range stores it: a share is a
        // fraction here (0.3), shown elsewhere as 30%.
        let unit: &'static str = match Param::parse(&range.path, &s).map(|p| p.unit()) {
            Some((1.0, u)) => u.trim_start(),
            Some((_, u)) if u.ends_with("/month") => "fraction/month",
            Some(_) => "fraction",
            None => "",
        };
        view! {
            <div class="row card range" data-testid=format!("range-{r}")>
                <SelectField
                    label="Input"
                    path=p(paths::range::PATH)
                    options=options
                    selected=range.path.clone()
                    read_only=ctx.read_only
                    on_change=Callback::new(move |v: String| {
                        ctx.restructure(|d| {
                            let fresh = around(&v, d);
                            if let Some(x) = d.ranges.get_mut(r) {
                                *x = fresh;
                            }
                        })
                    })
                />
                <NumField
                    label="Low"
                    unit=unit
                    path=p(paths::range::LOW)
                    value=range.low
                    read_only=ctx.read_only
                    hint=format!("expected value now: {expected}")
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(x) = d.ranges.get_mut(r) {
                                x.low = v;
                            }
                        })
                />
                <NumField
                    label="High"
                    unit=unit
                    path=p(paths::range::HIGH)
                    value=range.high
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(x) = d.ranges.get_mut(r) {
                                x.high = v;
                            }
                        })
                />
                {(!ctx.read_only)
                    .then(|| {
                        view! {
                            <div class="row-actions">
                                <button
                                    type="button"
                                    class="danger"
                                    aria-label=format!("Remove range {}", r + 1)
                                    on:click=move |_| {
                                        ctx.restructure(|d| {
                                            if r < d.ranges.len() {
                                                d.ranges.remove(r);
                                            }
                                        })
                                    }
                                >
                                    "Remove"
                                </button>
                            </div>
                        }
                    })}
            </div>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::around;

    /// Every input's range as added is one the validation takes: hours in a month stop at
    /// 744, a growth below 0 has its ends the right way round.
    #[test]
    fn a_range_as_added_validates_for_every_input() {
        let mut s = engine::templates::haiku_vs_4090();
        s.task_types[0].monthly_growth = -0.1;
        for p in engine::Param::all(&s) {
            let mut with = s.clone();
            with.ranges = vec![around(&p.path(), &s)];
            if let Err(e) = engine::validate(with) {
                panic!("{}: {:?}", p.path(), e.0);
            }
        }
    }
}

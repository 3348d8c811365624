//! `/v/{token}/present` (and `/f/{token}/present`, of a frozen revision): the decision
//! first (the recommendation, its numbers and the inputs that would flip it), then one
//! chart at a time, full width, with three headline numbers and the assumptions with
//! sources and dates; arrow keys move between slides.

use crate::dto::ChartKind;
use crate::format::money;
use crate::pages::not_found::LoadError;
use crate::pages::ReportLink;
use crate::server_fns::{decision_slide, load_report};
use engine::fmt_num;
use engine::report::decision::DecisionSlide;
use engine::report::Headline;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn PresentPage() -> impl IntoView {
    let link = ReportLink::of_route();
    let loaded = crate::dto::json::resource(move || link.get(), |l| load_report(l.token, l.frozen));
    let decision =
        crate::dto::json::resource(move || link.get(), |l| decision_slide(l.token, l.frozen));
    // Slide 0 is the decision; slide k > 0 is chart k - 1.
    let index = RwSignal::new(0usize);
    let n = ChartKind::ALL.len() + 1;
    let handle = window_event_listener(leptos::ev::keydown, move |ev| match ev.key().as_str() {
        "ArrowRight" | "PageDown" | " " => index.update(|i| *i = (*i + 1) % n),
        "ArrowLeft" | "PageUp" => index.update(|i| *i = (*i + n - 1) % n),
        _ => {}
    });
    on_cleanup(move || handle.remove());
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading..."</p> }
        }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(e) => Either::Left(view! { <LoadError err=e /> }),
                    Ok(l) => {
                        let code = l
                            .report
                            .as_ref()
                            .map_or_else(|| "USD".into(), |r| r.currency.clone());
                        provide_context(crate::format::ShownCurrency(Signal::stored(code)));
                        let base = link.get_untracked().base();
                        let (head, notes, age_notes) = l
                            .report
                            .map(|r| (r.headline, r.assumptions, r.age_notes))
                            .unwrap_or_default();
                        Either::Right(
                            // Money in the evaluation's currency.
                            view! {
                                <div class="present" data-testid="present">
                                    <header class="present-head">
                                        <h1>{l.name.clone()}</h1>
                                        <span class="exit-links">
                                            <a
                                                href=format!("{base}/slides.pdf")
                                                data-testid="present-slides-pdf"
                                            >
                                                "Slides as PDF"
                                            </a>
                                            " · "
                                            <a class="exit" href=base.clone()>
                                                "Exit presentation"
                                            </a>
                                        </span>
                                    </header>
                                    {crate::format::age_notes_view(age_notes)}
                                    // The decision slide gives its own numbers (the saving, the
                                    // NPV, the payback): the cards come with the charts, so a
                                    // projector's screen holds the decision whole.
                                    {move || {
                                        (index.get() > 0)
                                            .then(|| {
                                                head.clone().map(|h| view! { <HeadlineCards h=h /> })
                                            })
                                    }}
                                    <figure class="slide">
                                        {move || {
                                            let i = index.get();
                                            let title = match i {
                                                0 => "Decision".to_string(),
                                                i => ChartKind::ALL[i - 1].title().to_string(),
                                            };
                                            view! {
                                                {match i {
                                                    0 => {
                                                        Either::Left(
                                                            view! {
                                                                <Suspense fallback=|| {
                                                                    view! { <p>"Weighing every input..."</p> }
                                                                }>
                                                                    {move || Suspend::new(async move {
                                                                        decision
                                                                            .await
                                                                            .ok()
                                                                            .flatten()
                                                                            .map(|d| view! { <Decision d=d /> })
                                                                    })}
                                                                </Suspense>
                                                            },
                                                        )
                                                    }
                                                    i => {
                                                        let k = ChartKind::ALL[i - 1];
                                                        Either::Right(
                                                            view! {
                                                                // A phone gets the chart drawn for its column.
                                                                <picture>
                                                                    <source
                                                                        media="(max-width: 600px)"
                                                                        srcset=format!("{}/chart/{}.svg?phone=true", base, k.slug())
                                                                    />
                                                                    <img
                                                                        src=format!("{}/chart/{}.svg", base, k.slug())
                                                                        alt=k.title()
                                                                        data-testid="slide-chart"
                                                                    />
                                                                </picture>
                                                            },
                                                        )
                                                    }
                                                }}
                                                <figcaption>
                                                    <button
                                                        type="button"
                                                        class="secondary"
                                                        data-testid="slide-prev"
                                                        aria-label="Previous chart"
                                                        on:click=move |_| index.update(|i| *i = (*i + n - 1) % n)
                                                    >
                                                        "← Previous"
                                                    </button>
                                                    <span>
                                                        {format!("{title} ({} of {n})", i + 1)}
                                                        <span class="keys">" · arrow keys or the buttons"</span>
                                                    </span>
                                                    <button
                                                        type="button"
                                                        class="secondary"
                                                        data-testid="slide-next"
                                                        aria-label="Next chart"
                                                        on:click=move |_| index.update(|i| *i = (*i + 1) % n)
                                                    >
                                                        "Next →"
                                                    </button>
                                                </figcaption>
                                            }
                                        }}
                                    </figure>
                                    // The sources under one line that opens: the chart
                                    // keeps the screen.
                                    <footer class="assumptions" data-testid="present-assumptions">
                                        <details>
                                            <summary>
                                                {format!(
                                                    "Revision {} · planning estimates; prices change, check the dates. Assumptions, with sources and dates",
                                                    l.revision,
                                                )}
                                            </summary>
                                            <ul>
                                                {notes
                                                    .iter()
                                                    .flat_map(|g| {
                                                        g.rows
                                                            .iter()
                                                            .map(move |(what, value, src)| match g.owner.as_str() {
                                                                "" => format!("{what} = {value} [{src}]"),
                                                                o => format!("{o}: {what} = {value} [{src}]"),
                                                            })
                                                    })
                                                    .map(|line| view! { <li>{line}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </details>
                                    </footer>
                                </div>
                            },
                        )
                    }
                }
            })}
        </Suspense>
    }
}

/// A flip's saving at one end of its range, or why it has none there.
fn end_saving(x: Option<f64>) -> String {
    // With the minus sign the slide's headline figures are written with (−$1,631).
    x.map_or_else(
        || "none (no configuration compares there)".into(),
        |x| {
            let m = crate::format::money(x);
            m.strip_prefix('-')
                .map_or(m.clone(), |rest| format!("\u{2212}{rest}"))
        },
    )
}

/// The cheapest figure's caveats, or those of the figure its saving is counted against
/// (named): the whole of them for a title, and the line shown.
fn caveat_line(h: &Headline) -> Option<(String, String)> {
    let own = &h.cheapest_caveats;
    let theirs = &h.saving_caveats;
    match (own.is_empty(), theirs.is_empty(), &h.saving) {
        (false, _, _) => Some((own.join("\n"), engine::report::first_caveat(own))),
        (true, false, Some((vs, _))) => Some((
            theirs.join("\n"),
            format!("{vs}: {}", engine::report::first_caveat(theirs)),
        )),
        _ => None,
    }
}

/// The decision slide: the recommendation in one sentence, its three numbers, and the
/// inputs that would reverse its monthly saving (the pair it compares trading places),
/// with where each flips.
#[component]
fn Decision(d: DecisionSlide) -> impl IntoView {
    let flips = d.flips.clone();
    // A minus held to its amount: "−$114,567" is never split at a line's end.
    let text = d
        .summary
        .recommendation
        .replace('\u{2212}', "\u{2212}\u{2060}");
    // The advice in large type, what it rests on after it in the slide's own size: the
    // whole paragraph in large type ran past the screen.
    let (lead, rest) = engine::fmt::lead_sentence(&text);
    let (lead, rest) = (lead.to_string(), rest.to_string());
    view! {
        <div class="decision-slide" data-testid="slide-decision">
            <p class="recommendation" data-testid="decision-recommendation">
                {lead}
            </p>
            {(!rest.is_empty())
                .then(|| {
                    view! {
                        <p class="recommendation-terms" data-testid="decision-terms">
                            {rest}
                        </p>
                    }
                })}
            // The figure's caveat under the sentence: two lines at most, the whole of
            // every caveat in its title; the printout lists them all.
            {(!d.summary.caveats.is_empty())
                .then(|| {
                    view! {
                        <p
                            class="caveat"
                            data-testid="decision-caveat"
                            title=d.summary.caveats.join("\n")
                        >
                            {engine::report::first_caveat(&d.summary.caveats)}
                        </p>
                    }
                })}
            <div class="headline-numbers">
                {d
                    .summary
                    .headline
                    .iter()
                    .filter(|(label, _)| !label.is_empty())
                    .map(|(label, value)| {
                        view! {
                            <div class="big">
                                <span class="label">{label.clone()}</span>
                                <span class="value">{value.clone()}</span>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            // The flips are where the monthly saving at today's volume changes sign, which
            // is not always where the NPV (the advice above) does: said in the heading.
            <h2>{d.flips_heading()}</h2>
            {d.without_targets.clone().map(|t| view! { <p data-testid="decision-targets">{t}</p> })}
            {if flips.is_empty() {
                Either::Left(view! { <p data-testid="decision-no-flip">{d.no_flip()}</p> })
            } else {
                Either::Right(
                    view! {
                        <ul class="flips" data-testid="decision-flips">
                            {flips
                                .into_iter()
                                .map(|f| {
                                    view! {
                                        <li>
                                            {format!(
                                                "{}: at {} (entered {}; range {}) the cheaper option changes. Monthly saving {} at the low end, {} at the high end.",
                                                f.label,
                                                f.flips_at_text,
                                                f.value_text,
                                                f.range_text,
                                                end_saving(f.saving_at_low),
                                                end_saving(f.saving_at_high),
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    },
                )
            }}
        </div>
    }
}

/// The three headline numbers shown with each chart: the cheapest option, the break-even
/// volume, the payback month.
#[component]
fn HeadlineCards(h: Headline) -> impl IntoView {
    let saving = h
        .saving
        .clone()
        .map(|(vs, s)| format!(", saves {}/month vs {vs}", money(s)))
        .unwrap_or_default();
    let cost = format!("{}/month{saving}", money(h.cheapest_cost));
    let break_even = h
        .break_even_calls
        .map(|c| format!("{} calls/month", fmt_num(c)))
        .unwrap_or_else(|| "none in range".into());
    let pair = h
        .break_even_pair
        .clone()
        .map(|(t, c)| format!("{c} vs {t}"));
    let note = h.break_even_note.clone().map(|n| {
        view! {
            <span class="crossings" data-testid="head-break-even-note">
                {format!(" ({n})")}
            </span>
        }
    });
    let payback = h
        .payback_month
        .map(|m| format!("month {m}"))
        .unwrap_or_else(|| "not within the horizon".into());
    // The break-even and the payback are counted for the best configuration: its caveats
    // are on the first card, named; these two cards say they stand on them.
    let stands_on = |testid: &'static str, shown: bool| {
        h.self_caveats
            .clone()
            .filter(|(_, c)| shown && !c.is_empty())
            .map(|(name, c)| {
                view! {
                    <span class="sub warn" data-testid=testid title=c.join("\n")>
                        {format!(
                            "on {name}'s figure, which has {} (first card)",
                            engine::report::caveats_count(c.len()),
                        )}
                    </span>
                }
            })
    };
    let be_caveat = stands_on("head-break-even-caveat", h.break_even_calls.is_some());
    let payback_caveat = stands_on("head-payback-caveat", h.payback_month.is_some());
    view! {
        <div class="headline-numbers">
            <div class="big" data-testid="head-cheapest">
                <span class="label">"Cheapest at the current volume"</span>
                <span class="value">{h.cheapest.clone()}</span>
                <span class="sub">{cost}</span>
                {caveat_line(&h)
                    .map(|(all, line)| {
                        view! {
                            <span class="sub warn" data-testid="head-cheapest-caveats" title=all>
                                {line}
                            </span>
                        }
                    })}
            </div>
            <div class="big" data-testid="head-break-even">
                <span class="label">"Break-even volume"</span>
                <span class="value">{break_even}</span>
                <span class="sub">{pair}{note}</span>
                {be_caveat}
            </div>
            <div class="big" data-testid="head-payback">
                <span class="label">"Payback month"</span>
                <span class="value">{payback}</span>
                <span class="sub">"cash basis, against the baseline API tier"</span>
                {payback_caveat}
            </div>
        </div>
    }
}

//! The article's claims, checked by the engine: shown beside the article's templates.

use engine::article::{check, Verdict};
use engine::fmt_num;
use leptos::prelude::*;

#[component]
pub fn ArticleCheck() -> impl IntoView {
    view! {
        <section class="article-check" aria-labelledby="article-h" data-testid="article-check">
            <h2 id="article-h">"The article, checked"</h2>
            <p class="fineprint">
                "Each claim of 'Self-hosting vs API cost', recomputed by the engine."
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Claim"</th>
                        <th scope="col">"Article"</th>
                        <th scope="col">"Correct"</th>
                        <th scope="col">"Verdict and reason"</th>
                    </tr>
                </thead>
                <tbody>
                    {check()
                        .into_iter()
                        .map(|c| {
                            let (cls, word) = match c.verdict {
                                Verdict::Right => ("ok", "right"),
                                Verdict::SlightlyWrong => ("meh", "slightly off"),
                                Verdict::Wrong => ("bad", "wrong"),
                            };
                            view! {
                                <tr class=cls>
                                    <td>{c.claim}</td>
                                    <td class="n">
                                        {c
                                            .article_words
                                            .clone()
                                            .unwrap_or_else(|| fmt_num(c.article_value))}
                                    </td>
                                    <td class="n">
                                        {fmt_num(c.correct_value)}" "<small>{c.unit}</small>
                                    </td>
                                    <td>
                                        <strong>{word}</strong>
                                        ": "
                                        {c.reason}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

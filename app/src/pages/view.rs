//! `/v/{token}`: read-only. No save control here, and the server refuses writes
//! without the edit key anyway.

use crate::components::charts::{use_live, ChartPanel};
use crate::components::form::ScenarioForm;
use crate::components::results::Results;
use crate::pages::not_found::LoadError;
use crate::server_fns::load_for_view;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ViewPage() -> impl IntoView {
    let params = use_params_map();
    let loaded = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        load_for_view,
    );
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading..."</p> }
        }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(l) => {
                        let doc = RwSignal::new(l.document.clone());
                        let evaluated = RwSignal::new(l.evaluated.clone());
                        let (chart, chart_opts, busy, _) = use_live(
                            doc,
                            evaluated,
                            Callback::new(|_| ()),
                        );
                        let base = format!("/v/{}", l.view_token);
                        Either::Left(
                            view! {
                                <div class="page editor view-only">
                                    <div class="editor-head">
                                        <h1>{l.name.clone()}</h1>
                                        <span class="badge" data-testid="read-only">
                                            "View only · revision "
                                            {l.revision}
                                        </span>
                                    </div>
                                    <div class="split">
                                        <ScenarioForm doc=doc evaluated=evaluated read_only=true />
                                        <div class="answers">
                                            <ChartPanel
                                                chart=chart
                                                opts=chart_opts
                                                exports=base
                                                evaluated=evaluated
                                            />
                                            <Results evaluated=evaluated busy=busy />
                                            {engine::templates::from_article(&l.document)
                                                .then(|| {
                                                    view! { <crate::components::article::ArticleCheck /> }
                                                })}
                                        </div>
                                    </div>
                                </div>
                            },
                        )
                    }
                    Err(e) => Either::Right(view! { <LoadError err=e /> }),
                }
            })}
        </Suspense>
    }
}

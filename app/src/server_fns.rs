//! Server functions: thin. Take the database from context, call `db` or the engine, map errors.

use crate::dto::{
    Access, ChartOptions, Created, Live, Loaded, RevisionSummary, ScenarioSummary, WorkspaceInfo,
};
use crate::error::AppError;
use engine::Scenario;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Curve points sent while editing (the charts ask for more).
pub const LIVE_CURVE_POINTS: usize = 64;

/// On the server, an error answer carries its HTTP status (409 conflict, 422 invalid,
/// 404, 503...) rather than a blanket 500; the browser gets the same typed error.
#[cfg(feature = "ssr")]
pub(crate) fn with_status<T>(r: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &r {
        if let Some(ro) = use_context::<leptos_axum::ResponseOptions>() {
            ro.set_status(e.status());
        }
    }
    r
}

#[cfg(feature = "ssr")]
pub(crate) fn db() -> Result<crate::db::Db, AppError> {
    use_context::<crate::db::AppState>()
        .map(|s| s.db)
        .ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("AppState missing from the Leptos context"))
        })
}

/// The author the operator's sign-on proxy names for this request (else empty).
#[cfg(feature = "ssr")]
pub(crate) fn author() -> String {
    match (
        use_context::<crate::db::AppState>(),
        use_context::<axum::http::request::Parts>(),
    ) {
        (Some(s), Some(p)) => s.author(&p.headers),
        _ => String::new(),
    }
}

/// Puts the results panel in the answer when the call came over HTTP (a page drawn in
/// the browser asked), not when the server renders the page, whose HTML holds it. Every
/// server function is under `/sfn/`.
#[cfg(feature = "ssr")]
fn panel_for_caller() -> impl Fn(Loaded) -> Loaded {
    let over_http = use_context::<axum::http::request::Parts>()
        .is_some_and(|p| p.uri.path().starts_with("/sfn/"));
    move |l| l.with_panel_sent(over_http)
}

/// The workspace a token opens. (Callers take the database and the author from the
/// context before their first await: after it, the page that asked may be gone.)
#[cfg(feature = "ssr")]
async fn member(
    db: &crate::db::Db,
    token: &str,
) -> Result<crate::db::workspaces::Workspace, AppError> {
    crate::db::workspaces::by_token(db, token).await
}

/// A new workspace; its link is answered once, here.
#[server(prefix = "/sfn", endpoint = "create_workspace", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn create_workspace(name: String) -> Result<WorkspaceInfo, AppError> {
    with_status(async move { Ok(crate::db::workspaces::create(&db()?, &name).await?.info) }.await)
}

/// The workspace the operator opens for everyone who reaches the server
/// (`BREAKEVEN_DEFAULT_WORKSPACE`, for one team behind its sign-on proxy), if any.
#[server(prefix = "/sfn", endpoint = "default_workspace", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(err(level = "info")))]
pub async fn default_workspace() -> Result<Option<WorkspaceInfo>, AppError> {
    with_status(
        async move {
            // Only to a user the sign-on proxy named: never to anyone who reaches the server.
            let token = use_context::<crate::db::AppState>()
                .and_then(|s| s.default_workspace)
                .filter(|_| !author().is_empty());
            match token {
                Some(t) => Ok(Some(member(&db()?, &t).await?.info)),
                None => Ok(None),
            }
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "open_workspace", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(token), err(level = "info")))]
pub async fn open_workspace(token: String) -> Result<WorkspaceInfo, AppError> {
    with_status(
        async move {
            let db = db()?;
            Ok(member(&db, &token).await?.info)
        }
        .await,
    )
}

/// One workspace's scenarios, for its members.
#[server(prefix = "/sfn", endpoint = "list_scenarios", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(workspace, query), err(level = "info"))
)]
pub async fn list_scenarios(
    workspace: String,
    query: String,
) -> Result<Vec<ScenarioSummary>, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = member(&db, &workspace).await?;
            crate::db::list(&db, &ws.id, query.trim(), 100).await
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "create_from_template", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(workspace), err(level = "info"))
)]
pub async fn create_from_template(
    workspace: String,
    template: String,
) -> Result<Created, AppError> {
    with_status(
        async move {
            let (db, author) = (db()?, author());
            let ws = member(&db, &workspace).await?;
            let doc = engine::templates::template(&template)
                .ok_or_else(|| AppError::NotFound(format!("template '{template}'")))?;
            crate::db::create(&db, &ws.id, &doc, &author).await
        }
        .await,
    )
}

/// Creates a new scenario from a document: an edit kept after a conflict, or a copy of
/// a viewed scenario. It goes into the workspace `into` reaches: a member's workspace
/// token, or the edit link of the scenario it was copied from.
#[server(prefix = "/sfn", endpoint = "create_copy", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(document, into), err(level = "info"))
)]
pub async fn create_copy(document: Scenario, into: Access) -> Result<Created, AppError> {
    with_status(
        async move {
            let (db, author) = (db()?, author());
            let ws = crate::db::workspaces::resolve(&db, &into).await?;
            engine::validate(document.clone())?;
            let mut document = document;
            document.name = crate::db::free_name(&db, &ws, &document.name).await?;
            crate::db::create(&db, &ws, &document, &author).await
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "load_for_edit", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(key), err(level = "info")))]
pub async fn load_for_edit(id: String, key: String) -> Result<Loaded, AppError> {
    let panel = panel_for_caller();
    with_status(
        async move { crate::db::load_for_edit(&*db()?, &id, &key, crate::db::Detail::Page).await }
            .await
            .map(panel),
    )
}

#[server(prefix = "/sfn", endpoint = "load_for_view", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(token), err(level = "info")))]
pub async fn load_for_view(token: String, chart: bool) -> Result<Loaded, AppError> {
    // The presentation and print pages draw their charts as images: no inline chart.
    let detail = match chart {
        true => crate::db::Detail::Page,
        false => crate::db::Detail::Curves(LIVE_CURVE_POINTS),
    };
    let panel = panel_for_caller();
    with_status(
        async move { crate::db::load_for_view(&*db()?, &token, detail).await }
            .await
            // The presentation and the printout: their figures, not the evaluation.
            .map(|l| if chart { panel(l) } else { l.into_report() }),
    )
}

/// A link frozen at one revision, for the holder of the edit key: its token.
#[server(prefix = "/sfn", endpoint = "freeze_revision", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(key), err(level = "info")))]
pub async fn freeze_revision(id: String, key: String, revision: i64) -> Result<String, AppError> {
    with_status(async move { crate::db::freeze(&db()?, &id, &key, revision).await }.await)
}

/// The figures the presentation and the printout show, of a view link's latest revision
/// (`frozen` false) or of a frozen link's revision.
pub async fn load_report(token: String, frozen: bool) -> Result<Loaded, AppError> {
    if frozen {
        load_frozen_report(token).await
    } else {
        load_for_view(token, false).await
    }
}

/// [`load_for_view`]'s report, of the revision a frozen link shows.
#[server(prefix = "/sfn", endpoint = "load_frozen_report", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(token), err(level = "info")))]
pub async fn load_frozen_report(token: String) -> Result<Loaded, AppError> {
    with_status(
        async move {
            crate::db::load_frozen(
                &*db()?,
                &token,
                crate::db::Detail::Curves(LIVE_CURVE_POINTS),
            )
            .await
        }
        .await
        .map(Loaded::into_report),
    )
}

/// The revision a frozen link shows.
#[server(prefix = "/sfn", endpoint = "load_frozen", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(token), err(level = "info")))]
pub async fn load_frozen(token: String) -> Result<Loaded, AppError> {
    let panel = panel_for_caller();
    with_status(
        async move { crate::db::load_frozen(&*db()?, &token, crate::db::Detail::Page).await }
            .await
            .map(panel),
    )
}

#[server(prefix = "/sfn", endpoint = "save_scenario", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(key, document), err(level = "info"))
)]
pub async fn save_scenario(
    id: String,
    key: String,
    base_revision: i64,
    document: Scenario,
) -> Result<i64, AppError> {
    with_status(
        async move { crate::db::save(&db()?, &id, &key, base_revision, &document, &author()).await }
            .await,
    )
}

#[server(prefix = "/sfn", endpoint = "scenario_history", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(key), err(level = "info")))]
pub async fn scenario_history(id: String, key: String) -> Result<Vec<RevisionSummary>, AppError> {
    with_status(async move { crate::db::history(&*db()?, &id, &key).await }.await)
}

#[server(prefix = "/sfn", endpoint = "restore_revision", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(key), err(level = "info")))]
pub async fn restore_revision(id: String, key: String, revision: i64) -> Result<i64, AppError> {
    with_status(
        async move { crate::db::restore(&db()?, &id, &key, revision, &author()).await }.await,
    )
}

/// One round trip per edit: the engine's numbers and the chart drawn from them.
#[server(prefix = "/sfn", endpoint = "evaluate_live", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(document, chart), err(level = "info"))
)]
pub async fn evaluate_live(document: Scenario, chart: ChartOptions) -> Result<Live, AppError> {
    with_status(
        crate::compute::for_document(crate::compute::is_heavy(&document, 256), move || {
            crate::charts::live(document, &chart)
        })
        .await
        .and_then(|r| r),
    )
}

/// Two scenarios (view links) or two revisions of one (edit key), side by side.
#[server(prefix = "/sfn", endpoint = "compare", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(a, b), err(level = "info")))]
pub async fn compare(
    a: crate::dto::CompareSide,
    b: crate::dto::CompareSide,
) -> Result<crate::dto::Comparison, AppError> {
    with_status(
        async move {
            let db = db()?;
            let a = crate::db::compare_column(&db, &a, LIVE_CURVE_POINTS).await?;
            let b = crate::db::compare_column(&db, &b, LIVE_CURVE_POINTS).await?;
            let diffs = engine::report::diff_inputs(&a.document, &b.document);
            let costs = crate::dto::CostRow::paired(&a, &b);
            Ok(crate::dto::Comparison { a, b, diffs, costs })
        }
        .await,
    )
}

/// A workspace's own catalog entries.
#[server(prefix = "/sfn", endpoint = "list_custom_entries", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access), err(level = "info"))
)]
pub async fn list_custom_entries(access: Access) -> Result<Vec<crate::dto::CustomEntry>, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::catalog::list(&db, &ws).await
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "add_custom_entry", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(workspace, item), err(level = "info"))
)]
pub async fn add_custom_entry(
    workspace: String,
    item: crate::dto::CustomItem,
) -> Result<crate::dto::CustomEntry, AppError> {
    with_status(
        async move {
            let (db, author) = (db()?, author());
            let ws = member(&db, &workspace).await?;
            crate::db::catalog::add(&db, &ws.id, item, &author).await
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "delete_custom_entry", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(workspace), err(level = "info"))
)]
pub async fn delete_custom_entry(workspace: String, id: String) -> Result<(), AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = member(&db, &workspace).await?;
            crate::db::catalog::delete(&db, &id, crate::db::catalog::Deleter::Member(&ws.id)).await
        }
        .await,
    )
}

/// The present page's decision slide: the recommendation, the headline numbers and the
/// inputs that would flip the answer (`None` for a scenario that does not validate).
#[server(prefix = "/sfn", endpoint = "decision_slide", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(token), err(level = "info")))]
pub async fn decision_slide(
    token: String,
    // A page served before frozen links had a presentation sends the token alone.
    #[server(default)] frozen: bool,
) -> Result<Option<engine::report::decision::DecisionSlide>, AppError> {
    with_status(
        async move {
            // A frozen link's revision, else the view link's latest.
            let (_, document, _) = match frozen {
                true => crate::db::frozen_document(&*db()?, &token).await?,
                false => crate::db::view_document(&*db()?, &token).await?,
            };
            // Every input over its range: always on a compute slot.
            crate::compute::run(move || {
                let Ok(v) = engine::validate(document) else {
                    return None;
                };
                let e = engine::evaluate(&v, engine::Options::default());
                Some(engine::report::decision::slide(&v, &e, 3))
            })
            .await
        }
        .await,
    )
}

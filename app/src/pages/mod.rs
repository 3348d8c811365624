pub mod benchmarks;
pub mod catalog;
pub mod compare;
pub mod editor;
pub mod history;
pub mod home;
pub mod not_found;
pub mod present;
pub mod print;
pub mod print_inputs;
pub mod usage;
pub mod view;
pub mod workspace;

/// The link a presentation or a printout is reached by: a view link's token (its latest
/// revision) or a frozen link's (the revision it was frozen at), read from the route.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportLink {
    pub token: String,
    pub frozen: bool,
}

impl ReportLink {
    pub fn of_route() -> leptos::prelude::Memo<ReportLink> {
        use leptos::prelude::*;
        let params = leptos_router::hooks::use_params_map();
        Memo::new(move |_| {
            let p = params.read();
            match p.get("frozen") {
                Some(token) => ReportLink {
                    token,
                    frozen: true,
                },
                None => ReportLink {
                    token: p.get("token").unwrap_or_default(),
                    frozen: false,
                },
            }
        })
    }

    /// The page the link opens, whose exports and charts are beneath it.
    pub fn base(&self) -> String {
        format!("/{}/{}", if self.frozen { "f" } else { "v" }, self.token)
    }
}

/// The pages as the route table names them. A client holds the pages of its own group
/// (`crate::split`); in it, the other group's pages are [`crate::split::Elsewhere`].
pub mod routed {
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"), feature = "editor_client")))]
    pub use super::{
        benchmarks::{BenchRunPage, BenchmarksPage},
        catalog::CatalogPage,
        compare::ComparePage,
        history::HistoryPage,
        home::HomePage,
        usage::UsagePage,
        workspace::WorkspacePage,
    };
    #[cfg(not(all(
        feature = "hydrate",
        not(feature = "ssr"),
        not(feature = "editor_client")
    )))]
    pub use super::{editor::EditorPage, present::PresentPage, print::PrintPage, view::ViewPage};

    #[cfg(all(
        feature = "hydrate",
        not(feature = "ssr"),
        not(feature = "editor_client")
    ))]
    pub use crate::split::{
        Elsewhere as EditorPage, Elsewhere as PresentPage, Elsewhere as PrintPage,
        Elsewhere as ViewPage,
    };
    #[cfg(all(feature = "hydrate", not(feature = "ssr"), feature = "editor_client"))]
    pub use crate::split::{
        Elsewhere as BenchRunPage, Elsewhere as BenchmarksPage, Elsewhere as CatalogPage,
        Elsewhere as ComparePage, Elsewhere as HistoryPage, Elsewhere as HomePage,
        Elsewhere as UsagePage, Elsewhere as WorkspacePage,
    };
}

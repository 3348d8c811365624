//! Scenarios on a real SQLite file: capabilities, conflicts, history, restore.

use super::*;
use crate::db::{connect, test_pool as fresh};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use std::str::FromStr;

#[test]
fn tokens_are_random_hex_of_the_asked_size() {
    let a = random_token(16);
    assert_eq!(a.len(), 32);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, random_token(16));
}

/// A full disk (here: SQLite's page limit reached) refuses the save with "cannot save
/// right now", keeps what was saved, and saving works again once there is room.
#[tokio::test]
async fn a_full_disk_refuses_saves_cleanly_and_recovers() {
    let (dir, pool) = fresh().await;
    let mut doc = engine::templates::template("haiku-vs-4090").expect("template");
    let c = create(&pool, &crate::db::workspaces::shared(&pool).await, &doc, "")
        .await
        .expect("create");
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(&*pool)
        .await
        .expect("pages");
    pool.close().await;
    let path = dir.path().join("t.db");
    let full = SqliteConnectOptions::from_str(&format!("sqlite:{}", path.display()))
        .expect("opts")
        .journal_mode(SqliteJournalMode::Wal)
        .pragma("max_page_count", pages.to_string());
    let full = crate::db::Db::from_pool(
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(full)
            .await
            .expect("pool"),
    );
    // The largest valid notes: a revision that needs new pages on a disk with none.
    doc.notes = "x".repeat(engine::validate::limits::NOTES_CHARS);
    let err = save(&full, &c.id, &c.edit_key, 1, &doc, "")
        .await
        .expect_err("disk full");
    assert!(matches!(err, AppError::Unavailable(_)), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot save right now"),
        "{err}"
    );
    full.close().await;
    let pool = connect(&format!("sqlite:{}", path.display()))
        .await
        .expect("reopen");
    let kept = load_for_edit(&pool, &c.id, &c.edit_key, Detail::Curves(2))
        .await
        .expect("load");
    assert_eq!(kept.revision, 1, "nothing half-written");
    let ok: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM scenario_revisions")
        .fetch_one(&*pool)
        .await
        .expect("count");
    assert_eq!(ok, 1);
    assert_eq!(
        save(&pool, &c.id, &c.edit_key, 1, &doc, "")
            .await
            .expect("room again"),
        2
    );
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&*pool)
        .await
        .expect("check");
    assert_eq!(integrity, "ok");
}

/// A read-only database file answers saves with "cannot save right now".
#[tokio::test]
async fn a_read_only_database_refuses_saves_cleanly() {
    let (dir, pool) = fresh().await;
    let doc = engine::templates::template("haiku-vs-4090").expect("template");
    let c = create(&pool, &crate::db::workspaces::shared(&pool).await, &doc, "")
        .await
        .expect("create");
    pool.close().await;
    let ro =
        SqliteConnectOptions::from_str(&format!("sqlite:{}", dir.path().join("t.db").display()))
            .expect("opts")
            .read_only(true);
    let ro = crate::db::Db::from_pool(
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(ro)
            .await
            .expect("pool"),
    );
    let err = save(&ro, &c.id, &c.edit_key, 1, &doc, "")
        .await
        .expect_err("read-only");
    assert!(matches!(err, AppError::Unavailable(_)), "{err:?}");
    let kept = load_for_edit(&ro, &c.id, &c.edit_key, Detail::Curves(2))
        .await
        .expect("reads still work");
    assert_eq!(kept.revision, 1);
}

#[test]
fn key_comparison() {
    assert!(constant_time_eq("abc", "abc"));
    assert!(!constant_time_eq("abc", "abd"));
    assert!(!constant_time_eq("abc", "abcd"));
}

/// A copy made twice gets a name of its own the second time; another workspace's
/// scenarios of that name do not count.
#[tokio::test]
async fn a_name_taken_in_the_workspace_is_numbered() {
    let (_d, pool) = fresh().await;
    let ws = crate::db::workspaces::shared(&pool).await;
    let mut s = engine::templates::blank();
    s.name = "Plan_1 (my copy)".into();
    assert_eq!(
        free_name(&pool, &ws, &s.name).await.expect("free"),
        "Plan_1 (my copy)"
    );
    create(&pool, &ws, &s, "").await.expect("create");
    s.name = free_name(&pool, &ws, &s.name).await.expect("free");
    assert_eq!(s.name, "Plan_1 (my copy 2)");
    create(&pool, &ws, &s, "").await.expect("create");
    assert_eq!(
        free_name(&pool, &ws, "Plan_1 (my copy)")
            .await
            .expect("free"),
        "Plan_1 (my copy 3)"
    );
    let other = crate::db::workspaces::create(&pool, "other")
        .await
        .expect("ws");
    assert_eq!(
        free_name(&pool, &other.id, "Plan_1 (my copy)")
            .await
            .expect("free"),
        "Plan_1 (my copy)"
    );
}

#[tokio::test]
async fn list_is_newest_first_and_search_treats_wildcards_literally() {
    let (_d, pool) = fresh().await;
    for name in ["alpha 100%", "beta_x", "gamma"] {
        let mut s = engine::templates::blank();
        s.name = name.into();
        create(&pool, &crate::db::workspaces::shared(&pool).await, &s, "")
            .await
            .expect("create");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let all = list(&pool, &crate::db::workspaces::shared(&pool).await, "", 10)
        .await
        .expect("list");
    assert_eq!(
        all.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["gamma", "beta_x", "alpha 100%"]
    );
    assert_eq!(
        list(&pool, &crate::db::workspaces::shared(&pool).await, "%", 10)
            .await
            .expect("list")
            .len(),
        1,
        "% is a literal"
    );
    assert_eq!(
        list(&pool, &crate::db::workspaces::shared(&pool).await, "_", 10)
            .await
            .expect("list")
            .len(),
        1,
        "_ is a literal"
    );
    assert_eq!(
        list(
            &pool,
            &crate::db::workspaces::shared(&pool).await,
            "GAM",
            10
        )
        .await
        .expect("list")
        .len(),
        1,
        "case-insensitive"
    );
}

#[tokio::test]
async fn save_checks_key_base_and_validity() {
    let (_d, pool) = fresh().await;
    let doc = engine::templates::haiku_vs_4090();
    let c = create(&pool, &crate::db::workspaces::shared(&pool).await, &doc, "")
        .await
        .expect("create");
    assert_eq!(
        save(&pool, &c.id, "wrong", 1, &doc, "").await,
        Err(AppError::Forbidden)
    );
    let mut bad = doc.clone();
    bad.hours_per_month = f64::NAN;
    assert!(matches!(
        save(&pool, &c.id, &c.edit_key, 1, &bad, "").await,
        Err(AppError::Invalid(_))
    ));
    assert_eq!(save(&pool, &c.id, &c.edit_key, 1, &doc, "").await, Ok(2));
    assert_eq!(
        save(&pool, &c.id, &c.edit_key, 1, &doc, "").await,
        Err(AppError::Conflict {
            base: 1,
            current: 2
        })
    );
    assert_eq!(
        load_for_view(&pool, &c.view_token, Detail::Curves(2))
            .await
            .map(|l| l.revision),
        Ok(2)
    );
    assert!(matches!(
        load_for_view(&pool, "nope", Detail::Curves(2)).await,
        Err(AppError::NotFound(_))
    ));
}

//! Group commit: each write's own answer, failed groups, many databases at once.

use super::*;
use crate::db;

use crate::db::test_pool as fresh;

/// A fresh database holding one blank scenario at revision 1.
async fn fresh_with_scenario() -> (tempfile::TempDir, Db, crate::dto::Created) {
    let (dir, pool) = fresh().await;
    let a = db::create(
        &pool,
        &crate::db::workspaces::shared(&pool).await,
        &engine::templates::blank(),
        "",
    )
    .await
    .expect("a");
    (dir, pool, a)
}

fn revision(id: &str, base: i64, text: &str) -> Write {
    Write::Revision {
        id: id.into(),
        base,
        key: None,
        name: text.into(),
        document: format!("{{\"n\":\"{text}\"}}"),
        author: String::new(),
        restored_from: None,
    }
}

fn queued(write: Write) -> (Queued, oneshot::Receiver<Result<i64, AppError>>) {
    let (reply, answer) = oneshot::channel();
    (Queued { write, reply }, answer)
}

async fn stored(pool: &sqlx::SqlitePool, id: &str) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT revision, document FROM scenario_revisions WHERE scenario_id = ? ORDER BY revision",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .expect("read")
}

/// One group, one transaction: a stale save inside it is refused on its own, the
/// others are stored, and each asker gets its own answer.
#[tokio::test]
async fn a_group_answers_each_write_on_its_own() {
    let (_d, pool) = fresh().await;
    let doc = engine::templates::blank();
    let a = db::create(&pool, &crate::db::workspaces::shared(&pool).await, &doc, "")
        .await
        .expect("a");
    let b = db::create(&pool, &crate::db::workspaces::shared(&pool).await, &doc, "")
        .await
        .expect("b");
    let (q1, r1) = queued(revision(&a.id, 1, "a2"));
    let (q2, r2) = queued(revision(&a.id, 1, "a2-stale"));
    let (q3, r3) = queued(revision(&b.id, 1, "b2"));
    let (q4, r4) = queued(revision("no-such-id", 1, "x"));
    let (q5, r5) = queued(revision(&a.id, 2, "a3"));
    let with_key = |key: &str, text: &str| {
        let mut w = revision(&b.id, 2, text);
        if let Write::Revision { key: k, .. } = &mut w {
            *k = Some(key.to_string());
        }
        w
    };
    let (q6, r6) = queued(with_key("not-the-key", "b3-forged"));
    let (q7, r7) = queued(with_key(&b.edit_key, "b3"));
    commit_group(&pool, vec![q1, q2, q3, q4, q5, q6, q7]).await;
    assert_eq!(r1.await.expect("answer"), Ok(2));
    assert_eq!(
        r2.await.expect("answer"),
        Err(AppError::Conflict {
            base: 1,
            current: 3
        }),
        "the conflict names the revision current once the group is committed"
    );
    assert_eq!(r3.await.expect("answer"), Ok(2));
    assert!(matches!(
        r4.await.expect("answer"),
        Err(AppError::NotFound(_))
    ));
    assert_eq!(r5.await.expect("answer"), Ok(3));
    let a_revs = stored(&pool, &a.id).await;
    assert_eq!(
        a_revs.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(a_revs[1].1, r#"{"n":"a2"}"#, "the stale save left nothing");
    assert_eq!(a_revs[2].1, r#"{"n":"a3"}"#);
    assert_eq!(r6.await.expect("answer"), Err(AppError::Forbidden));
    assert_eq!(r7.await.expect("answer"), Ok(3));
    let b_revs = stored(&pool, &b.id).await;
    assert_eq!(b_revs.len(), 3, "the forged save left nothing");
    assert_eq!(b_revs[1].1, r#"{"n":"b2"}"#);
    assert_eq!(b_revs[2].1, r#"{"n":"b3"}"#);
}

/// A group whose commit cannot happen (read-only database) answers every write with
/// "cannot save right now" and stores none of them.
#[tokio::test]
async fn a_failed_group_commit_refuses_every_write_in_it() {
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    use std::str::FromStr;
    let (dir, pool, a) = fresh_with_scenario().await;
    pool.close().await;
    let ro = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            SqliteConnectOptions::from_str(&format!(
                "sqlite:{}",
                dir.path().join("t.db").display()
            ))
            .expect("opts")
            .read_only(true),
        )
        .await
        .expect("pool");
    let (q1, r1) = queued(revision(&a.id, 1, "a2"));
    let (q2, r2) = queued(revision(&a.id, 2, "a3"));
    commit_group(&ro, vec![q1, q2]).await;
    for r in [r1, r2] {
        assert!(
            matches!(r.await.expect("answer"), Err(AppError::Unavailable(_))),
            "read-only"
        );
    }
    assert_eq!(stored(&ro, &a.id).await.len(), 1);
}

/// Many concurrent saves on two databases at once: every save lands in its own
/// database exactly once, racing saves on one base have one winner, and each answer
/// matches what is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_on_two_databases_each_land_once() {
    let (_d1, one) = fresh().await;
    let (_d2, two) = fresh().await;
    let doc = engine::templates::blank();
    let mut tasks = Vec::new();
    let mut ids = Vec::new();
    for (p, pool) in [&one, &two].into_iter().enumerate() {
        for s in 0..8 {
            let c = db::create(pool, &crate::db::workspaces::shared(pool).await, &doc, "")
                .await
                .expect("create");
            ids.push((p, c.id.clone()));
            for racer in 0..3 {
                let pool = pool.clone();
                let id = c.id.clone();
                tasks.push(tokio::spawn(async move {
                    let text = format!("{p}-{s}-{racer}");
                    let r = submit(&pool, revision(&id, 1, &text)).await;
                    (p, id, text, r)
                }));
            }
        }
    }
    let mut winners = std::collections::HashMap::new();
    for t in tasks {
        let (p, id, text, r) = t.await.expect("task");
        match r {
            Ok(2) => assert!(winners.insert((p, id), text).is_none(), "two winners"),
            Err(AppError::Conflict {
                base: 1,
                current: 2,
            }) => {}
            other => panic!("unexpected answer {other:?}"),
        }
    }
    for (p, id) in ids {
        let pool = if p == 0 { &one } else { &two };
        let other = if p == 0 { &two } else { &one };
        let revs = stored(pool, &id).await;
        assert_eq!(revs.len(), 2, "one winner stored");
        assert_eq!(
            revs[1].1,
            format!("{{\"n\":\"{}\"}}", winners[&(p, id.clone())])
        );
        assert!(
            stored(other, &id).await.is_empty(),
            "never in the other database"
        );
    }
}

/// A save whose asker hung up while it waited in the queue is not committed: the next
/// save on the same base is not refused because of it.
#[tokio::test]
async fn a_save_abandoned_in_the_queue_is_not_committed() {
    let (_d, pool, a) = fresh_with_scenario().await;
    let (gone, answer) = queued(revision(&a.id, 1, "abandoned"));
    drop(answer);
    pool.writer.queue().push(gone);
    assert_eq!(submit(&pool, revision(&a.id, 1, "kept")).await, Ok(2));
    let revisions = stored(&pool, &a.id).await;
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].1, "{\"n\":\"kept\"}");
    assert!(pool.writer.queue().is_empty(), "nothing is left queued");
}

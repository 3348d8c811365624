//! Custom catalog entries have a capability, as scenarios do: the key returned to the
//! browser that added an entry is needed to delete it; no listing carries a key; an
//! entry from before keys existed can be removed by the operator only.

use crate::common::TestApp;
use serde_json::{json, Value};

const TOKEN: &str = "operator-t0ken";

async fn delete(app: &TestApp, id: &str, key: &str) -> (u16, Value) {
    let r = app
        .client
        .post(app.url("/sfn/delete_custom_entry"))
        .json(&json!({ "id": id, "key": key }))
        .send()
        .await
        .expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Adds a cloud price; the answer, with the entry's key.
async fn add(app: &TestApp) -> Value {
    let price = json!({ "item": { "kind": "cloud_price",
        "data": { "provider": "Acme", "gpu": "h100-sxm", "hourly_usd": 2.0, "note": "" } } });
    app.post_json("/sfn/add_custom_entry", &price).await
}

async fn listed(app: &TestApp) -> Vec<Value> {
    let v: Value = app.post_json("/sfn/list_custom_entries", &json!({})).await;
    v.as_array().expect("a list").clone()
}

#[tokio::test]
async fn only_the_key_holder_or_the_operator_deletes_an_entry() {
    let app = TestApp::spawn_with(|c| c.admin_token = Some(TOKEN.into())).await;
    let added = add(&app).await;
    let id = added["id"].as_str().expect("id").to_string();
    let key = added["edit_key"]
        .as_str()
        .expect("the adder gets the key")
        .to_string();
    assert_eq!(key.len(), 48);
    assert!(key.chars().all(|c| c.is_ascii_hexdigit()), "{key}");

    // The listing names the entry and carries no key.
    let list = listed(&app).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], json!(id));
    assert!(!list[0].to_string().contains(&key), "{list:?}");
    assert!(list[0].get("edit_key").is_none(), "{list:?}");

    // No key, a wrong key, another entry's key: 403, and the entry stays.
    let other = add(&app).await;
    let other_key = other["edit_key"].as_str().expect("key");
    for wrong in ["", "00", other_key, &key[..47]] {
        let (status, body) = delete(&app, &id, wrong).await;
        assert_eq!(status, 403, "key {wrong:?}: {body}");
        assert_eq!(body["error"], json!("wrong_entry_key"), "{body}");
        assert!(
            body["message"]
                .as_str()
                .expect("message")
                .contains("only the browser that added"),
            "{body}"
        );
    }
    assert_eq!(listed(&app).await.len(), 2);

    // The right key deletes it; a second delete finds nothing.
    let (status, body) = delete(&app, &id, &key).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = delete(&app, &id, &key).await;
    assert_eq!(status, 404);
    assert_eq!(listed(&app).await.len(), 1);

    // An entry stored before keys existed (NULL key): refused to every key holder,
    // removed by the operator with the admin token only.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", app.db_path.display()))
        .await
        .expect("db");
    sqlx::query("INSERT INTO custom_catalog (id, kind, name, data) VALUES ('legacy01', 'cloud_price', 'Old', ?)")
        .bind(json!({ "provider": "Old", "gpu": "a100-80gb", "hourly_usd": 1.0, "note": "" }).to_string())
        .execute(&pool)
        .await
        .expect("insert");
    let (status, body) = delete(&app, "legacy01", other_key).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"], json!("no_entry_key"), "{body}");
    let admin = |token: &'static str| {
        app.client
            .delete(app.url("/api/admin/catalog/legacy01"))
            .bearer_auth(token)
            .send()
    };
    assert_eq!(admin("wrong").await.expect("request").status(), 401);
    assert_eq!(listed(&app).await.len(), 2);
    assert_eq!(admin(TOKEN).await.expect("request").status(), 204);
    assert_eq!(admin(TOKEN).await.expect("request").status(), 404);
    assert_eq!(listed(&app).await.len(), 1);
}

/// A backup keeps each entry's key, so the browser that added an entry can still
/// delete it after a restore; a key of the wrong form refuses the whole backup.
#[tokio::test]
async fn backups_keep_entry_keys_and_check_them() {
    let source = TestApp::spawn_with(|c| c.admin_token = Some(TOKEN.into())).await;
    let added = add(&source).await;
    let (id, key) = (
        added["id"].as_str().expect("id"),
        added["edit_key"].as_str().expect("key"),
    );
    let backup: Value = source
        .client
        .get(source.url("/api/admin/backup"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(backup["custom_catalog"][0]["edit_key"], json!(key));

    let restore = |target: &TestApp, b: &Value| {
        target
            .client
            .post(target.url("/api/admin/restore"))
            .bearer_auth(TOKEN)
            .json(b)
            .send()
    };
    let spoilt = TestApp::spawn_with(|c| c.admin_token = Some(TOKEN.into())).await;
    let mut bad = backup.clone();
    bad["custom_catalog"][0]["edit_key"] = json!("not-a-key");
    let r = restore(&spoilt, &bad).await.expect("request");
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.expect("json");
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .contains("its key is not of the server's form"),
        "{body}"
    );
    assert_eq!(listed(&spoilt).await.len(), 0, "nothing restored");

    let target = TestApp::spawn_with(|c| c.admin_token = Some(TOKEN.into())).await;
    assert_eq!(
        restore(&target, &backup).await.expect("request").status(),
        201
    );
    let (status, body) = delete(&target, id, key).await;
    assert_eq!(status, 200, "{body}");
}

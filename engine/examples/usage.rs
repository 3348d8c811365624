//! Reads API usage files as `POST /api/usage` does and prints what was counted:
//! `cargo run -p engine --example usage -- FILE...` (each file alone; `--joined` reads them
//! as one log, as a session with its sub-agents' files).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let joined = args.iter().any(|a| a == "--joined");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--joined").collect();
    let read = |p: &str| std::fs::read(p).map_err(|e| format!("{p}: {e}"));
    let inputs: Vec<(String, Result<Vec<u8>, String>)> = if joined {
        let all: Result<Vec<Vec<u8>>, String> = paths.iter().map(|p| read(p)).collect();
        vec![("joined".into(), all.map(|fs| fs.join(&b'\n')))]
    } else {
        paths.iter().map(|p| (p.to_string(), read(p))).collect()
    };
    for (name, bytes) in inputs {
        match bytes.and_then(|b| engine::usage::import_usage(&b)) {
            Err(e) => println!("{name}: REFUSED {e}"),
            Ok(u) => {
                let mut t = engine::usage::Tokens::default();
                let mut requests = 0.0;
                for r in &u.records {
                    t.add(&r.tokens);
                    requests += r.requests.unwrap_or(0.0);
                }
                println!(
                    "{name}: {} ({} records, {requests} requests); input {} (cache read {}), output {}",
                    u.format.name(),
                    u.records.len(),
                    t.input_total(),
                    t.cache_read,
                    t.output
                );
                for n in &u.notes {
                    println!("  note: {n}");
                }
                for (why, n) in &u.skipped {
                    println!("  skipped {n} x {why}");
                }
            }
        }
    }
}

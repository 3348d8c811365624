//! Imports benchmark files and prints what was read: `cargo run -p engine --example import -- FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let result = std::fs::File::open(&path)
            .map_err(|e| e.to_string())
            .and_then(|f| engine::bench::import(&name, f, None).map_err(|e| e.to_string()));
        match result {
            Ok(imported) => {
                println!(
                    "{path}: {} run(s) as {}; refused: {:?}",
                    imported.runs.len(),
                    imported.format.label(),
                    imported.refused
                );
                for r in imported.runs.iter().take(3) {
                    println!("  {}", serde_json::to_string(r).unwrap_or_default());
                }
            }
            Err(e) => println!("{path}: REFUSED {e}"),
        }
    }
}

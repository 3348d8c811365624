//! Random capabilities and their constant-time comparison: a leaf every layer may use.

/// `bytes` random bytes as lowercase hex.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if getrandom::fill(&mut buf).is_err() {
        // The OS random source failing is not recoverable in a safe way.
        panic!("the operating system's random source failed");
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal-length strings compared without an early exit, so timing does not reveal
/// how much of a guessed key was right.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

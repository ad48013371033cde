//! Rebuild when the embedded plan changes (the binary carries `plan/`).
fn main() {
    println!("cargo:rerun-if-changed=plan");
}

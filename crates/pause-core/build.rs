//! Packs the learned models' text (`data/*.tsv`) into the compact binary the crate embeds (see
//! `src/model_pack.rs`): the engine needs only each feature's key, not its name.

#[allow(dead_code)]
#[path = "src/model_pack.rs"]
mod model_pack;

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["model", "opinion"] {
        let src = format!("data/{name}.tsv");
        println!("cargo:rerun-if-changed={src}");
        let text =
            std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("cannot read {src}: {e}"));
        let packed = model_pack::pack(&text)
            .unwrap_or_else(|(line, message)| panic!("{src} line {line}: {message}"));
        std::fs::write(out.join(format!("{name}.bin")), packed)
            .unwrap_or_else(|e| panic!("cannot write the packed {name}: {e}"));
    }
    println!("cargo:rerun-if-changed=src/model_pack.rs");
}

// Throwaway: brings the templates into canonical form. Delete after use.
use std::path::Path;

#[test]
fn canonicalise_templates() {
    let mut failed = false;
    for name in ["ecommerce", "saas-trial", "service", "blank"] {
        let path = format!("{}/assets/templates/{name}.ron", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        match journeymap::io::from_ron(&text, Path::new(&path)) {
            Ok(j) => {
                std::fs::write(&path, journeymap::io::to_ron(&j)).unwrap();
                println!("{name}: {}", j.summary());
            }
            Err(e) => {
                println!("ERROR {e}");
                failed = true;
            }
        }
    }
    assert!(!failed);
}

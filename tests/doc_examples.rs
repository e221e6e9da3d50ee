//! Every public method of `Registry` has a runnable example in its doc comment (issue 9,
//! part 6). The examples themselves run as doctests; this test keeps new methods from
//! arriving without one.

use std::fs;
use std::path::Path;

/// The public methods of every `impl Registry` block in `src/registry/`, each with whether the
/// doc comment right above it holds a code block.
fn registry_methods() -> Vec<(String, bool)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/registry");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("src/registry is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a source file is readable");
        let lines: Vec<&str> = text.lines().collect();
        let mut in_registry = false;
        for (i, line) in lines.iter().enumerate() {
            if *line == "impl Registry {" {
                in_registry = true;
            } else if *line == "}" {
                in_registry = false;
            } else if in_registry && line.starts_with("    pub fn ") {
                let name = line["    pub fn ".len()..]
                    .split(['(', '<'])
                    .next()
                    .unwrap_or_default();
                let doc = lines[..i]
                    .iter()
                    .rev()
                    .take_while(|l| l.starts_with("    ///") || l.starts_with("    #["));
                let has_example = doc.clone().any(|l| l.contains("```"));
                let file_name = file.file_name().unwrap_or_default().to_string_lossy();
                out.push((format!("{file_name}: {name}"), has_example));
            }
        }
    }
    out
}

#[test]
fn every_public_registry_method_has_an_example() {
    let methods = registry_methods();
    // Given the registry's source, the scan finds its methods (the typed calls among them),
    assert!(methods.len() >= 140, "only {} methods found", methods.len());
    assert!(
        methods
            .iter()
            .any(|(m, _)| m == "screening_calls.rs: record_interview")
    );
    // then each has an example in its doc comment.
    let missing: Vec<&str> = methods
        .iter()
        .filter(|(_, has)| !has)
        .map(|(m, _)| m.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} Registry methods have no example: {missing:?}",
        missing.len(),
        methods.len()
    );
}

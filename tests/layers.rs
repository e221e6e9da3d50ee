//! The layers of `src/` (DESIGN.md, "Modules own their commands"): every `crate::…` path in a
//! source file, in a `use` or inline, is an arrow from the file's module to the module it
//! names. Given every file under `src/`, then no file but `src/lib.rs` reaches a thing through
//! the crate root's re-exports, and every arrow is one the table below allows.
//!
//! # The table
//!
//! A file belongs to the module of its first path component under `src/` (`src/grid/check.rs`
//! and `src/grid/mod.rs` are `grid`; `src/error/zh.rs` is `error`). Modules are grouped in
//! layers ([`LAYERS`]); an arrow from module `a` to module `b` (`a` ≠ `b`) is allowed when a
//! row of [`ARROWS`] goes from `a` or its layer to `b`, to `b`'s layer, or to `*` (anything).
//! Arrows within a module are always allowed; arrows within a layer only where a row says so.
//!
//! Add a module to its layer in [`LAYERS`]; add a row to [`ARROWS`] only with its reason, and
//! the same line to DESIGN.md.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom to top, and the modules (top-level files and folders of `src/`) in each.
#[rustfmt::skip]
const LAYERS: &[(&str, &[&str])] = &[
    // Values: days, codes, identity numbers, ids, hashes, masked text, the labels' machinery,
    // text limits, tables, and the values' own error (`ValueError`, which their parsers return).
    ("values",  &["calendar", "chunked", "hash", "identity", "ids", "label", "lenient",
                  "limits", "mask", "place", "table", "test_support", "value_error"]),
    // The ledger: it chains bytes and knows no event type.
    ("ledger",  &["ledger"]),
    // The grid: units, staff, their reach, households and residents. Every module reads it.
    ("grid",    &["grid", "household"]),
    // The concept modules: each owns its commands, events, state, `decide` and `apply`.
    ("modules", &["audit", "disinfection", "gathering", "observation", "publicity", "report",
                  "roster", "screening", "supervision", "supplies"]),
    // Above the modules: `Command`, `Event` and `Error` wrap the modules' enums; a record is
    // what a ledger entry's bytes say, written by the record writer.
    ("events",  &["error", "event", "record", "record_writer"]),
    // The registry routes commands to the modules and composes what spans them; the
    // generator drives a registry.
    ("top",     &["registry", "synth"]),
];

/// The arrows allowed: (from, to, why); each end is a layer or a module, `*` is anything.
/// No module imports the registry, the events layer or another module but through these rows.
#[rustfmt::skip]
const ARROWS: &[(&str, &str, &str)] = &[
    // from       to             why
    ("values",    "values",      "values build on values; their parsers return `ValueError`"),
    ("ledger",    "values",      "the ledger chains hashes; `LedgerError` names values"),
    ("grid",      "values",      "units, staff and residents hold ids, days, identity numbers"),
    ("grid",      "grid",        "the grid holds the households and residents it registers"),
    ("error",     "roster",      "the crate error wraps the roster's own error enum"),
    ("error",     "disinfection", "the crate error wraps disinfection's own error enum"),
    ("modules",   "values",      "every module holds values"),
    ("modules",   "grid",        "every module reads the grid through `GridView` and `Context`"),
    ("grid",      "error",       "the grid's checks return the crate's `Error` (reach, `GridError`)"),
    ("modules",   "error",       "a module's `decide` returns the crate's `Error`, which wraps its own"),
    ("screening", "observation", "an interview that finds a key person opens an observation"),
    ("report",    "observation", "the FHIR export writes observation's temperature readings"),
    ("publicity", "gathering",   "H1 takes OxCGRT's one flag (`gathering::Flag`) beside C2–C4"),
    ("disinfection", "gathering", "kinds of site are keys of gathering's `kind_key!` macro"),
    ("events",    "values",      "records hold ids and instants"),
    ("events",    "ledger",      "a record is read from and written to a ledger entry"),
    ("events",    "grid",        "`Event` wraps the grid's events; the writer writes residents"),
    ("events",    "modules",     "`Command` and `Event` wrap each module's enums"),
    ("events",    "events",      "a record holds an event; the record writer writes records"),
    ("top",       "*",           "the registry and the generator compose everything below"),
];

fn layer_of(module: &str) -> Option<&'static str> {
    LAYERS
        .iter()
        .find(|(_, modules)| modules.contains(&module))
        .map(|(layer, _)| *layer)
}

fn allowed(from: &str, to: &str) -> bool {
    let (from_layer, to_layer) = (layer_of(from), layer_of(to));
    ARROWS.iter().any(|&(f, t, _)| {
        (f == from || Some(f) == from_layer) && (t == "*" || t == to || Some(t) == to_layer)
    })
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The text of a file without its comments (line comments, doc comments included, and block
/// comments), line numbers kept. Strings are left as they are: none in `src/` says `crate::`.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_line, mut depth, mut in_str) = (false, 0usize, false);
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if in_line {
            if c == '\n' {
                in_line = false;
                out.push('\n');
            }
        } else if depth > 0 {
            match (c, next) {
                ('*', Some('/')) => {
                    chars.next();
                    depth -= 1;
                }
                ('/', Some('*')) => {
                    chars.next();
                    depth += 1;
                }
                ('\n', _) => out.push('\n'),
                _ => {}
            }
        } else if in_str {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
        } else {
            match (c, next) {
                ('/', Some('/')) => in_line = true,
                ('/', Some('*')) => {
                    chars.next();
                    depth = 1;
                }
                ('"', _) => {
                    in_str = true;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// Splits `a, b::{c, d}, e` at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out.retain(|x| !x.is_empty());
    out
}

/// The paths a use tree names: `grid::{self, context::Context}` → `grid::self`,
/// `grid::context::Context`.
fn flatten(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(inner) = tree.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        for item in split_top(inner) {
            flatten(prefix, item, out);
        }
    } else if let Some((head, rest)) = tree.split_once("::") {
        let prefix = if prefix.is_empty() {
            head.to_owned()
        } else {
            format!("{prefix}::{head}")
        };
        flatten(&prefix, rest, out);
    } else {
        let name = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}::{name}")
        });
    }
}

/// Every `crate::…` (or `$crate::…`) path in `code`, with its line: a use tree with its
/// braces, or an inline path (`crate::error::deserialize_parsed(…)`).
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(found) = code[from..].find("crate::") {
        let at = from + found;
        from = at + "crate::".len();
        // `crate` as a word of its own (not `my_crate::`), or `$crate`.
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        // The tree: identifiers and `::`, then braces to their match.
        let mut end = from;
        let mut depth = 0;
        while end < bytes.len() {
            let c = bytes[end];
            let ident = c.is_ascii_alphanumeric() || c == b'_';
            if c == b'{' && (depth > 0 || end == from || code[from..end].ends_with("::")) {
                depth += 1;
            } else if c == b'}' && depth > 0 {
                depth -= 1;
                if depth == 0 {
                    end += 1;
                    break;
                }
            } else if depth == 0 && !(ident || c == b':') {
                break;
            }
            end += 1;
        }
        let line = code[..at].matches('\n').count() + 1;
        let mut paths = Vec::new();
        flatten("", code[from..end].trim_end_matches(':'), &mut paths);
        out.extend(paths.into_iter().map(|p| (line, p)));
    }
    out
}

/// The modules `src/lib.rs` declares, and the names it re-exports with the module each comes
/// from.
fn root() -> (BTreeSet<String>, BTreeMap<String, String>) {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let lib = without_comments(&lib);
    let mut modules = BTreeSet::new();
    let mut reexported = BTreeMap::new();
    for statement in lib.split(';') {
        let words: Vec<&str> = statement.split_whitespace().collect();
        let text = words.join(" ");
        let text = text.rsplit("] ").next().unwrap_or(&text);
        if let Some(name) = text.strip_prefix("pub mod ").or(text.strip_prefix("mod ")) {
            modules.insert(name.trim().to_owned());
        } else if let Some(tree) = text.strip_prefix("pub use ") {
            let mut paths = Vec::new();
            flatten("", tree, &mut paths);
            for path in paths {
                if let Some((module, name)) = path.rsplit_once("::") {
                    reexported.insert(name.to_owned(), module.to_owned());
                }
            }
        }
    }
    (modules, reexported)
}

/// The module a file of `src/` belongs to: its first path component, without `.rs`.
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap();
    let first = first.as_os_str().to_str().unwrap();
    first.strip_suffix(".rs").unwrap_or(first).to_owned()
}

/// Given every file of `src/`, then each `crate::…` path names a module, not a root
/// re-export, and goes along an arrow of the table.
#[test]
fn imports_name_the_defining_module_and_follow_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, reexported) = root();
    for module in &modules {
        assert!(
            layer_of(module).is_some(),
            "src/lib.rs declares `mod {module}`, which no layer of tests/layers.rs lists: \
             add it to its layer in LAYERS"
        );
    }
    let mut through_root = Vec::new();
    let mut against_layers = Vec::new();
    let mut arrows = BTreeSet::new();
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        if relative == Path::new("lib.rs") {
            continue;
        }
        let shown = format!("src/{}", relative.display());
        let from = module_of(relative);
        let code = without_comments(&fs::read_to_string(&file).unwrap());
        for (line, path) in crate_paths(&code) {
            let first = path.split("::").next().unwrap_or(&path);
            if !modules.contains(first) {
                let defining = match reexported.get(first) {
                    Some(module) => format!("crate::{module}::{first}"),
                    None => format!("the module that defines `{first}`"),
                };
                through_root.push(format!(
                    "{shown}:{line}: `crate::{path}` goes through the crate root; \
                     import it from {defining}"
                ));
            } else if first != from {
                arrows.insert((from.clone(), first.to_owned()));
                if !allowed(&from, first) {
                    against_layers.push(format!(
                        "{shown}:{line}: `crate::{path}` is an arrow {from} ({}) → {first} ({}) \
                         that the layers do not allow",
                        layer_of(&from).unwrap_or("no layer"),
                        layer_of(first).unwrap_or("no layer"),
                    ));
                }
            }
        }
    }
    assert!(
        through_root.is_empty() && against_layers.is_empty(),
        "\n{}\nThe allowed arrows are the table ARROWS at the top of tests/layers.rs \
         (and DESIGN.md, \"Modules own their commands\"); an arrow outside it is a layer \
         broken, or a new arrow to argue for there.\n",
        through_root
            .iter()
            .chain(&against_layers)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    // The table's rows are all still used, so it says what the code does.
    for &(f, t, why) in ARROWS {
        let used = arrows.iter().any(|(from, to)| {
            (f == from || Some(f) == layer_of(from))
                && (t == "*" || t == to || Some(t) == layer_of(to))
        });
        assert!(
            used,
            "no import follows the arrow {f} → {t} ({why}): remove its row"
        );
    }
}

/// The parser of this test reads braces across lines, renames and inline paths.
#[test]
fn the_parser_reads_use_trees_and_inline_paths() {
    let code = without_comments(
        "use crate::grid::{\n    self, Action,\n    context::{Context, EntryMeta},\n};\n\
         // use crate::Day;\n/* crate::Error */ let x = crate::error::f(1);\n\
         use crate::report::{both as heading};\nmy_crate::x; $crate::label::quote(s)",
    );
    let paths: Vec<(usize, String)> = crate_paths(&code);
    let expected = [
        (1, "grid::self"),
        (1, "grid::Action"),
        (1, "grid::context::Context"),
        (1, "grid::context::EntryMeta"),
        (6, "error::f"),
        (7, "report::both"),
        (8, "label::quote"),
    ];
    assert_eq!(
        paths,
        expected.map(|(l, p)| (l, p.to_owned())).to_vec(),
        "{code}"
    );
}

/// Given the table, then the values and the ledger may not name the crate's `Error` (it wraps
/// the modules' errors and sits above them): they return their own `ValueError` and
/// `LedgerError`; the grid and the modules may return it.
#[test]
fn only_the_grid_and_the_modules_and_above_name_the_crate_error() {
    for value in [
        "calendar",
        "ids",
        "identity",
        "place",
        "label",
        "limits",
        "value_error",
    ] {
        assert!(
            !allowed(value, "error"),
            "{value} may name the crate's error"
        );
    }
    assert!(!allowed("ledger", "error"));
    assert!(allowed("ledger", "value_error"));
    for module in [
        "grid",
        "screening",
        "observation",
        "gathering",
        "supervision",
        "report",
    ] {
        assert!(allowed(module, "error"), "{module}");
    }
    assert!(allowed("error", "grid") && allowed("error", "screening"));
}

/// Given the crate root, then it re-exports at most 60 names (the registry, the ledger and its
/// records, `Command`, `Event`, `Error`, the time values, the grid's ids and set-up types),
/// and no module's commands, events, errors or ids but the grid's: those live in their module.
#[test]
fn the_root_reexports_what_a_first_program_needs_and_no_more() {
    let (modules, reexported) = root();
    assert!(
        reexported.len() <= 60,
        "the crate root re-exports {} names: {:?}",
        reexported.len(),
        reexported.keys().collect::<Vec<_>>()
    );
    for (name, module) in &reexported {
        let module_owned = ["Command", "Event", "Error", "Id"]
            .iter()
            .any(|suffix| name.ends_with(suffix) && name.len() > suffix.len());
        // The grid's ids; the registry's own batch and the id any created thing has.
        let allowed = [
            "UnitId",
            "StaffId",
            "HouseholdId",
            "ResidentId",
            "BatchCommand",
            "CreatedId",
        ];
        let grid_id = allowed.contains(&name.as_str());
        assert!(
            !module_owned
                || grid_id
                || ["error", "value_error", "ledger"].contains(&module.as_str()),
            "{name} (from {module}) belongs in its module, not at the root"
        );
    }
    for public in [
        "audit",
        "disinfection",
        "gathering",
        "grid",
        "ledger",
        "observation",
        "place",
        "publicity",
        "registry",
        "report",
        "roster",
        "screening",
        "supervision",
        "supplies",
    ] {
        assert!(modules.contains(public), "{public} is declared");
    }
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for public in ["grid", "screening", "observation", "registry", "ledger"] {
        assert!(
            lib.contains(&format!("pub mod {public};")),
            "{public} is a public module"
        );
    }
}

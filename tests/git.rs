//! Maps in version control, as a user runs them: `diff`, `merge` and `git-setup` from the real
//! binary, and `git merge` with Journeymap as the merge driver in a temporary repository.

use journeymap::io;
use journeymap::model::{Emotion, Journey, TouchpointId};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed by a signal")
}

fn ecommerce() -> Journey {
    journeymap::templates::find("ecommerce")
        .expect("the template")
        .journey()
        .expect("the template loads")
}

fn card(j: &mut Journey, id: u32) -> &mut journeymap::model::Touchpoint {
    j.touchpoints
        .iter_mut()
        .find(|t| t.id == TouchpointId(id))
        .expect("a card of the template")
}

/// Writes `journey` as `name` in `dir`.
fn save(dir: &Path, name: &str, journey: &Journey) {
    io::save(&dir.join(name), journey).expect("saved");
}

#[test]
fn diff_lists_changes_in_words_and_exits_like_diff() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old = ecommerce();
    let mut new = old.clone();
    card(&mut new, 9).emotion = Some(Emotion(1));
    card(&mut new, 9).pain_point = None;
    new.touchpoints.retain(|t| t.id != TouchpointId(19));
    save(dir.path(), "old.ron", &old);
    save(dir.path(), "new.ron", &new);

    let same = run_in(dir.path(), &["diff", "old.ron", "old.ron"]);
    assert_eq!((code(&same), text(&same.stdout)), (0, String::new()));

    let out = run_in(dir.path(), &["diff", "old.ron", "new.ron"]);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "card 19 \"Gets a back-to-school catalogue\": removed (Busy parent · Retention)\n\
         card 9 \"Shipping cost shows at the last step\": emotion -2 → +1, pain point removed\n"
    );

    let md = run_in(
        dir.path(),
        &["diff", "old.ron", "new.ron", "--format", "md"],
    );
    assert!(
        text(&md.stdout).starts_with("**2 changes**\n\n- **card 19"),
        "{}",
        text(&md.stdout)
    );

    let json = run_in(
        dir.path(),
        &["diff", "old.ron", "new.ron", "--format", "json"],
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["equal"], false);
    assert_eq!(value["changes"][1]["fields"][0]["field"], "emotion");
    assert_eq!(value["changes"][1]["fields"][0]["new"], "+1");

    // The picture of the changes carries the new version, and is drawn as SVG too.
    for image in ["diff.png", "diff.svg"] {
        let drawn = run_in(
            dir.path(),
            &["diff", "old.ron", "new.ron", "-o", image, "--scale", "1"],
        );
        assert_eq!(code(&drawn), 1, "{}", text(&drawn.stderr));
        assert!(
            text(&drawn.stderr).contains("with 2 changes marked"),
            "{}",
            text(&drawn.stderr)
        );
        assert_eq!(
            io::load(&dir.path().join(image)).expect("the image loads"),
            new
        );
    }
    let wrong = run_in(
        dir.path(),
        &["diff", "old.ron", "new.ron", "-o", "diff.txt"],
    );
    assert_eq!(code(&wrong), 2);
    assert!(text(&wrong.stderr).contains("must end in .png, .svg or .pdf"));
}

/// As git's external diff, the picture's key names the versions by the map's path and blob, not
/// by the temporary files git hands over.
#[test]
fn a_diff_picture_made_as_git_external_diff_names_the_versions_by_path_and_blob() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old = ecommerce();
    let mut new = old.clone();
    card(&mut new, 9).emotion = Some(Emotion(1));
    save(dir.path(), "tmp-a1.ron", &old);
    save(dir.path(), "tmp-b2.ron", &new);
    let blob = "3f9c2a1b4d5e6f708192a3b4c5d6e7f801234567";
    let none = "0000000000000000000000000000000000000000";
    let out = run_in(
        dir.path(),
        &[
            "diff",
            "--git",
            "-o",
            "changes.svg",
            "maps/shop.ron",
            "tmp-a1.ron",
            blob,
            "100644",
            "tmp-b2.ron",
            none,
            "100644",
        ],
    );
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(dir.path().join("changes.svg")).expect("the picture");
    assert!(
        svg.contains("shop.ron @ 3f9c2a1"),
        "the as-is version's name"
    );
    assert!(
        svg.contains("shop.ron (working tree)"),
        "the to-be version's name"
    );
    assert!(!svg.contains("tmp-a1"), "git's temporary file");
}

#[test]
fn diff_reads_exported_maps_and_refuses_broken_files_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    save(dir.path(), "map.ron", &ecommerce());
    let export = run_in(dir.path(), &["export", "map.ron", "-o", "map.svg"]);
    assert_eq!(code(&export), 0, "{}", text(&export.stderr));
    let same = run_in(dir.path(), &["diff", "map.svg", "map.ron"]);
    assert_eq!(code(&same), 0, "{}", text(&same.stderr));

    fs::write(
        dir.path().join("broken.ron"),
        "(\n  version: 2,\n  title: 3,\n)",
    )
    .expect("written");
    let broken = run_in(dir.path(), &["diff", "map.ron", "broken.ron"]);
    assert_eq!(code(&broken), 2);
    assert!(
        text(&broken.stderr).contains("broken.ron:3:"),
        "{}",
        text(&broken.stderr)
    );
    let missing = run_in(dir.path(), &["diff", "map.ron", "nowhere.ron"]);
    assert_eq!(code(&missing), 2);
    assert!(
        text(&missing.stderr).contains("nowhere.ron"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn merge_lands_both_sides_and_lists_conflicts_keeping_ours() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let base = ecommerce();
    let mut ours = base.clone();
    card(&mut ours, 1).owner = "Brand".into();
    card(&mut ours, 9).emotion = Some(Emotion(0));
    let mut theirs = base.clone();
    card(&mut theirs, 2).votes = 9;
    card(&mut theirs, 9).emotion = Some(Emotion(-1));
    save(dir.path(), "base.ron", &base);
    save(dir.path(), "ours.ron", &ours);
    save(dir.path(), "theirs.ron", &theirs);

    let out = run_in(
        dir.path(),
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ],
    );
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stderr).contains(
            "conflict: card 9 \"Shipping cost shows at the last step\", emotion: base -2, ours 0, \
             theirs -1"
        ),
        "{}",
        text(&out.stderr)
    );
    let mut merged = io::load(&dir.path().join("out.ron")).expect("the merge loads");
    assert_eq!(card(&mut merged, 1).owner, "Brand");
    assert_eq!(card(&mut merged, 2).votes, 9);
    assert_eq!(card(&mut merged, 9).emotion, Some(Emotion(0)));

    // Without the conflict: exit 0.
    let clean = run_in(
        dir.path(),
        &["merge", "base.ron", "ours.ron", "base.ron", "-o", "out.ron"],
    );
    assert_eq!(code(&clean), 0, "{}", text(&clean.stderr));

    // A broken input writes nothing.
    fs::write(dir.path().join("broken.ron"), "(version: 2,").expect("written");
    let before = fs::read(dir.path().join("out.ron")).expect("read");
    let bad = run_in(
        dir.path(),
        &[
            "merge",
            "base.ron",
            "broken.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ],
    );
    assert_eq!(code(&bad), 2);
    assert!(
        text(&bad.stderr).contains("broken.ron:1:"),
        "{}",
        text(&bad.stderr)
    );
    assert_eq!(fs::read(dir.path().join("out.ron")).expect("read"), before);
}

/// Runs git in `dir`; asserts it succeeded unless `may_fail`.
fn git(dir: &Path, args: &[&str], may_fail: bool) -> Output {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        // The user's own git settings must not change the test.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        may_fail || out.status.success(),
        "git {args:?}: {}",
        text(&out.stderr)
    );
    out
}

/// A repository with `map.ron` committed on `main`, Journeymap set up as its driver.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"], false);
    git(d, &["config", "user.name", "Test"], false);
    git(d, &["config", "user.email", "test@example.com"], false);
    let setup = run_in(d, &["git-setup"]);
    assert_eq!(code(&setup), 0, "{}", text(&setup.stderr));
    assert!(
        fs::read_to_string(d.join(".gitattributes"))
            .expect("written")
            .contains("*.ron diff=journeymap merge=journeymap")
    );
    // Running it again adds nothing twice.
    run_in(d, &["git-setup"]);
    let attributes = fs::read_to_string(d.join(".gitattributes")).expect("read");
    assert_eq!(attributes.matches("merge=journeymap").count(), 1);
    save(d, "map.ron", &ecommerce());
    git(d, &["add", "."], false);
    git(d, &["commit", "-q", "-m", "map"], false);
    dir
}

/// Edits the map on `branch` and commits.
fn commit_on(d: &Path, branch: &str, edit: impl Fn(&mut Journey)) {
    git(d, &["checkout", "-q", branch], false);
    let mut j = io::load(&d.join("map.ron")).expect("the map loads");
    edit(&mut j);
    save(d, "map.ron", &j);
    git(d, &["commit", "-q", "-am", "edit"], false);
}

#[test]
fn git_merges_two_branches_editing_one_map_with_the_driver() {
    let repo = repository();
    let d = repo.path();
    git(d, &["branch", "workshop"], false);
    // Both edit the same cell's cards, lines apart that a text merge would take as one hunk.
    commit_on(d, "workshop", |j| {
        card(j, 9).emotion = Some(Emotion(1));
        card(j, 10).votes = 4;
    });
    commit_on(d, "main", |j| {
        card(j, 9).owner = "Checkout team".into();
        card(j, 10).tags.push("wallet".into());
    });
    let merge = git(d, &["merge", "-q", "--no-edit", "workshop"], true);
    assert!(merge.status.success(), "{}", text(&merge.stderr));
    let mut merged = io::load(&d.join("map.ron")).expect("the merged map loads");
    assert_eq!(card(&mut merged, 9).emotion, Some(Emotion(1)));
    assert_eq!(card(&mut merged, 9).owner, "Checkout team");
    assert_eq!(card(&mut merged, 10).votes, 4);
    assert_eq!(
        card(&mut merged, 10).tags.last().map(String::as_str),
        Some("wallet")
    );

    // git diff shows the change in words, through the external diff.
    let diff = git(d, &["diff", "HEAD~1", "--", "map.ron"], false);
    assert!(
        text(&diff.stdout)
            .contains("card 9 \"Shipping cost shows at the last step\": emotion -2 → +1"),
        "{}",
        text(&diff.stdout)
    );
    // And a revision reads by name.
    let by_revision = run_in(d, &["diff", "HEAD~2:map.ron", "map.ron"]);
    assert_eq!(code(&by_revision), 1, "{}", text(&by_revision.stderr));
    assert!(text(&by_revision.stdout).contains("owner Product → Checkout team"));
    let no_such = run_in(d, &["diff", "nosuchrev:map.ron", "map.ron"]);
    assert_eq!(code(&no_such), 2);
    assert!(text(&no_such.stderr).contains("nosuchrev:map.ron"));
}

#[test]
fn a_field_both_branches_changed_is_a_conflict_and_the_map_stays_a_journey() {
    let repo = repository();
    let d = repo.path();
    git(d, &["branch", "workshop"], false);
    commit_on(d, "workshop", |j| card(j, 9).emotion = Some(Emotion(1)));
    commit_on(d, "main", |j| card(j, 9).emotion = Some(Emotion(-1)));
    let merge = git(d, &["merge", "-q", "--no-edit", "workshop"], true);
    assert!(!merge.status.success());
    let out = text(&merge.stdout) + &text(&merge.stderr);
    assert!(out.contains("conflict: card 9"), "{out}");
    // Ours is kept; the file is a whole journey, not conflict markers.
    let mut merged = io::load(&d.join("map.ron")).expect("the map still loads");
    assert_eq!(card(&mut merged, 9).emotion, Some(Emotion(-1)));
}

#[test]
fn textconv_prints_the_journey_inside_a_map_image() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    save(dir.path(), "map.ron", &ecommerce());
    run_in(dir.path(), &["export", "map.ron", "-o", "map.svg"]);
    let out = run_in(dir.path(), &["diff", "--textconv", "map.svg"]);
    assert_eq!(code(&out), 0);
    assert_eq!(text(&out.stdout), io::to_ron(&ecommerce()));
}

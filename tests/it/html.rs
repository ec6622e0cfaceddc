//! `--format html`: one self-contained file, escaped, and checked in a real headless
//! browser (Debian's chromium, which scripts/test installs when it runs as root).

use crate::util::{code, fixture, moat_in, root, stderr};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// HTML and JSON reports of one evaluation of `snapshot`, written in `dir`.
fn reports(dir: &Path, snapshot: &Path, extra: &[&str]) -> (String, Value) {
    let html = dir.join("report.html");
    let json_path = dir.join("report.json");
    let mut args = vec![
        "scan".to_string(),
        "--snapshot".into(),
        snapshot.display().to_string(),
        "--format".into(),
        format!("html={}", html.display()),
        "--format".into(),
        format!("json={}", json_path.display()),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = moat_in(dir, &args);
    assert!(code(&out) <= 2, "{}", stderr(&out));
    let text = std::fs::read_to_string(&html).unwrap();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    (text, v)
}

/// The values of attribute `name` in `html`.
fn attrs(html: &str, name: &str) -> Vec<String> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn fingerprints(v: &Value) -> Vec<String> {
    let mut f: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    f.sort();
    f
}

#[test]
fn the_report_is_one_self_contained_file_with_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let (html, v) = reports(dir.path(), &fixture("securecart-drifted.json"), &[]);
    // Nothing is fetched: no external scripts, styles, images, frames or imports.
    for needle in ["<link", " src=", "@import", "<iframe", "url("] {
        assert!(!html.contains(needle), "{needle} in the report");
    }
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data block and the script"
    );
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;sha256-"));
    let mut found = attrs(&html, "data-fingerprint");
    found.sort();
    assert_eq!(found, fingerprints(&v));
    // Rule ids, exposure and the header's facts.
    assert!(attrs(&html, "data-rule").contains(&"EXP001".to_string()));
    assert!(attrs(&html, "data-exposure").contains(&"latent".to_string()));
    for fact in [
        "2026-11-20T09:45:00Z",
        "eu-west-1, us-east-1",
        "securecart-prod",
    ] {
        assert!(html.contains(fact), "{fact}");
    }
    // The compliance view and the exposure map.
    assert!(html.contains("<h3>PCI-DSS-4.0</h3>"));
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(html.contains("i-04a1b2c3d4e5f6a7b8 us-east-1"));
}

/// A snapshot whose names, tags and ids try to inject markup and script.
fn hostile_snapshot(dir: &Path) -> PathBuf {
    let evil = "<img src=x onerror=\"document.title='pwned'\">";
    let doc = json!({
        "schema_version": 1,
        "account": {"id": "111122223333", "alias": "</script><script>document.title='pwned'</script>"},
        "collected_at": "2026-11-26T00:00:00Z",
        "regions": {"us-east-1": {"ec2": {
            "SecurityGroups": [{
                "GroupId": format!("sg-1{evil}"),
                "GroupName": "default",
                "VpcId": "vpc-1</title><script>document.title='pwned'</script>",
                "Description": evil,
                "Tags": [{"Key": "Name", "Value": evil}],
                "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                    "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": evil}]}]
            }]
        }}}
    });
    let path = dir.join("hostile.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

#[test]
fn values_from_the_account_are_text_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let (html, v) = reports(dir.path(), &hostile_snapshot(dir.path()), &[]);
    assert!(!v["findings"].as_array().unwrap().is_empty());
    assert!(!html.contains("<img"), "an unescaped tag");
    assert_eq!(html.matches("<script").count(), 2);
    assert!(html.contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"));
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;"));
}

/// The headless browser, when the machine has one.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MOAT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// Chromium, or: under CI (where scripts/test installs it) a failure, else a skip.
fn browser_or_skip() -> Option<PathBuf> {
    match chromium() {
        Some(c) => Some(c),
        None if std::env::var_os("CI").is_some() => {
            panic!("no chromium on a CI machine: scripts/test installs Debian's chromium as root")
        }
        None => {
            eprintln!("skipping: no chromium (set MOAT_CHROMIUM or install Debian's chromium)");
            None
        }
    }
}

fn headless(browser: &Path, extra: &[&str], url: &str) -> String {
    headless_with_log(browser, extra, url).0
}

/// Stdout, and the browser's log (console messages, CSP violations) from stderr.
fn headless_with_log(browser: &Path, extra: &[&str], url: &str) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=5000",
        ])
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn dom(browser: &Path, file: &Path, hash: &str) -> String {
    headless(
        browser,
        &["--dump-dom"],
        &format!("file://{}{hash}", file.display()),
    )
}

/// Rows the script left visible.
fn visible_rows(dom: &str) -> usize {
    dom.matches("<tr class=\"finding ").count() - dom.matches("\" hidden=\"\"><td>").count()
}

#[test]
fn in_a_browser_the_rows_filters_and_search_match_the_json_report() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, v) = reports(dir.path(), &fixture("securecart-drifted.json"), &[]);
    let file = dir.path().join("report.html");
    let findings = v["findings"].as_array().unwrap();
    let (all, log) = headless_with_log(
        &browser,
        &["--dump-dom", "--enable-logging=stderr", "--v=0"],
        &format!("file://{}", file.display()),
    );
    // No console message: no script error, no Content-Security-Policy violation.
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "{console:#?}");
    assert_eq!(
        all.matches("<tr class=\"finding ").count(),
        findings.len(),
        "rendered rows"
    );
    assert!(all.contains(&format!("data-shown=\"{}\"", findings.len())));
    assert!(
        all.contains("id=\"filter-severity\""),
        "the script built the filters"
    );
    // A filter and a search, set through the address as a shared link would.
    let critical = findings
        .iter()
        .filter(|f| f["severity"] == "critical")
        .count();
    let filtered = dom(&browser, &file, "#severity=critical");
    assert_eq!(visible_rows(&filtered), critical);
    assert!(filtered.contains(&format!("data-shown=\"{critical}\"")));
    let searched = dom(&browser, &file, "#q=sg-014a1b2c3d4e5f60");
    assert!(searched.contains("data-shown=\""), "{searched}");
    let shown: usize = searched
        .split("data-shown=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(shown, visible_rows(&searched));
    assert!(shown >= 1 && shown < findings.len(), "{shown}");
    // Without JavaScript every finding is still there, and the controls stay hidden. (Chromium's
    // --dump-dom prints nothing with scripts disabled, so the page is loaded without its
    // script instead: the JSON data block next to it is inert.)
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.rfind("<script>").unwrap();
    let end = text.rfind("</script>").unwrap() + "</script>".len();
    let bare = dir.path().join("no-script.html");
    std::fs::write(&bare, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let no_js = dom(&browser, &bare, "");
    assert!(!no_js.contains("data-shown"), "the script did not run");
    assert_eq!(
        no_js.matches("<tr class=\"finding ").count(),
        findings.len()
    );
    assert!(no_js.contains("id=\"controls\" class=\"controls\" hidden"));
}

#[test]
fn in_a_browser_hostile_values_run_no_script() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    reports(dir.path(), &hostile_snapshot(dir.path()), &[]);
    let d = dom(&browser, &dir.path().join("report.html"), "");
    assert!(
        d.contains("<title>moat report: account 111122223333</title>"),
        "{d}"
    );
    assert!(!d.contains("pwned</title>"));
    assert!(!d.contains("<img"), "an element was injected");
    // The script ran (it set the count), so a broken page is not mistaken for a safe one.
    assert!(d.contains("data-shown=\""));
}

#[test]
fn screenshots_of_both_bundled_accounts() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let out = root().join("target/test-output");
    std::fs::create_dir_all(&out).unwrap();
    for name in ["securecart-compliant", "securecart-drifted"] {
        let dir = tempfile::tempdir().unwrap();
        reports(dir.path(), &fixture(&format!("{name}.json")), &[]);
        let png = out.join(format!("report-{name}.png"));
        let _ = std::fs::remove_file(&png);
        headless(
            &browser,
            &[
                "--hide-scrollbars",
                "--window-size=1400,1800",
                &format!("--screenshot={}", png.display()),
            ],
            &format!("file://{}", dir.path().join("report.html").display()),
        );
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{name}"
        );
    }
}

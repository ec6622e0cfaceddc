//! Collectors against moto's server (a real AWS API emulator on loopback): a SecureCart
//! scenario created through the AWS API, a second region, a failing service endpoint, a dead
//! endpoint, and the IAM policy kept equal to the operations the code calls.

use crate::util::{code, root, stderr, stdout};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Moto {
    child: Child,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn venv_bin(name: &str) -> PathBuf {
    let server = std::env::var_os("MOAT_MOTO_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv/bin/moto_server"));
    server.with_file_name(name)
}

impl Moto {
    fn start() -> Moto {
        let bin = venv_bin("moto_server");
        assert!(
            bin.exists(),
            "{} is missing: run the tests with scripts/test, which creates the venv",
            bin.display()
        );
        let port = free_port();
        // moto's server, plus the Direct Connect calls moto lacks (tests/moto/server.py).
        let child = Command::new(venv_bin("python"))
            .arg(root().join("tests/moto/server.py"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let moto = Moto { child, port };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not listen on {port} within 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn scenario(&self, region: &str) -> serde_json::Value {
        let out = Command::new(venv_bin("python"))
            .arg(root().join("tests/moto/scenario.py"))
            .args([&self.endpoint(), region])
            .output()
            .expect("the scenario script runs");
        assert!(
            out.status.success(),
            "scenario failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("the scenario prints its ids")
    }
}

/// Runs moat against `endpoint` in an empty home, with no AWS settings but `extra_env`.
fn moat_bare(endpoint: &str, extra_env: &[(&str, &str)], args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_moat"));
    cmd.args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("NO_COLOR", "1");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.output().expect("moat runs")
}

/// Runs moat against `endpoint` with moto's dummy credentials.
fn moat_live(endpoint: &str, extra_env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut env = vec![
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
    ];
    env.extend_from_slice(extra_env);
    moat_bare(endpoint, &env, args)
}

#[test]
fn live_scan_finds_the_planted_violations_and_nothing_on_compliant_resources() {
    let moto = Moto::start();
    let ids = moto.scenario("us-east-1");
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("live.json");
    let out = moat_live(
        &moto.endpoint(),
        &[],
        &[
            "scan",
            "--region",
            "us-east-1",
            "--format",
            "json",
            "--save-snapshot",
            snap.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let has = |rule: &str, id: &serde_json::Value| {
        findings
            .iter()
            .any(|f| f["rule_id"] == rule && &f["resource_id"] == id)
    };
    assert!(has("SG001", &ids["bastion_sg"]), "{findings:#?}");
    assert!(has("TLS001", &ids["http_listener"]), "{findings:#?}");
    assert!(has("NET001", &ids["app_subnet"]), "{findings:#?}");
    assert!(has("VPCE001", &ids["vpc"]), "{findings:#?}");
    // Address sets: a prefix list read from moto and expanded, and two rules that add up.
    let sources = |rule: &str, id: &serde_json::Value| -> Vec<(String, String)> {
        findings
            .iter()
            .filter(|f| f["rule_id"] == rule && &f["resource_id"] == id)
            .map(|f| {
                let e = &f["evidence"];
                let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                (text("rule"), text("source"))
            })
            .collect()
    };
    assert_eq!(
        sources("SG001", &ids["ops_sg"]),
        vec![("tcp 22".into(), ids["world_pl"].as_str().unwrap().into())],
        "{findings:#?}"
    );
    assert_eq!(
        sources("SG002", &ids["halves_sg"]),
        vec![("tcp 3389".into(), "0.0.0.0/1 + 128.0.0.0/1".into())],
        "{findings:#?}"
    );
    // TLS by what a policy enables: the TLS13-named policy still enables TLS 1.0 and 1.1.
    let tls002: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule_id"] == "TLS002" && f["resource_id"] == ids["https_listener"])
        .collect();
    assert_eq!(tls002.len(), 1, "{findings:#?}");
    assert_eq!(
        tls002[0]["evidence"]["outdated_protocols"],
        serde_json::json!(["TLSv1", "TLSv1.1"])
    );
    // WAF protection means "blocks": the SQLi rule overridden to Count is named; overriding a
    // Common Rule Set rule that is not XSS leaves XSS blocked.
    let waf = |rule: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["rule_id"] == rule && f["resource_id"] == ids["waf_acl"])
            .map(|f| f["message"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(
        waf("WAF003").iter().any(|m| m.contains("SQLi_BODY")),
        "{findings:#?}"
    );
    assert_eq!(waf("WAF005").len(), 1, "{findings:#?}");
    assert!(waf("WAF004").is_empty(), "{findings:#?}");
    // Classic Load Balancers are collected: plaintext to the internet, and no WAF possible.
    assert!(has("TLS007", &ids["classic_lb"]), "{findings:#?}");
    assert!(has("WAF008", &ids["classic_lb"]), "{findings:#?}");
    // Endpoint services and their permissions are collected: open to every account, no review.
    let open_service = findings
        .iter()
        .find(|f| f["rule_id"] == "VPCE007" && f["resource_id"] == ids["endpoint_service"])
        .unwrap_or_else(|| panic!("no VPCE007: {findings:#?}"));
    assert_eq!(open_service["severity"], "high", "{open_service:#?}");
    // Stage throttles are collected: the unthrottled stage only.
    let api = ids["api"].as_str().unwrap();
    assert!(
        has("API001", &serde_json::json!(format!("{api}/beta"))),
        "{findings:#?}"
    );
    assert!(
        !has("API001", &serde_json::json!(format!("{api}/prod"))),
        "{findings:#?}"
    );
    // Direct Connect (with the calls moto lacks, tests/moto/server.py): neither connection
    // encrypts (one has no MACsec, the other's MACsec ports are down), and both are at one
    // location; nothing is down.
    let on = |rule: &str, id: &serde_json::Value| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["rule_id"] == rule && &f["resource_id"] == id)
            .map(|f| f["element"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        on("DX001", &ids["dx_plain"]),
        ["MACsec is off (encryptionMode no_encrypt)"],
        "{findings:#?}"
    );
    assert_eq!(
        on("DX001", &ids["dx_macsec"]),
        ["MACsec encryption is down on its ports (portEncryptionStatus is not Encryption Up)"],
        "{findings:#?}"
    );
    assert_eq!(
        on("DX003", &ids["dx_gateway"]),
        ["connections at one location only (EqDC2)"],
        "{findings:#?}"
    );
    assert!(
        !findings.iter().any(|f| f["rule_id"] == "DX002"),
        "{findings:#?}"
    );
    // The partner service an interface endpoint connects to is described (whether it offers
    // private DNS); moto's service offers none, so its endpoint without private DNS is fine.
    let snapshot_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&snap).unwrap()).unwrap();
    let details = &snapshot_json["regions"]["us-east-1"]["ec2"]["VpcEndpointServiceDetails"];
    assert_eq!(
        details[0]["ServiceName"], ids["partner_service"],
        "{details:#}"
    );
    assert!(!has("VPCE004", &ids["partner_endpoint"]), "{findings:#?}");
    // HTTP APIs: nothing in front of it, and only the unthrottled stage.
    let http_api = ids["http_api"].as_str().unwrap();
    assert_eq!(
        on("WAF010", &ids["http_api"]),
        ["no web acl in front"],
        "{findings:#?}"
    );
    assert!(
        has("API002", &serde_json::json!(format!("{http_api}/beta"))),
        "{findings:#?}"
    );
    assert!(
        !has("API002", &serde_json::json!(format!("{http_api}/prod"))),
        "{findings:#?}"
    );
    for clean in ["app_sg", "alb_sg", "data_subnet", "office_sg"] {
        assert!(
            !findings.iter().any(|f| f["resource_id"] == ids[clean]),
            "{clean} has findings: {findings:#?}"
        );
    }
    assert_eq!(
        report["summary"]["coverage_gaps"], 0,
        "{:#?}",
        report["coverage"]
    );

    // The saved snapshot is valid, private, records every call, and holds no credentials.
    let loaded = moat::snapshot::load_file(&snap).expect("the saved snapshot validates");
    // The collected security policies agree with the table shipped for snapshots without
    // them (policies/lib/elb_ssl_policies.rego), for every policy both know.
    let collected = &loaded.snapshot.regions["us-east-1"].elbv2.ssl_policies;
    assert!(collected.len() >= 10, "{collected:#?}");
    let mut engine = moat::policy::RulePack::builtin().unwrap().engine().unwrap();
    let table = engine
        .eval_query(
            "data.moat.lib.elb_ssl_policies.protocols".to_string(),
            false,
        )
        .unwrap();
    let table: serde_json::Value =
        serde_json::to_value(&table.result[0].expressions[0].value).unwrap();
    let mut compared = 0;
    for p in collected {
        if let Some(shipped) = table.get(&p.name) {
            let mut mine = p.ssl_protocols.clone();
            mine.sort();
            assert_eq!(serde_json::json!(mine), *shipped, "{}", p.name);
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} policies compared");
    assert_eq!(loaded.snapshot.account.id, "123456789012");
    assert!(loaded
        .snapshot
        .coverage
        .iter()
        .all(|c| c.status == moat::snapshot::CoverageStatus::Ok));
    for c in &loaded.snapshot.coverage {
        assert!(
            moat::collect::ops::ALL
                .iter()
                .any(|o| o.service == c.service && o.operation == c.operation),
            "{}:{} is not in the operations list",
            c.service,
            c.operation
        );
    }
    assert!(
        !loaded.text.contains("testing"),
        "credentials must not reach the snapshot"
    );
    let vpc = ids["vpc"].as_str().unwrap();
    let region = &loaded.snapshot.regions["us-east-1"];
    assert!(region.ec2.vpcs.iter().any(|v| v.vpc_id == vpc));
    assert!(region.ec2.security_groups.iter().any(|g| g.group_id
        == ids["app_sg"].as_str().unwrap()
        && g.ip_permissions.iter().any(|p| p
            .user_id_group_pairs
            .iter()
            .any(|u| u.group_id.as_deref() == ids["alb_sg"].as_str()))));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&snap).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_second_region_is_collected_too() {
    let moto = Moto::start();
    moto.scenario("eu-west-1");
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("two.json");
    let out = moat_live(
        &moto.endpoint(),
        &[],
        &[
            "collect",
            "--region",
            "us-east-1",
            "--region",
            "eu-west-1",
            "--out",
            snap.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let loaded = moat::snapshot::load_file(&snap).unwrap();
    let regions: Vec<&str> = loaded.snapshot.regions.keys().map(String::as_str).collect();
    assert_eq!(regions, ["eu-west-1", "us-east-1"]);
    assert!(loaded.snapshot.regions["eu-west-1"]
        .ec2
        .security_groups
        .iter()
        .any(|g| g.group_name.as_deref() == Some("bastion")));
    assert!(!loaded.snapshot.regions["us-east-1"]
        .ec2
        .security_groups
        .iter()
        .any(|g| g.group_name.as_deref() == Some("bastion")));
}

#[test]
fn a_failing_service_is_a_coverage_gap_with_exit_2() {
    let moto = Moto::start();
    moto.scenario("us-east-1");
    let dead = format!("http://127.0.0.1:{}", free_port());
    let out = moat_live(
        &moto.endpoint(),
        &[("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", &dead)],
        &["scan", "--region", "us-east-1", "--format", "json"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let gaps = report["coverage"]["gaps"].as_array().unwrap();
    assert!(
        gaps.iter().any(|g| g["service"] == "elbv2"
            && g["operation"] == "DescribeLoadBalancers"
            && g["status"] == "error"),
        "{gaps:#?}"
    );
    let not_eval = report["coverage"]["not_evaluated"].as_array().unwrap();
    assert!(
        not_eval
            .iter()
            .any(|n| n["rule_id"] == "TLS001" && n["region"] == "us-east-1"),
        "{not_eval:#?}"
    );
    // The scan went on: EC2 findings are still there.
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule_id"] == "SG001"));
    assert!(stderr(&out).contains("INCOMPLETE (exit 2)"));
}

#[test]
fn a_dead_endpoint_fails_fast_with_a_clear_message() {
    let dead = format!("http://127.0.0.1:{}", free_port());
    let started = Instant::now();
    let out = moat_live(&dead, &[], &["scan", "--region", "us-east-1"]);
    assert_eq!(code(&out), 2);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let err = stderr(&out);
    assert!(
        err.contains("cannot read the caller identity (sts:GetCallerIdentity)"),
        "{err}"
    );
    assert!(!err.contains("testing"), "no credentials in errors: {err}");
}

/// moto returns every security group in one page and never throttles: a stand-in EC2
/// endpoint (tests/moto/ec2_mock.py) does both, while STS and the other services stay on moto.
#[test]
fn pages_are_followed_and_throttling_is_retried() {
    let moto = Moto::start();
    let port = free_port();
    let mut mock = Command::new(venv_bin("python"))
        .arg(root().join("tests/moto/ec2_mock.py"))
        .arg(port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the EC2 stand-in starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the EC2 stand-in did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    let ec2 = format!("http://127.0.0.1:{port}");
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("paged.json");
    let out = moat_live(
        &moto.endpoint(),
        &[("AWS_ENDPOINT_URL_EC2", &ec2), ("AWS_MAX_ATTEMPTS", "3")],
        &[
            "scan",
            "--region",
            "us-east-1",
            "--format",
            "json",
            "--save-snapshot",
            snap.to_str().unwrap(),
        ],
    );
    let seen = Command::new(venv_bin("python"))
        .args(["-c", &format!("import urllib.request; print(urllib.request.urlopen('{ec2}/requests').read().decode())")])
        .output()
        .unwrap();
    let _ = mock.kill();
    let _ = mock.wait();
    let seen: Vec<(String, String)> = serde_json::from_slice(&seen.stdout).unwrap_or_default();
    let sg_calls: Vec<&str> = seen
        .iter()
        .filter(|(a, _)| a == "DescribeSecurityGroups")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        sg_calls,
        ["", "", "page-2"],
        "throttled once, retried, then the second page"
    );

    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let loaded = moat::snapshot::load_file(&snap).unwrap();
    let groups = &loaded.snapshot.regions["us-east-1"].ec2.security_groups;
    assert_eq!(groups.len(), 9, "both pages are collected");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        report["summary"]["coverage_gaps"], 0,
        "{:#?}",
        report["coverage"]
    );
    let sg001: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "SG001")
        .collect();
    assert_eq!(sg001.len(), 1);
    assert_eq!(
        sg001[0]["resource_id"],
        format!("sg-{:017x}", 7),
        "the finding comes from the second page"
    );

    // VPN tunnel options (moto has none) go from EC2's XML through the SDK into the snapshot:
    // tunnel 1's explicit lists, tunnel 2's empty ones (AWS's defaults), and the private-IP
    // transport over a Direct Connect gateway's attachment.
    let vpns = &loaded.snapshot.regions["us-east-1"].ec2.vpn_connections;
    assert_eq!(vpns.len(), 1, "{vpns:#?}");
    let options = vpns[0]
        .options
        .as_ref()
        .expect("the VPN's options are collected");
    assert_eq!(
        options.outside_ip_address_type.as_deref(),
        Some("PrivateIpv4")
    );
    assert_eq!(
        options.transport_transit_gateway_attachment_id.as_deref(),
        Some("tgw-attach-0d1c2b3a4f5e6d7c8")
    );
    let tunnels = serde_json::to_value(&options.tunnel_options).unwrap();
    assert_eq!(
        tunnels[0]["IkeVersions"],
        serde_json::json!([{"Value": "ikev2"}])
    );
    assert_eq!(
        tunnels[0]["Phase1DHGroupNumbers"],
        serde_json::json!([{"Value": 20}])
    );
    assert_eq!(
        tunnels[1]["IkeVersions"],
        serde_json::json!([]),
        "{tunnels:#}"
    );
    let on_vpn = |rule: &str| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == rule && f["resource_id"] == "vpn-0d1c2b3a4f5e6d7c8")
            .map(|f| f["element"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // Only the tunnel on AWS's defaults is weak; the down tunnel is reported.
    assert_eq!(on_vpn("VPN002"), ["tunnel 172.16.0.11"]);
    assert_eq!(on_vpn("VPN001"), ["tunnel 172.16.0.11 is DOWN"]);
}

#[test]
fn missing_credentials_fail_fast_with_a_clear_message() {
    let moto = Moto::start();
    let started = Instant::now();
    let out = moat_bare(&moto.endpoint(), &[], &["scan", "--region", "us-east-1"]);
    assert_eq!(code(&out), 2);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let err = stderr(&out);
    assert!(err.contains("cannot read the caller identity"), "{err}");
    assert!(err.contains("credentials"), "{err}");
}

#[test]
fn iam_policy_in_docs_matches_the_operations_called() {
    let doc = std::fs::read_to_string(root().join("docs/iam-policy.json")).unwrap_or_default();
    assert!(
        doc == moat::collect::ops::iam_policy_pretty(),
        "docs/iam-policy.json is stale: regenerate it from moat::collect::ops (see docs/collection.md)"
    );
    let caller =
        std::fs::read_to_string(root().join("docs/iam-policy-org-caller.json")).unwrap_or_default();
    assert!(
        caller == moat::collect::ops::caller_policy_pretty("MoatScan"),
        "docs/iam-policy-org-caller.json is stale: regenerate it with `moat iam-policy --caller MoatScan`"
    );
    for op in moat::collect::ops::ALL {
        assert!(
            ["Describe", "List", "Get"]
                .iter()
                .any(|p| op.operation.starts_with(p)),
            "{} is not read-only",
            op.operation
        );
    }
}

/// An endpoint that stops answering after the credentials were checked (here: every service
/// but STS points at a closed port): each region's service gives up after its failure budget,
/// the calls it did not make are skipped coverage gaps, and the scan ends within a minute
/// with exit 2, under the default retry settings.
#[test]
fn a_dying_endpoint_costs_seconds_not_minutes() {
    let moto = Moto::start();
    let dead = format!("http://127.0.0.1:{}", free_port());
    let started = Instant::now();
    let out = moat_bare(
        &dead,
        &[
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_ENDPOINT_URL_STS", &moto.endpoint()),
            ("AWS_MAX_ATTEMPTS", "4"),
        ],
        &["scan", "--region", "us-east-1", "--format", "json"],
    );
    let took = started.elapsed();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gaps = report["coverage"]["gaps"].as_array().unwrap();
    assert!(
        gaps.iter()
            .any(|g| g["status"] == "skipped" && g["error_code"] == "EndpointUnavailable"),
        "{gaps:?}"
    );
    assert!(gaps.iter().any(|g| g["status"] == "error"), "{gaps:?}");
    assert_eq!(report["summary"]["verdict"], "incomplete");
    assert!(report["summary"]["not_evaluated"].as_u64().unwrap() > 10);
}

#[test]
fn a_missing_profile_and_a_bad_region_name_are_one_clear_line() {
    let dead = format!("http://127.0.0.1:{}", free_port());
    let out = moat_bare(
        &dead,
        &[],
        &["scan", "--profile", "nosuch", "--region", "us-east-1"],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("with profile \"nosuch\", which is not declared in"),
        "{err}"
    );
    assert!(!err.contains("DispatchFailure("), "no debug dump: {err}");
    let out = moat_bare(&dead, &[], &["scan", "--region", "us east!"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("invalid region \"us east!\""), "{err}");
}

/// Calls that depend on a list that could not be read are gaps too: with ELBv2 unreachable,
/// the listeners, the load balancers' tags and the web ACL of each load balancer were never
/// asked for, and say so.
#[test]
fn calls_whose_parent_failed_are_skipped_gaps() {
    let moto = Moto::start();
    moto.scenario("us-east-1");
    let dead = format!("http://127.0.0.1:{}", free_port());
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("s.json");
    let out = moat_live(
        &moto.endpoint(),
        &[("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", &dead)],
        &[
            "collect",
            "--region",
            "us-east-1",
            "--out",
            snap.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let loaded = moat::snapshot::load_file(&snap).unwrap();
    let status = |op: &str| {
        loaded
            .snapshot
            .coverage
            .iter()
            .find(|c| c.region == "us-east-1" && format!("{}:{}", c.service, c.operation) == op)
            .map(|c| {
                (
                    format!("{:?}", c.status),
                    c.error_code.clone().unwrap_or_default(),
                )
            })
    };
    assert_eq!(
        status("elbv2:DescribeLoadBalancers").map(|s| s.0),
        Some("Error".into())
    );
    for child in [
        "elbv2:DescribeListeners",
        "elbv2:DescribeTags",
        "wafv2:GetWebACLForResource",
    ] {
        assert_eq!(
            status(child),
            Some(("Skipped".into(), "ParentNotRead".into())),
            "{child}: {:?}",
            loaded.snapshot.coverage
        );
    }
}

#[test]
fn exposure_of_a_live_account_reports_exactly_the_reachable_host() {
    let moto = Moto::start();
    let ids = moto.scenario("us-east-1");
    let out = moat_live(
        &moto.endpoint(),
        &[],
        &[
            "exposure",
            "--region",
            "us-east-1",
            "--quiet",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let reachable =
        crate::util::exposure_rows(&report, &["resource_id", "via", "protocol", "ports"]);
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    let mut want: Vec<Vec<String>> = vec![
        // SSH on the public host; not on the same group behind the NAT route.
        vec![
            id("public_host"),
            "direct".to_string(),
            "tcp".to_string(),
            serde_json::json!([[22, 22]]).to_string(),
        ],
        // The app instance only through the internet-facing load balancer's listeners;
        // nothing behind the internal one.
        vec![
            id("fronted_host"),
            "shop-web".to_string(),
            "tcp".to_string(),
            serde_json::json!([[80, 80], [443, 443]]).to_string(),
        ],
        vec![
            "shop-web".to_string(),
            "direct".to_string(),
            "tcp".to_string(),
            serde_json::json!([[80, 80], [443, 443]]).to_string(),
        ],
        vec![
            "legacy".to_string(),
            "direct".to_string(),
            "tcp".to_string(),
            serde_json::json!([[80, 80]]).to_string(),
        ],
    ];
    want.sort();
    assert_eq!(reachable, want, "{report:#}");
    assert_eq!(report["unknown"], serde_json::json!([]), "{report:#}");
}

/// An account whose only network is what AWS creates (the default VPC with its default
/// subnets, route table, network ACL and security group) has nothing high or critical: its
/// world-open default ACL guards nothing the internet reaches.
#[test]
fn an_account_of_unused_defaults_has_nothing_high_or_critical() {
    let moto = Moto::start();
    let out = moat_live(
        &moto.endpoint(),
        &[],
        &[
            "scan",
            "--region",
            "us-east-1",
            "--format",
            "json",
            "--fail-on",
            "high",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let serious: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "critical" || f["severity"] == "high")
        .map(|f| format!("{} {} {}", f["rule_id"], f["resource_id"], f["message"]))
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The default ACL's SSH and RDP entries are still reported, as latent.
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule_id"] == "NACL001" && f["exposure"] == "latent"),
        "{report:#}"
    );
}

/// A pass-through proxy in front of moto that denies sts:AssumeRole for one role (moto
/// assumes any role; tests/moto/sts_deny.py).
struct DenyProxy {
    child: Child,
    port: u16,
}

impl Drop for DenyProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl DenyProxy {
    fn start(moto: &Moto, denied_role: &str) -> DenyProxy {
        let port = free_port();
        let child = Command::new(venv_bin("python"))
            .arg(root().join("tests/moto/sts_deny.py"))
            .args([&port.to_string(), &moto.endpoint(), denied_role])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the STS proxy starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the STS proxy did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        DenyProxy { child, port }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Moto {
    /// An organization of `members` member accounts, each with one planted violation.
    fn organization(&self, region: &str, members: usize) -> serde_json::Value {
        let out = Command::new(venv_bin("python"))
            .arg(root().join("tests/moto/organization.py"))
            .args([&self.endpoint(), region, &members.to_string()])
            .output()
            .expect("the organization script runs");
        assert!(
            out.status.success(),
            "organization.py failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("organization.py prints its ids")
    }
}

fn report_of(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `moat scan --org`: every account of the organization through its role, each account's
/// findings under its own id, per-account snapshots (0600), and the account whose role cannot
/// be assumed a coverage gap (exit 2) while the others complete. Then `--exclude-account`,
/// an accounts file, and three shards merged, which equal the unsharded run.
#[test]
fn an_organization_is_scanned_account_by_account() {
    let moto = Moto::start();
    let org = moto.organization("us-east-1", 3);
    let members: Vec<String> = org["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    let management = org["management"].as_str().unwrap().to_string();
    let denied = members[1].clone();
    let proxy = DenyProxy::start(&moto, &format!("arn:aws:iam::{denied}:role/MoatScan"));
    let sts = proxy.endpoint();
    let env = [("AWS_ENDPOINT_URL_STS", sts.as_str())];
    let dir = tempfile::tempdir().unwrap();
    let snaps = dir.path().join("snaps");
    let report = dir.path().join("org.json");
    let spec = format!("json={}", report.display());
    let base = [
        "scan",
        "--org",
        "--role-name",
        "MoatScan",
        "--region",
        "us-east-1",
        "--quiet",
    ];
    let mut args = base.to_vec();
    args.extend(["--snapshot-dir", snaps.to_str().unwrap(), "-f", &spec]);
    let out = moat_live(&moto.endpoint(), &env, &args);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let r = report_of(&report);
    let accounts: Vec<(String, String)> = r["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["account_id"].as_str().unwrap().to_string(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = std::iter::once(&management)
        .chain(&members)
        .map(|id| {
            let status = if *id == denied { "failed" } else { "scanned" };
            (id.clone(), status.to_string())
        })
        .collect();
    want.sort();
    assert_eq!(accounts, want, "{r:#}");
    // The denied role is a gap of that account, with AWS's code.
    let gaps = r["coverage"]["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0]["account_id"], denied.as_str());
    assert_eq!(gaps[0]["operation"], "AssumeRole");
    assert_eq!(gaps[0]["status"], "denied");
    assert_eq!(gaps[0]["error_code"], "AccessDenied");
    // Each readable member's planted group is found under its own account, and nothing of
    // the denied one is reported.
    let findings = r["findings"].as_array().unwrap();
    for m in &members {
        let sg = org["violations"][m].as_str().unwrap();
        let hit = findings
            .iter()
            .any(|f| f["rule_id"] == "SG001" && f["resource_id"] == sg && f["account_id"] == *m);
        assert_eq!(hit, *m != denied, "{m}: {findings:#?}");
    }
    // One snapshot per account read, private, of that account.
    let mut files: Vec<String> = std::fs::read_dir(&snaps)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut read: Vec<String> = want
        .iter()
        .filter(|(_, s)| s == "scanned")
        .map(|(id, _)| format!("{id}.json"))
        .collect();
    read.sort();
    assert_eq!(files, read);
    for f in &files {
        let path = snaps.join(f);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f}");
        }
        let loaded = moat::snapshot::load_file(&path).unwrap();
        assert_eq!(format!("{}.json", loaded.snapshot.account.id), *f);
    }
    // The saved snapshots evaluate offline to the same findings.
    let offline = dir.path().join("offline.json");
    let out = crate::util::moat(&[
        "scan",
        "--snapshot-dir",
        snaps.to_str().unwrap(),
        "--quiet",
        "-f",
        &format!("json={}", offline.display()),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(report_of(&offline)["findings"], r["findings"]);

    // Without the denied account the gate is on findings alone.
    let mut args = base.to_vec();
    args.extend(["--exclude-account", &denied, "-f", "json"]);
    let out = moat_live(&moto.endpoint(), &env, &args);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let excluded: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(excluded["findings"], r["findings"]);
    assert_eq!(excluded["coverage"]["gaps"], serde_json::json!([]));

    // Three shards, merged, equal the unsharded run finding for finding.
    let mut shard_reports = Vec::new();
    for i in 1..=3 {
        let p = dir.path().join(format!("shard{i}.json"));
        let shard = format!("{i}/3");
        let spec = format!("json={}", p.display());
        let mut args = base.to_vec();
        args.extend(["--shard", &shard, "-f", &spec]);
        let out = moat_live(&moto.endpoint(), &env, &args);
        // A shard passes (0), has findings (1) or holds the denied account (2), and always
        // writes its report.
        assert!(
            [0, 1, 2].contains(&code(&out)) && p.exists(),
            "{}",
            stderr(&out)
        );
        shard_reports.push(p.to_str().unwrap().to_string());
    }
    let mut args = vec!["merge", "-f", "json", "--quiet"];
    args.extend(shard_reports.iter().map(String::as_str));
    let out = crate::util::moat(&args);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let merged: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(merged["findings"], r["findings"]);
    assert_eq!(merged["coverage"], r["coverage"]);
    assert_eq!(merged["summary"], r["summary"]);

    // --ou: only the accounts under that OU, child OUs included.
    let ou = org["ou"].as_str().unwrap();
    let mut args = base.to_vec();
    args.extend(["--ou", ou, "-f", "json"]);
    let out = moat_live(&moto.endpoint(), &env, &args);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let under: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(under["account_id"], members[0].as_str(), "{under:#}");

    // Excluding every account leaves nothing to scan: an error, never a pass.
    let mut args = base.to_vec();
    let all: Vec<String> = std::iter::once(management.clone())
        .chain(members.iter().cloned())
        .collect();
    for id in &all {
        args.extend(["--exclude-account", id.as_str()]);
    }
    let out = moat_live(&moto.endpoint(), &env, &args);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no account to scan"),
        "{}",
        stderr(&out)
    );

    // An accounts file instead of Organizations: only the accounts it lists.
    let file = dir.path().join("accounts.yaml");
    std::fs::write(
        &file,
        format!(
            "- id: '{0}'\n  role_arn: arn:aws:iam::{0}:role/MoatScan\n  alias: shop\n",
            members[0]
        ),
    )
    .unwrap();
    let out = moat_live(
        &moto.endpoint(),
        &env,
        &[
            "scan",
            "--accounts",
            file.to_str().unwrap(),
            "--region",
            "us-east-1",
            "--quiet",
            "-f",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let one: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(one["account_id"], members[0].as_str());
    assert_eq!(one["accounts"][0]["alias"], "shop");
    assert!(one["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["account_id"] == members[0].as_str()));
}

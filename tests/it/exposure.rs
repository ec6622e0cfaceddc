//! `moat exposure`: direct reachability from the internet, one fixture per blocking element,
//! each next to its reachable twin.

use crate::util::{code, moat_in, stderr, stdout};
use serde_json::{json, Value};

/// A public subnet with an instance that has a public IP and SSH open to the world: reachable
/// on tcp 22 through the internet gateway, the ACL and the group.
fn reachable() -> Value {
    json!({
        "schema_version": 1,
        "account": {"id": "111122223333"},
        "collected_at": "2026-11-26T00:00:00Z",
        "regions": {"us-east-1": {"ec2": {
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
            "Subnets": [{"SubnetId": "subnet-pub", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}],
            "RouteTables": [{"RouteTableId": "rtb-pub", "VpcId": "vpc-1",
                "Associations": [{"SubnetId": "subnet-pub", "Main": false}],
                "Routes": [
                    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}
                ]}],
            "NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": true,
                "Associations": [{"SubnetId": "subnet-pub"}],
                "Entries": [
                    {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}
                ]}],
            "SecurityGroups": [
                {"GroupId": "sg-ssh", "VpcId": "vpc-1", "IpPermissions": [
                    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
                {"GroupId": "sg-web", "VpcId": "vpc-1", "IpPermissions": [
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": "sg-ssh"}]}]}
            ],
            "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-pub", "VpcId": "vpc-1",
                "InterfaceType": "interface", "PrivateIpAddress": "10.0.1.10",
                "Association": {"PublicIp": "198.51.100.10"},
                "Attachment": {"InstanceId": "i-1", "Status": "attached"},
                "Groups": [{"GroupId": "sg-ssh"}, {"GroupId": "sg-web"}]}]
        }}}
    })
}

fn exposure(doc: &Value) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.json"), doc.to_string()).unwrap();
    let out = moat_in(
        dir.path(),
        &["exposure", "--snapshot", "s.json", "--format", "json"],
    );
    let v: Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    (code(&out), v, stderr(&out))
}

fn reachable_ports(v: &Value) -> Vec<(String, String, Value)> {
    v["exposures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["resource_id"].as_str().unwrap().to_string(),
                e["protocol"].as_str().unwrap().to_string(),
                e["ports"].clone(),
            )
        })
        .collect()
}

/// The `type` of each step of an exposure's path.
fn step_types(e: &Value) -> Vec<&str> {
    e["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect()
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
}

#[test]
fn an_instance_with_a_public_ip_in_a_public_subnet_with_ssh_open_is_reachable_on_22() {
    let (code, v, err) = exposure(&reachable());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        reachable_ports(&v),
        vec![("i-1".into(), "tcp".into(), json!([[22, 22]]))]
    );
    let e = &v["exposures"][0];
    assert_eq!(e["reachable_from_prefix"], 0, "the whole internet");
    let kinds = step_types(e);
    assert_eq!(
        kinds,
        vec![
            "internet-gateway",
            "route-table",
            "network-acl",
            "security-group",
            "network-interface"
        ]
    );
    assert_eq!(
        e["path"][3]["id"], "sg-ssh",
        "only the group that admits it: sg-web admits a group, not an address"
    );
}

#[test]
fn each_blocking_element_makes_it_unreachable() {
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "no public address",
            Box::new(|d| {
                d["regions"]["us-east-1"]["ec2"]["NetworkInterfaces"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("Association");
            }),
        ),
        (
            "a NAT route instead of the internet gateway",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/RouteTables/0/Routes/1",
                    json!({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "active"}),
                );
            }),
        ),
        (
            "a blackhole route to the gateway",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/RouteTables/0/Routes/1/State",
                    json!("blackhole"),
                );
            }),
        ),
        (
            "a network ACL deny before the allow",
            Box::new(|d| {
                let entries = d
                    .pointer_mut("/regions/us-east-1/ec2/NetworkAcls/0/Entries")
                    .unwrap()
                    .as_array_mut()
                    .unwrap();
                entries.push(json!({"RuleNumber": 90, "Protocol": "6", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}}));
            }),
        ),
        (
            "a network ACL that blocks the reply to ephemeral ports",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/NetworkAcls/0/Entries/2",
                    json!({"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}}),
                );
            }),
        ),
        (
            "a security group without the port",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/SecurityGroups/0/IpPermissions/0/FromPort",
                    json!(2222),
                );
                set(
                    d,
                    "/regions/us-east-1/ec2/SecurityGroups/0/IpPermissions/0/ToPort",
                    json!(2222),
                );
                set(
                    d,
                    "/regions/us-east-1/ec2/NetworkAcls/0/Entries/0",
                    json!({"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}}),
                );
            }),
        ),
        (
            "a security group that admits only private addresses",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/SecurityGroups/0/IpPermissions/0/IpRanges/0/CidrIp",
                    json!("10.0.0.0/8"),
                );
            }),
        ),
    ];
    for (what, change) in cases {
        let mut doc = reachable();
        change(&mut doc);
        let (code, v, err) = exposure(&doc);
        assert_eq!(code, 0, "{what}: {err}");
        assert_eq!(reachable_ports(&v), vec![], "{what}: {v:#}");
    }
}

#[test]
fn a_link_that_cannot_be_read_is_unknown_never_safe() {
    let mut doc = reachable();
    set(
        &mut doc,
        "/regions/us-east-1/ec2/NetworkInterfaces/0/Groups/0/GroupId",
        json!("sg-gone"),
    );
    let (code, v, _) = exposure(&doc);
    assert_eq!(code, 2, "an unknown is a gap");
    assert_eq!(v["unknown"][0]["resource_id"], "i-1");
    assert!(v["unknown"][0]["missing"]
        .as_str()
        .unwrap()
        .contains("sg-gone"));
    let mut doc = reachable();
    set(
        &mut doc,
        "/regions/us-east-1/ec2/SecurityGroups/0/IpPermissions/0",
        json!(
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListIds": [{"PrefixListId": "pl-gone"}]}),
    );
    let (code, v, _) = exposure(&doc);
    assert_eq!(code, 2);
    assert!(v["unknown"][0]["missing"]
        .as_str()
        .unwrap()
        .contains("pl-gone"));
}

#[test]
fn ports_merge_into_ranges_and_a_narrow_source_is_measured() {
    let mut doc = reachable();
    set(
        &mut doc,
        "/regions/us-east-1/ec2/SecurityGroups/0/IpPermissions",
        json!([
            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
            {"IpProtocol": "udp", "FromPort": 500, "ToPort": 501, "IpRanges": [{"CidrIp": "203.0.113.0/24"}]}
        ]),
    );
    let (_, v, _) = exposure(&doc);
    assert_eq!(
        reachable_ports(&v),
        vec![
            ("i-1".into(), "tcp".into(), json!([[80, 80], [443, 443]])),
            ("i-1".into(), "udp".into(), json!([[500, 501]])),
        ]
    );
    assert_eq!(v["exposures"][1]["reachable_from_prefix"], 24);
}

#[test]
fn the_table_json_and_mermaid_outputs() {
    let mut doc = reachable();
    // A second, unknown resource: its group is not in the snapshot.
    let mut eni = doc["regions"]["us-east-1"]["ec2"]["NetworkInterfaces"][0].clone();
    eni["NetworkInterfaceId"] = json!("eni-2");
    eni["Attachment"]["InstanceId"] = json!("i-2");
    eni["Association"]["PublicIp"] = json!("198.51.100.11");
    eni["Groups"] = json!([{"GroupId": "sg-gone"}]);
    doc["regions"]["us-east-1"]["ec2"]["NetworkInterfaces"]
        .as_array_mut()
        .unwrap()
        .push(eni);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.json"), doc.to_string()).unwrap();
    for format in ["table", "json", "mermaid"] {
        let out = moat_in(
            dir.path(),
            &["exposure", "--snapshot", "s.json", "--format", format],
        );
        assert_eq!(code(&out), 2, "one resource is unknown: {}", stderr(&out));
        insta::assert_snapshot!(format!("exposure_{format}"), stdout(&out));
    }
}

/// (resource, via) of each exposure of the compliant account with `change` applied.
fn compliant_with(change: impl Fn(&mut Value)) -> (i32, Vec<(String, String)>, Value) {
    let mut doc = crate::util::compliant_account();
    change(&mut doc);
    let (code, v, _) = exposure(&doc);
    let found = crate::util::exposure_rows(&v, &["resource_id", "via"])
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    (code, found, v)
}

const US_APP: &str = "i-01a1b2c3d4e5f6a7b8";
const US_LB: &str = "/regions/us-east-1/elbv2";

#[test]
fn a_target_behind_an_internet_facing_load_balancer_is_reachable_through_it_only() {
    let (code, found, v) = compliant_with(|_| {});
    assert_eq!(code, 0);
    assert!(
        found.contains(&(US_APP.to_string(), "securecart-web".to_string())),
        "{found:?}"
    );
    assert!(!found.contains(&(US_APP.to_string(), "direct".to_string())));
    let e = v["exposures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["resource_id"] == US_APP)
        .unwrap();
    // Entry ports are the listener ports that forward to the group (80 only redirects).
    assert_eq!(e["ports"], json!([[443, 443]]));
    let kinds = step_types(e);
    assert_eq!(
        kinds,
        [
            "internet-gateway",
            "route-table",
            "network-acl",
            "security-group",
            "load-balancer",
            "target-group",
            "network-acl",
            "security-group",
            "network-interface"
        ]
    );
    // The target's own group admits the load balancer's group on the target port.
    assert_eq!(e["path"][7]["ports"], json!([[8080, 8080]]));
}

#[test]
fn each_blocking_element_of_a_load_balancer_path_makes_the_target_unreachable() {
    let fronted = (US_APP.to_string(), "securecart-web".to_string());
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "internal load balancer",
            Box::new(|d| {
                set(
                    d,
                    &format!("{US_LB}/LoadBalancers/0/Scheme"),
                    json!("internal"),
                )
            }),
        ),
        (
            "target not registered",
            Box::new(|d| {
                set(
                    d,
                    &format!("{US_LB}/TargetGroups/0/TargetHealthDescriptions"),
                    json!([]),
                )
            }),
        ),
        (
            "target unused",
            Box::new(|d| {
                set(
                    d,
                    &format!(
                        "{US_LB}/TargetGroups/0/TargetHealthDescriptions/0/TargetHealth/State"
                    ),
                    json!("unused"),
                )
            }),
        ),
        (
            "target's group does not admit the load balancer",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/SecurityGroups/2/IpPermissions/0/UserIdGroupPairs",
                    json!([{"GroupId": "sg-099a1b2c3d4e5f60"}]),
                )
            }),
        ),
        (
            "load balancer's group admits no listener port",
            Box::new(|d| {
                set(
                    d,
                    "/regions/us-east-1/ec2/SecurityGroups/1/IpPermissions",
                    json!([]),
                )
            }),
        ),
    ];
    for (name, change) in cases {
        let (_, found, v) = compliant_with(change);
        assert!(!found.contains(&fronted), "{name}: {v:#}");
    }
}

#[test]
fn targets_that_were_not_read_are_unknown() {
    let (code, _, v) = compliant_with(|d| {
        d["regions"]["us-east-1"]["elbv2"]["TargetGroups"][0]
            .as_object_mut()
            .unwrap()
            .remove("TargetHealthDescriptions");
    });
    assert_eq!(code, 2, "{v:#}");
    assert!(
        v["unknown"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["resource_id"] == "securecart-app"
                && u["missing"].as_str().unwrap().contains("were not read")),
        "{v:#}"
    );
}

#[test]
fn ipv6_through_an_internet_gateway_is_reachable_and_through_an_egress_only_one_is_not() {
    let mut doc = reachable();
    let ec2 = "/regions/us-east-1/ec2";
    // IPv6 only: no public IPv4 address, a global IPv6 address, SSH from ::/0.
    doc.pointer_mut(&format!("{ec2}/NetworkInterfaces/0"))
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove("Association");
    doc.pointer_mut(&format!("{ec2}/NetworkInterfaces/0"))
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert(
            "Ipv6Addresses".into(),
            json!([{"Ipv6Address": "2600:1f18:1:2::10"}]),
        );
    set(
        &mut doc,
        &format!("{ec2}/SecurityGroups/0/IpPermissions/0"),
        json!({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}),
    );
    set(
        &mut doc,
        &format!("{ec2}/NetworkAcls/0/Entries"),
        json!([
            {"RuleNumber": 101, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "Ipv6CidrBlock": "::/0"},
            {"RuleNumber": 101, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "Ipv6CidrBlock": "::/0"}
        ]),
    );
    let v6_route = format!("{ec2}/RouteTables/0/Routes/1");
    set(
        &mut doc,
        &v6_route,
        json!({"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1", "State": "active"}),
    );
    let (code, v, err) = exposure(&doc);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        reachable_ports(&v),
        vec![("i-1".to_string(), "tcp".to_string(), json!([[22, 22]]))],
        "{v:#}"
    );
    assert!(v["exposures"][0]["public_ip"]
        .as_str()
        .unwrap()
        .contains("2600:1f18"));
    // An egress-only internet gateway admits no inbound connection.
    set(
        &mut doc,
        &v6_route,
        json!({"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1", "State": "active"}),
    );
    let (_, v, _) = exposure(&doc);
    assert_eq!(reachable_ports(&v), vec![], "{v:#}");
}

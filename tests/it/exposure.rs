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
    let kinds: Vec<&str> = e["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect();
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

# METADATA
# title: Network ACL allows SSH or RDP from the internet
# description: |
#   A network ACL in use by a subnet lets inbound SSH (TCP 22) or RDP (TCP 3389) from the
#   whole internet through: evaluated in rule-number order, the first entry with a
#   0.0.0.0/0 or ::/0 source that covers the port allows it (a lower-numbered deny wins).
#   Network ACLs are the subnet-level second line of defence behind security groups.
# custom:
#   id: NACL001
#   severity: high
#   remediation: |
#     Add a deny entry for TCP 22 and 3389 from 0.0.0.0/0 (and ::/0) with a rule number
#     lower than the allowing entry, or narrow the allowing entry's range:
#     `aws ec2 create-network-acl-entry --network-acl-id <acl> --ingress --rule-number 90
#     --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny`.
#   controls: ["CIS-AWS 5.2", "AWS-FSBP EC2.21", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::NetworkAcl"]
#   requires: ["ec2:DescribeNetworkAcls"]
package moat.rules.network_acls.admin_ports_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some acl in r.ec2.NetworkAcls
	count(object.get(acl, "Associations", [])) > 0
	world := [e | some e in acl.Entries; e.Egress == false; net.acl_world(e)]
	count(world) > 0
	some port in [22, 3389]
	some family in ["ipv4", "ipv6"]
	matching := [e | some e in world; _family(e, family); net.acl_covers(e, port)]
	count(matching) > 0
	first := min({e.RuleNumber | some e in matching})
	some entry in matching
	entry.RuleNumber == first
	entry.RuleAction == "allow"
	finding := result.fail(
		{"id": acl.NetworkAclId, "type": "AWS::EC2::NetworkAcl", "region": region, "arn": result.ec2_arn(region, "network-acl", acl.NetworkAclId)},
		sprintf("network ACL %s entry %d allows inbound tcp %d from %s (no lower-numbered deny)", [acl.NetworkAclId, entry.RuleNumber, port, net.acl_source(entry)]),
		sprintf("entry %d port %d", [entry.RuleNumber, port]),
		{"rule_number": entry.RuleNumber, "port": port, "source": net.acl_source(entry), "protocol": entry.Protocol},
	)
}

_family(e, "ipv4") if e.CidrBlock

_family(e, "ipv6") if e.Ipv6CidrBlock

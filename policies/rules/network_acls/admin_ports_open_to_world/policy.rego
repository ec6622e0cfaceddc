# METADATA
# title: Network ACL allows SSH or RDP from the internet
# description: |
#   A network ACL in use by a subnet lets inbound SSH (TCP 22) or RDP (TCP 3389) from the
#   whole internet through: evaluated in rule-number order, the first entry with a
#   0.0.0.0/0 or ::/0 source that covers the port allows it (a lower-numbered deny wins).
#   Network ACLs are the subnet-level second line of defence behind security groups.
#   Entries are evaluated as AWS does, in rule-number order, first match per address: the
#   addresses admitted are those whose first matching entry allows, so two halves
#   (0.0.0.0/1, 128.0.0.0/1) are the whole internet and an earlier deny of one host leaves a
#   broad public range, which is reported with its breadth.
# custom:
#   id: NACL001
#   practice: no-admin-ports
#   severity: high
#   remediation: |
#     Add a deny entry for TCP 22 and 3389 from 0.0.0.0/0 (and ::/0) with a rule number
#     lower than the allowing entry, or narrow the allowing entry's range:
#     `aws ec2 create-network-acl-entry --network-acl-id <acl> --ingress --rule-number 90
#     --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny`.
#   controls: ["CIS-AWS 5.2", "AWS-FSBP EC2.21", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::NetworkAcl"]
#   requires: ["ec2:DescribeNetworkAcls"]
#   needs_moat_input: true
package moat.rules.network_acls.admin_ports_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some e in net.acl_ingress(region)
	acl := r.ec2.NetworkAcls[e.acl]
	count(object.get(acl, "Associations", [])) > 0
	some port in [22, 3389]
	e.from_port <= port
	port <= e.to_port
	first := e.entries[0]
	finding := object.union(result.fail(
		{"id": acl.NetworkAclId, "type": "AWS::EC2::NetworkAcl", "region": region, "arn": result.ec2_arn(region, "network-acl", acl.NetworkAclId)},
		sprintf("network ACL %s admits inbound tcp %d from %s through entry %v (first match per address, in rule-number order)", [acl.NetworkAclId, port, net.acl_exposure_text(e), e.entries]),
		sprintf("entry %d port %d", [first, port]),
		object.union(
			{"rule_number": first, "entries": e.entries, "port": port, "source": concat(" + ", e.sources), "exposure": e.kind, "family": e.family},
			{k: v | some k in ["public_prefix"]; v := e[k]},
		),
	), {"exposure": net.ports_state(region, "network_acls", acl.NetworkAclId, [port])})
}

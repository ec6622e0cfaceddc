# present[region]: [vpc_id, endpoint type, short service name] for every live endpoint, so a
# rule asks "does this VPC have an S3 gateway endpoint?" with one set lookup.
package moat.lib.topology.endpoints

import data.moat.lib.vpc

present := {region: {[ep.VpcId, ep.VpcEndpointType, vpc.endpoint_service(ep)] |
	some ep in object.get(r, ["ec2", "VpcEndpoints"], [])
	not lower(object.get(ep, "State", "available")) in {"deleted", "deleting", "failed", "rejected", "expired"}
} |
	some region, r in input.regions
}

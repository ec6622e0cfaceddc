# VPC topology shared by the rules: which route table is in force for each subnet, which
# subnets are public, which are meant to be private (tier tags), and each VPC's endpoints.
package moat.lib.vpc

import data.moat.lib.result

# route_tables[region][subnet_id]: the route table in force for the subnet, i.e. its
# explicit association, else the main route table of its VPC.
route_tables := {region: idx |
	some region, r in input.regions
	tables := object.get(r, ["ec2", "RouteTables"], [])
	explicit := {a.SubnetId: rt | some rt in tables; some a in object.get(rt, "Associations", []); a.SubnetId}
	main := {rt.VpcId: rt | some rt in tables; some a in object.get(rt, "Associations", []); a.Main == true}
	idx := {s.SubnetId: rt |
		some s in object.get(r, ["ec2", "Subnets"], [])
		rt := object.get(explicit, s.SubnetId, object.get(main, s.VpcId, null))
		rt != null
	}
}

# A route to the whole internet (IPv4 or IPv6 default route).
is_default_route(route) if route.DestinationCidrBlock == "0.0.0.0/0"

is_default_route(route) if route.DestinationIpv6CidrBlock == "::/0"

# The target id of a route: the first field that holds one (a route through an instance
# names both the instance and its interface; the instance wins).
route_target(route) := targets[0] if {
	targets := [t |
		some key in [
			"GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId", "InstanceId",
			"NetworkInterfaceId", "EgressOnlyInternetGatewayId", "LocalGatewayId", "CarrierGatewayId",
		]
		t := route[key]
		t != ""
	]
	count(targets) > 0
}

route_destination(route) := object.get(route, "DestinationCidrBlock", object.get(route, "DestinationIpv6CidrBlock", object.get(route, "DestinationPrefixListId", "?")))

is_igw(target) if startswith(target, "igw-")

# public_subnets[region]: subnets whose route table sends a default route to an internet gateway.
public_subnets := {region: ids |
	some region, idx in route_tables
	ids := {sid | some sid, rt in idx; _default_to_igw(rt)}
}

_default_to_igw(rt) if {
	some route in object.get(rt, "Routes", [])
	is_default_route(route)
	is_igw(route_target(route))
}

is_public(region, subnet_id) if public_subnets[region][subnet_id]

# The tiers a resource's tags put it in (config: data.moat.config.tiers).
tiers_of(tags) := {tier |
	some tag in tags
	tag.Key in data.moat.config.tiers.tag_keys
	some tier, values in data.moat.config.tiers.values
	lower(tag.Value) in values
}

# A subnet meant to be private: tagged app or data tier.
intended_private(subnet) if {
	some tier in tiers_of(object.get(subnet, "Tags", []))
	tier in {"app", "data"}
}

# A private subnet: meant to be private, or simply not public.
is_private(region, subnet) if intended_private(subnet)

is_private(region, subnet) if not is_public(region, subnet.SubnetId)

# private_subnets[region]: the private subnets, by id.
private_subnets := {region: {s.SubnetId: s | some s in object.get(r, ["ec2", "Subnets"], []); is_private(region, s)} |
	some region, r in input.regions
}

# The short service name of an endpoint: com.amazonaws.us-east-1.s3 → s3.
endpoint_service(ep) := parts[count(parts) - 1] if parts := split(ep.ServiceName, ".")

# endpoints[region][vpc_id]: the VPC's live endpoints.
endpoints := {region: by_vpc |
	some region, r in input.regions
	eps := [ep | some ep in object.get(r, ["ec2", "VpcEndpoints"], []); not lower(object.get(ep, "State", "available")) in {"deleted", "deleting", "failed", "rejected", "expired"}]
	by_vpc := {vpc: [ep | some ep in eps; ep.VpcId == vpc] | some ep0 in eps; vpc := ep0.VpcId}
}

subnet_resource(region, s) := {
	"id": s.SubnetId,
	"type": "AWS::EC2::Subnet",
	"region": region,
	"arn": object.get(s, "SubnetArn", result.ec2_arn(region, "subnet", s.SubnetId)),
}

# sg_tiers[region][group_id]: the tiers a security group is in, from its tags, plus "web" for
# groups on internet-facing load balancers and "data" for groups on database instances.
sg_tiers := {region: tiers |
	some region, r in input.regions
	lb_groups := {g |
		some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
		lb.Scheme == "internet-facing"
		some g in object.get(lb, "SecurityGroups", [])
	}
	db_groups := {g.VpcSecurityGroupId |
		some db in object.get(r, ["rds", "DBInstances"], [])
		some g in object.get(db, "VpcSecurityGroups", [])
	}
	tiers := {sg.GroupId: t |
		some sg in object.get(r, ["ec2", "SecurityGroups"], [])
		t := (tiers_of(object.get(sg, "Tags", [])) | {"web" | lb_groups[sg.GroupId]}) | {"data" | db_groups[sg.GroupId]}
	}
}

# lb_groups[region]: security groups attached to internet-facing load balancers.
lb_groups := {region: {g |
	some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
	lb.Scheme == "internet-facing"
	some g in object.get(lb, "SecurityGroups", [])
} |
	some region, r in input.regions
}

# acl_of[region][subnet_id]: the network ACL associated with each subnet.
acl_of := {region: {a.SubnetId: acl |
	some acl in object.get(r, ["ec2", "NetworkAcls"], [])
	some a in object.get(acl, "Associations", [])
} |
	some region, r in input.regions
}

vpc_resource(region, vpc_id) := {"id": vpc_id, "type": "AWS::EC2::VPC", "region": region, "arn": result.ec2_arn(region, "vpc", vpc_id)}

# VPC definitions shared by the rules, as functions: routes and their targets, public and
# private subnets, tiers. The indexes they rely on (route table per subnet, public and private
# subnets, …) live in policies/lib/topology/, one package each: regorus evaluates every rule
# of a package that is referenced, so each index is its own package and costs only the rules
# that use it.
package moat.lib.vpc

import data.moat.lib.result
import data.moat.lib.topology.private_subnets
import data.moat.lib.topology.public_subnets

# A route to the whole internet (IPv4 or IPv6 default route).
is_default_route(route) if route.DestinationCidrBlock == "0.0.0.0/0"

is_default_route(route) if route.DestinationIpv6CidrBlock == "::/0"

# The target id of a route: the first field that holds one (a route through an instance
# names both the instance and its interface; the instance wins).
route_target(route) := route.GatewayId if {
	route.GatewayId != ""
} else := route.NatGatewayId if {
	route.NatGatewayId != ""
} else := route.TransitGatewayId if {
	route.TransitGatewayId != ""
} else := route.VpcPeeringConnectionId if {
	route.VpcPeeringConnectionId != ""
} else := route.InstanceId if {
	route.InstanceId != ""
} else := route.NetworkInterfaceId if {
	route.NetworkInterfaceId != ""
} else := route.EgressOnlyInternetGatewayId if {
	route.EgressOnlyInternetGatewayId != ""
} else := route.LocalGatewayId if {
	route.LocalGatewayId != ""
} else := route.CarrierGatewayId if {
	route.CarrierGatewayId != ""
}

route_destination(route) := object.get(route, "DestinationCidrBlock", object.get(route, "DestinationIpv6CidrBlock", object.get(route, "DestinationPrefixListId", "?")))

# A route target that is an internet gateway (config: internet_gateway_prefixes).
is_igw(target) if {
	some prefix in data.moat.config.internet_gateway_prefixes
	startswith(target, prefix)
}

is_public(region, subnet_id) if public_subnets.ids[region][subnet_id]

# A subnet the snapshot holds: every subnet is public or private, so the two indexes say it.
is_known_subnet(region, subnet_id) if public_subnets.ids[region][subnet_id]

is_known_subnet(region, subnet_id) if private_subnets.by_id[region][subnet_id]

# Why a subnet is neither public nor private: missing from the snapshot, or no route table
# in force (no explicit association, no main table of its VPC).
unknown_subnet_reason(region, subnet_id) := "it is not in the snapshot" if {
	not _in_snapshot(region, subnet_id)
} else := "the snapshot holds no route table in force for it, so its routing is unknown"

_in_snapshot(region, subnet_id) if {
	some s in object.get(input.regions[region], ["ec2", "Subnets"], [])
	s.SubnetId == subnet_id
}

# The tiers a resource's tags put it in (config: data.moat.config.tiers).
tiers_of(tags) := {tier |
	some tag in tags
	tag.Key in data.moat.config.tiers.tag_keys
	some tier, values in data.moat.config.tiers.values
	lower(tag.Value) in values
}

# A subnet meant to be private: tagged with a private tier (config: private_tiers). Which
# subnets are private is defined once, in topology/private_subnets.rego.
intended_private(subnet) if {
	some tier in tiers_of(object.get(subnet, "Tags", []))
	tier in data.moat.config.private_tiers
}

# The short service name of an endpoint: com.amazonaws.us-east-1.s3 → s3.
endpoint_service(ep) := parts[count(parts) - 1] if parts := split(ep.ServiceName, ".")

subnet_resource(region, s) := {
	"id": s.SubnetId,
	"type": "AWS::EC2::Subnet",
	"region": region,
	"arn": object.get(s, "SubnetArn", result.ec2_arn(region, "subnet", s.SubnetId)),
}

vpc_resource(region, vpc_id) := {"id": vpc_id, "type": "AWS::EC2::VPC", "region": region, "arn": result.ec2_arn(region, "vpc", vpc_id)}

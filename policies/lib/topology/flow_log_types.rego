# by_resource[region][resource_id]: the traffic types (ACCEPT, REJECT, ALL) of the active
# flow logs of a VPC, subnet or interface, sorted. A flow log is active when its status is
# absent or one of config.flow_log_active_states.
package moat.lib.topology.flow_log_types

# Precomputed by moat in Rust when present (input.moat.index; see route_tables.rego).
by_resource := {region: idx.flow_log_types | some region, idx in input.moat.index} if {
	input.moat.index
} else := {region: {rid: types |
	some f in active
	rid := f.ResourceId
	types := sort({x.TrafficType | some x in active; x.ResourceId == rid})
} |
	some region, r in input.regions
	active := [f | some f in object.get(r, ["ec2", "FlowLogs"], []); _active(f)]
}

_active(f) if not f.FlowLogStatus

_active(f) if f.FlowLogStatus in data.moat.config.flow_log_active_states

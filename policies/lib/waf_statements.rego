# WAF rule statements read structurally: the statements whose match makes a rule match, down
# through the And/Or statements AWS nests.
#
# regorus's bytecode compiler has no `walk`, and Rego has no recursion, so the descent is
# bounded at `max_depth` levels of nesting. Deeper statements are not seen, which can only
# make a protection look absent (a finding to look at), never make one look present.
package moat.lib.waf_statements

max_depth := 6

# The statement and the statements whose match makes it match: the children of And and Or
# statements, to max_depth levels. Not a NotStatement's child (its match makes the rule NOT
# match) and not a ScopeDownStatement (it narrows which requests a rule group or rate limit
# sees; it blocks nothing itself).
positive(statement) := s if {
	l1 := _positive_children([statement])
	l2 := _positive_children(l1)
	l3 := _positive_children(l2)
	l4 := _positive_children(l3)
	l5 := _positive_children(l4)
	l6 := _positive_children(l5)
	s := array.concat(array.concat(array.concat([statement], l1), array.concat(l2, l3)), array.concat(array.concat(l4, l5), l6))
}

_positive_children(sts) := [c |
	some st in sts
	some kind, body in st
	kind in {"AndStatement", "OrStatement"}
	is_object(body)
	some c in object.get(body, "Statements", [])
]

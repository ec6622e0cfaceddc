# What a WAF rule statement uses, read structurally: its statement types and the managed rule
# groups it runs, down through the statements AWS nests (And/Or `Statements`, Not `Statement`,
# `ScopeDownStatement`).
#
# regorus's bytecode compiler has no `walk`, and Rego has no recursion, so the descent is
# bounded at `max_depth` levels of nesting. Deeper statements are not seen, which can only
# make a protection look absent (a finding to look at), never make one look present.
package moat.lib.waf_statements

max_depth := 6

# True when the statement, or one nested in it, is of a type in `names` (SqliMatchStatement,
# RateBasedStatement, …) or runs a managed rule group named in `names`. The same name
# elsewhere (a label, a metric name, an excluded rule) does not count.
mentions(statement, names) if {
	some st in statements(statement)
	some kind, body in st
	_uses(kind, body, names)
}

_uses(kind, _, names) if kind in names

_uses("ManagedRuleGroupStatement", body, names) if body.Name in names

# The statement and every statement nested in it, to max_depth levels.
statements(statement) := s if {
	l1 := _children([statement])
	l2 := _children(l1)
	l3 := _children(l2)
	l4 := _children(l3)
	l5 := _children(l4)
	l6 := _children(l5)
	s := array.concat(array.concat(array.concat([statement], l1), array.concat(l2, l3)), array.concat(array.concat(l4, l5), l6))
}

# The statements nested one level below each of `sts`.
_children(sts) := [c |
	some st in sts
	some _, body in st
	some c in _nested(body)
]

_nested(body) := array.concat(object.get(body, "Statements", []), _singles(body)) if is_object(body)

_nested(body) := [] if not is_object(body)

_singles(body) := [s |
	some key in ["Statement", "ScopeDownStatement"]
	s := body[key]
]

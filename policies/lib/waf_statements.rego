# What a WAF rule statement uses, read structurally. Its own package: regorus's bytecode
# compiler has no `walk`, so the rules that use this run on the interpreter while the rest
# of the WAF rules stay compiled.
package moat.lib.waf_statements

# True when a rule statement uses one of `names` at any depth, read structurally: a
# statement type (a key such as SqliMatchStatement or RateBasedStatement) or the name of the
# managed rule group a ManagedRuleGroupStatement runs. The same name elsewhere (a label, a
# metric name, an excluded rule) does not count.
mentions(statement, names) if {
	walk(statement, [path, value])
	n := count(path)
	n > 0
	last := path[n - 1]
	_uses(path, n, last, value, names)
}

_uses(_, _, last, _, names) if last in names

_uses(path, n, last, value, names) if {
	last == "Name"
	n >= 2
	path[n - 2] == "ManagedRuleGroupStatement"
	value in names
}

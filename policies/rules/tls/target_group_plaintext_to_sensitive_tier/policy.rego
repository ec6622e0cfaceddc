# METADATA
# title: Load balancer decrypts and forwards plaintext to a sensitive tier
# description: |
#   An HTTPS listener (ALB) or TLS listener (NLB) forwards, by its default action, to a target
#   group whose protocol is HTTP or TCP: TLS ends at the load balancer, and requests reach
#   the targets unencrypted inside the VPC. It is reported only when a target is in one of
#   `config.tls_to_targets_tiers` (by default the data tier), judged by the instance's tier
#   tag, its subnet's tier tag or one of its security groups' tiers. Only instance targets
#   can be placed in a tier; IP and Lambda targets are not judged. Listener rules other than
#   the default action are not collected.
#   PCI DSS 4.0 requires strong cryptography for cardholder data over open, public networks
#   (4.2.1), not inside the VPC, so this is low: it is the guidance's "TLS for all traffic",
#   not a PCI failure.
#   SecureCart practice: TLS for all traffic, not only the viewer side.
# custom:
#   id: TLS010
#   practice: tls-everywhere
#   severity: low
#   remediation: |
#     Give the target group protocol HTTPS (TLS for an NLB) and serve TLS on the targets
#     (any certificate works: load balancers do not validate target certificates), or keep
#     the tier out of `tls_to_targets_tiers` if plaintext inside the VPC is accepted.
#   controls: ["PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ElasticLoadBalancingV2::TargetGroup"]
#   requires: ["elbv2:DescribeListeners", "elbv2:DescribeTargetGroups", "elbv2:DescribeTargetHealth", "ec2:DescribeInstances"]
package moat.rules.tls.target_group_plaintext_to_sensitive_tier

import data.moat.lib.result
import data.moat.lib.topology.instance_tiers

# Listener protocol → the target group protocols that carry plaintext behind it.
plaintext := {"HTTPS": {"HTTP"}, "TLS": {"TCP"}}

deny contains finding if {
	some region, r in input.regions
	tgs := {tg.TargetGroupArn: tg | some tg in object.get(r, ["elbv2", "TargetGroups"], [])}
	tiers := object.get(instance_tiers.by_instance, region, {})
	some l in object.get(r, ["elbv2", "Listeners"], [])
	some a in object.get(l, "DefaultActions", [])
	a.Type == "forward"
	some arn in _forward_arns(a)
	tg := tgs[arn]
	object.get(tg, "Protocol", "") in plaintext[l.Protocol]
	object.get(tg, "TargetType", "instance") == "instance"
	sensitive := {[t.Target.Id, tier] |
		some t in object.get(tg, "TargetHealthDescriptions", [])
		some tier in object.get(tiers, t.Target.Id, [])
		tier in data.moat.config.tls_to_targets_tiers
	}
	count(sensitive) > 0
	finding := result.fail(
		{"id": object.get(tg, "TargetGroupName", arn), "type": "AWS::ElasticLoadBalancingV2::TargetGroup", "region": region, "arn": arn},
		sprintf("%s listener %s forwards to target group %s over %s, unencrypted, to %s-tier targets %v", [l.Protocol, l.ListenerArn, object.get(tg, "TargetGroupName", arn), tg.Protocol, concat("/", sort({t | some [_, t] in sensitive})), sort({id | some [id, _] in sensitive})]),
		sprintf("plaintext from %s", [l.ListenerArn]),
		{"listener_protocol": l.Protocol, "target_group_protocol": tg.Protocol, "targets": sort({id | some [id, _] in sensitive})},
	)
}

_forward_arns(a) := {a.TargetGroupArn} | {t.TargetGroupArn | some t in object.get(a, ["ForwardConfig", "TargetGroups"], [])} if a.TargetGroupArn

_forward_arns(a) := {t.TargetGroupArn | some t in object.get(a, ["ForwardConfig", "TargetGroups"], [])} if not a.TargetGroupArn

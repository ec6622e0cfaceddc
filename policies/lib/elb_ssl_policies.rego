# The TLS protocols each predefined ELB security policy enables, from AWS's published list of
# security policies (describe-ssl-policies; the Application and Network Load Balancer guides).
# Listeners are judged by what their policy enables, never by its name: names mislead both
# ways (…-TLS13-1-0-… still enables TLS 1.0; …-FS-1-2-… does not).
#
# A snapshot holding `elbv2.SslPolicies` (moat collects them) is judged by those; this table
# covers snapshots without them. A policy in neither is "cannot judge". Data, not code: the
# live test (tests/it/collect.rs) checks every policy the emulated API describes against it.
package moat.lib.elb_ssl_policies

protocols := {
	"ELBSecurityPolicy-TLS13-1-3-2021-06": ["TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09": ["TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04": ["TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-2021-06": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04": ["TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-1-2021-06": ["TLSv1.1", "TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04": ["TLSv1.1", "TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-0-2021-06": ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09": ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04": ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"],
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06": ["TLSv1.2"],
	"ELBSecurityPolicy-TLS-1-2-2017-01": ["TLSv1.2"],
	"ELBSecurityPolicy-TLS-1-1-2017-01": ["TLSv1.1", "TLSv1.2"],
	"ELBSecurityPolicy-TLS-1-0-2015-04": ["TLSv1", "TLSv1.1", "TLSv1.2"],
	"ELBSecurityPolicy-FS-1-2-Res-2020-10": ["TLSv1.2"],
	"ELBSecurityPolicy-FS-1-2-Res-2019-08": ["TLSv1.2"],
	"ELBSecurityPolicy-FS-1-2-2019-08": ["TLSv1.2"],
	"ELBSecurityPolicy-FS-1-1-2019-08": ["TLSv1.1", "TLSv1.2"],
	"ELBSecurityPolicy-FS-2018-06": ["TLSv1", "TLSv1.1", "TLSv1.2"],
	"ELBSecurityPolicy-2016-08": ["TLSv1", "TLSv1.1", "TLSv1.2"],
	"ELBSecurityPolicy-2015-05": ["TLSv1", "TLSv1.1", "TLSv1.2"],
}

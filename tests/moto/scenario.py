"""Creates a small SecureCart scenario in a moto server through the AWS API (boto3).

Usage: python scenario.py ENDPOINT REGION
Prints a JSON object with the ids the Rust test asserts on. Planted violations:
  - sg "bastion" allows SSH from 0.0.0.0/0                     -> SG001
  - the ALB's HTTP:80 listener forwards instead of redirecting -> TLS001
  - the VPC's app subnet routes 0.0.0.0/0 to the IGW           -> NET001
  - the VPC has no DynamoDB gateway endpoint                   -> VPCE001
  - sg "ops" allows SSH from a prefix list that holds 0.0.0.0/1 and 128.0.0.0/1 -> SG001
  - sg "halves" allows RDP from 0.0.0.0/1 in one rule and 128.0.0.0/1 in another -> SG002
  - an HTTPS listener uses ELBSecurityPolicy-TLS13-1-0-2021-06 (TLS 1.0 and 1.1) -> TLS002
  - web ACL "shop-waf": SQLi_BODY overridden to Count, rate rule in Count     -> WAF003, WAF005
  - Classic Load Balancer "legacy" serves HTTP:80 to the internet              -> TLS007, WAF008
  - REST API "shop-api": stage "beta" has no stage-wide throttle                -> API001
  - endpoint service in front of NLB "partner-nlb": any account, no acceptance  -> VPCE007 (high)
    (stage "prod" throttles */* at 100 rps, burst 200: compliant)
  - Direct Connect: connection "plain" (no MACsec) and "macsec" (MACsec requested; moto
    reports its ports' encryption down) both at EqDC2, each with a virtual interface to
    gateway "logistics", associated with a transit gateway                      -> DX001 x2, DX003
  - HTTP API "orders-http": no CloudFront in front; stage "beta" unthrottled    -> WAF010, API002
    (stage "prod" sets a default route throttle: compliant)
  - an instance with a public IP in a public subnet, SSH open: reachable (moat exposure); the
    same group on an instance in the data subnet (NAT route): not reachable, NET005
Compliant resources: sg "app" (8080 from the ALB group), sg "office" (SSH from a prefix list
holding one office /24).
"""
import json
import sys

import boto3

endpoint, region = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
ec2 = boto3.client("ec2", **kw)
elbv2 = boto3.client("elbv2", **kw)
apigw = boto3.client("apigateway", **kw)
acm = boto3.client("acm", **kw)
wafv2 = boto3.client("wafv2", **kw)
elb = boto3.client("elb", **kw)
dx = boto3.client("directconnect", **kw)
apigw2 = boto3.client("apigatewayv2", **kw)

vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
tag = lambda rid, **kv: ec2.create_tags(Resources=[rid], Tags=[{"Key": k, "Value": v} for k, v in kv.items()])
igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
web_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.0.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
web_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24", AvailabilityZone=f"{region}b")["Subnet"]["SubnetId"]
app = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.10.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
data = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.20.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
for s in (web_a, web_b):
    tag(s, Tier="web")
tag(app, Tier="app")
tag(data, Tier="data")

public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
for s in (web_a, web_b):
    ec2.associate_route_table(RouteTableId=public_rt, SubnetId=s)
eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
nat = ec2.create_nat_gateway(SubnetId=web_a, AllocationId=eip)["NatGateway"]["NatGatewayId"]
data_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=data_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
ec2.associate_route_table(RouteTableId=data_rt, SubnetId=data)
# Violation: the app subnet goes straight out through the internet gateway.
app_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=app_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
ec2.associate_route_table(RouteTableId=app_rt, SubnetId=app)
ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{region}.s3", VpcEndpointType="Gateway", RouteTableIds=[data_rt, app_rt])

alb_sg = ec2.create_security_group(GroupName="alb", Description="public load balancer", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=alb_sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]} for p in (80, 443)])
app_sg = ec2.create_security_group(GroupName="app", Description="application tier", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=app_sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": alb_sg}]}])
bastion_sg = ec2.create_security_group(GroupName="bastion", Description="ssh", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=bastion_sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])

# Effective exposure: the bastion group on an instance with a public IP in a public subnet
# (reachable on SSH), and on one in the data subnet, whose replies leave through the NAT
# gateway (not reachable, although it has a public IP too).
images = ec2.describe_images()["Images"]
ami = images[0]["ImageId"] if images else ec2.register_image(Name="moat-test", RootDeviceName="/dev/sda1")["ImageId"]
def host(subnet):
    return ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType="t3.micro", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnet, "Groups": [bastion_sg], "AssociatePublicIpAddress": True}])["Instances"][0]["InstanceId"]
public_host, hidden_host = host(web_a), host(data)

# Address sets: a prefix list that holds the whole internet in two halves, an office list,
# and two rules whose sources together are the whole internet.
world_pl = ec2.create_managed_prefix_list(PrefixListName="everyone", AddressFamily="IPv4", MaxEntries=5,
                                          Entries=[{"Cidr": "0.0.0.0/1"}, {"Cidr": "128.0.0.0/1"}])["PrefixList"]["PrefixListId"]
office_pl = ec2.create_managed_prefix_list(PrefixListName="office", AddressFamily="IPv4", MaxEntries=5,
                                           Entries=[{"Cidr": "198.51.100.0/24", "Description": "office"}])["PrefixList"]["PrefixListId"]
ops_sg = ec2.create_security_group(GroupName="ops", Description="ssh through a prefix list", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=ops_sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListIds": [{"PrefixListId": world_pl}]}])
office_sg = ec2.create_security_group(GroupName="office", Description="ssh from the office", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=office_sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListIds": [{"PrefixListId": office_pl}]}])
halves_sg = ec2.create_security_group(GroupName="halves", Description="rdp from two halves", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=halves_sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/1"}]},
    {"IpProtocol": "tcp", "FromPort": 3000, "ToPort": 4000, "IpRanges": [{"CidrIp": "128.0.0.0/1"}]}])

lb = elbv2.create_load_balancer(Name="shop-web", Subnets=[web_a, web_b], SecurityGroups=[alb_sg],
                                Scheme="internet-facing", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
tg = elbv2.create_target_group(Name="shop-app", Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
http = elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                             DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])["Listeners"][0]["ListenerArn"]
# A TLS13-named policy that still enables TLS 1.0 and 1.1.
cert = acm.request_certificate(DomainName="shop.example.com")["CertificateArn"]
https = elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-TLS13-1-0-2021-06",
                              Certificates=[{"CertificateArn": cert}],
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])["Listeners"][0]["ListenerArn"]
# Behind the load balancer: an app instance without a public address, reachable only
# through the load balancer's listeners; an internal load balancer in front of another,
# reachable by nobody on the internet.
def app_host(subnet):
    return ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType="t3.micro", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": subnet, "Groups": [app_sg], "AssociatePublicIpAddress": False}])["Instances"][0]["InstanceId"]
fronted_host, internal_host = app_host(app), app_host(data)
elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": fronted_host, "Port": 8080}])
internal_lb = elbv2.create_load_balancer(Name="shop-internal", Subnets=[web_a, web_b], SecurityGroups=[alb_sg],
                                         Scheme="internal", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
internal_tg = elbv2.create_target_group(Name="shop-internal", Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
elbv2.create_listener(LoadBalancerArn=internal_lb, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": internal_tg}])
elbv2.register_targets(TargetGroupArn=internal_tg, Targets=[{"Id": internal_host, "Port": 8080}])
# A web ACL whose protections do not all block: one SQLi rule overridden to Count (no SQLi
# protection), a Common Rule Set override that does not touch XSS (XSS still blocked), and a
# rate-based rule in Count mode (no rate limit).
vis = lambda n: {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": n}
waf_acl = wafv2.create_web_acl(Name="shop-waf", Scope="REGIONAL", DefaultAction={"Allow": {}}, VisibilityConfig=vis("shop"), Rules=[
    {"Name": "sqli", "Priority": 1, "OverrideAction": {"None": {}}, "VisibilityConfig": vis("sqli"),
     "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet",
                                                 "RuleActionOverrides": [{"Name": "SQLi_BODY", "ActionToUse": {"Count": {}}}]}}},
    {"Name": "common", "Priority": 2, "OverrideAction": {"None": {}}, "VisibilityConfig": vis("common"),
     "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet",
                                                 "RuleActionOverrides": [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}]}}},
    {"Name": "rate", "Priority": 3, "Action": {"Count": {}}, "VisibilityConfig": vis("rate"),
     "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}},
])["Summary"]["Name"]
# A Classic Load Balancer serving plain HTTP to the internet: no HTTPS, and no WAF possible.
elb.create_load_balancer(LoadBalancerName="legacy", Scheme="internet-facing", Subnets=[web_a], SecurityGroups=[alb_sg],
                         Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 8080}])
# A REST API with a throttled stage and one without a throttle.
api = apigw.create_rest_api(name="shop-api", endpointConfiguration={"types": ["REGIONAL"]})["id"]
root = [r for r in apigw.get_resources(restApiId=api)["items"] if r["path"] == "/"][0]["id"]
apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
apigw.create_deployment(restApiId=api, stageName="prod")
apigw.update_stage(restApiId=api, stageName="prod", patchOperations=[
    {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"},
    {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "200"}])
apigw.create_deployment(restApiId=api, stageName="beta")
# A PrivateLink endpoint service any AWS account may connect to without review.
nlb = elbv2.create_load_balancer(Name="partner-nlb", Subnets=[data], Scheme="internal", Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
svc_config = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[nlb], AcceptanceRequired=False)["ServiceConfiguration"]
svc, svc_name = svc_config["ServiceId"], svc_config["ServiceName"]
# An interface endpoint to that service (a PrivateLink partner's, as this account sees it),
# private DNS off: the service's details are read to know whether it offers private DNS.
partner_endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=svc_name, VpcEndpointType="Interface", SubnetIds=[data],
                                           PrivateDnsEnabled=False)["VpcEndpoint"]["VpcEndpointId"]
ec2.modify_vpc_endpoint_service_permissions(ServiceId=svc, AddAllowedPrincipals=["*"])
# Direct Connect to a partner: two connections at one location, one without MACsec, each
# with a virtual interface to one Direct Connect gateway that serves a transit gateway.
core_tgw = ec2.create_transit_gateway(Description="core")["TransitGateway"]["TransitGatewayId"]
dxgw = dx.create_direct_connect_gateway(directConnectGatewayName="logistics", amazonSideAsn=64512)["directConnectGateway"]["directConnectGatewayId"]
dx.create_direct_connect_gateway_association(directConnectGatewayId=dxgw, gatewayId=core_tgw)
plain = dx.create_connection(location="EqDC2", bandwidth="10Gbps", connectionName="plain")["connectionId"]
macsec = dx.create_connection(location="EqDC2", bandwidth="10Gbps", connectionName="macsec", requestMACSec=True)["connectionId"]
dx.create_private_virtual_interface(connectionId=plain, newPrivateVirtualInterface={
    "virtualInterfaceName": "partner-private", "vlan": 101, "asn": 65001, "directConnectGatewayId": dxgw})
dx.create_transit_virtual_interface(connectionId=macsec, newTransitVirtualInterface={
    "virtualInterfaceName": "partner-transit", "vlan": 102, "asn": 65001, "directConnectGatewayId": dxgw})
# An HTTP API with nothing in front of it: one stage throttled, one not.
http_api = apigw2.create_api(Name="orders-http", ProtocolType="HTTP")["ApiId"]
apigw2.create_stage(ApiId=http_api, StageName="prod", DefaultRouteSettings={"ThrottlingRateLimit": 100.0, "ThrottlingBurstLimit": 200})
apigw2.create_stage(ApiId=http_api, StageName="beta")
print(json.dumps({"partner_service": svc_name, "partner_endpoint": partner_endpoint, "dx_plain": plain, "dx_macsec": macsec, "dx_gateway": dxgw, "http_api": http_api, "endpoint_service": svc, "api": api, "public_host": public_host, "hidden_host": hidden_host, "fronted_host": fronted_host, "internal_host": internal_host, "classic_lb": "legacy", "waf_acl": waf_acl, "https_listener": https, "vpc": vpc, "app_subnet": app, "data_subnet": data, "bastion_sg": bastion_sg, "app_sg": app_sg,
                  "alb_sg": alb_sg, "lb": lb, "http_listener": http, "ops_sg": ops_sg, "office_sg": office_sg,
                  "halves_sg": halves_sg, "world_pl": world_pl}))

"""Creates an AWS organization in a moto server (Organizations and STS across accounts) for
the multi-account tests and benchmark.

Usage: python organization.py ENDPOINT REGION[,REGION…] MEMBERS [ROLE_NAME]
Creates an organization from the caller's account (moto's 123456789012, the management
account) with MEMBERS member accounts. In each member account, through an assumed role named
ROLE_NAME (default MoatScan), it plants in each region one violation: security group "bastion" with SSH open
to 0.0.0.0/0, on an instance with a public IP in a subnet routed to an internet gateway
(SG001 and EXP001: reachable). Prints a JSON object: {"management": id, "members": [ids],
"violations": {account: sg id}, "ou": id}. The first member account sits in OU
"payments" under OU "workloads" (whose id is "ou"), for --ou.
"""
import json
import sys

import boto3

endpoint, regions, members = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
region = regions[0]
role = sys.argv[4] if len(sys.argv) > 4 else "MoatScan"
kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
org = boto3.client("organizations", **kw)
sts = boto3.client("sts", **kw)

org.create_organization(FeatureSet="ALL")
management = sts.get_caller_identity()["Account"]
ids = []
for i in range(members):
    status = org.create_account(Email=f"workload{i}@securecart.example", AccountName=f"workload-{i}")
    ids.append(status["CreateAccountStatus"]["AccountId"])

violations = {}
def plant(account, creds, region):
    """One violation in `region` of `account`; returns the group's id."""
    ec2 = boto3.client(
        "ec2",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.30.0.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
    rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=rt, SubnetId=subnet)
    sg = ec2.create_security_group(GroupName="bastion", Description="bastion", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=sg,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    ec2.run_instances(
        ImageId="ami-12c6146b",
        MinCount=1,
        MaxCount=1,
        InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [sg], "AssociatePublicIpAddress": True}],
    )
    return sg


# An organizational unit (with a child OU) holding the first member account, for --ou.
root = org.list_roots()["Roots"][0]["Id"]
ou = org.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
child = org.create_organizational_unit(ParentId=ou, Name="payments")["OrganizationalUnit"]["Id"]
if ids:
    org.move_account(AccountId=ids[0], SourceParentId=root, DestinationParentId=child)

violations = {}
for account in ids:
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="setup")["Credentials"]
    for r in regions:
        sg = plant(account, creds, r)
        if r == region:
            violations[account] = sg

print(json.dumps({"management": management, "members": ids, "violations": violations, "ou": ou}))

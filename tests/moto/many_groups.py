"""Adds N security groups (two rules each) to a moto server, for collection benchmarks.

Usage: python many_groups.py ENDPOINT REGION N
"""
import sys

import boto3

endpoint, region, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=region,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
vpc = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
for i in range(n):
    gid = ec2.create_security_group(GroupName=f"bench-{i}", Description="bench", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        {"IpProtocol": "tcp", "FromPort": 8000 + i % 1000, "ToPort": 8000 + i % 1000, "IpRanges": [{"CidrIp": "10.1.0.0/16"}]},
    ])

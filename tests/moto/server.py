"""moto's server, with the Direct Connect operations moto 5.2.5 does not emulate.

moto answers DescribeConnections, DescribeLags, CreateConnection, CreateLag and the MACsec
key calls, but has no virtual interfaces and no Direct Connect gateways (it answers 500).
This adds them to moto's own Direct Connect responder, with AWS's request and response
shapes, so a scenario can create them through the AWS API (boto3) and moat reads them back
like any other moto resource:

- CreatePrivateVirtualInterface, CreateTransitVirtualInterface, DescribeVirtualInterfaces
  (per account and region; a new interface is `available` with its BGP peer `up`, as one is
  once the customer router has brought the session up);
- CreateDirectConnectGateway, DescribeDirectConnectGateways (global per account),
  CreateDirectConnectGatewayAssociation, DescribeDirectConnectGatewayAssociations.

It also corrects two fields of moto's connections and LAGs that do not have AWS's types and
that the AWS SDKs refuse to parse: `hasLogicalRedundancy` is the enum string `yes`, `no` or
`unknown` (moto sends a boolean) and `loaIssueTime` is a timestamp in epoch seconds (moto
sends "YYYY-MM-DD HH:MM:SS").

Usage: python server.py -H HOST -p PORT (the arguments of moto_server).
"""
import json
import random
import string
import uuid

from datetime import datetime

from moto.directconnect import models
from moto.directconnect.responses import DirectConnectResponse
from moto.server import main

INTERFACES = {}  # (account, region) -> [interface]
GATEWAYS = {}  # account -> {gateway id: gateway}
ASSOCIATIONS = {}  # account -> [association]


def _id(prefix):
    return prefix + "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(8))


def _connection(self, connection_id):
    backend = self.directconnect_backend
    if connection_id in backend.connections:
        return backend.connections[connection_id].location
    if connection_id in backend.lags:
        return backend.lags[connection_id].location
    raise ValueError(f"no connection {connection_id}")


def _create_interface(self, kind, key):
    params = json.loads(self.body)
    new = params[key]
    location = _connection(self, params["connectionId"])
    vif = {
        "ownerAccount": self.current_account,
        "virtualInterfaceId": _id("dxvif-"),
        "location": location,
        "connectionId": params["connectionId"],
        "virtualInterfaceType": kind,
        "virtualInterfaceName": new["virtualInterfaceName"],
        "vlan": new["vlan"],
        "asn": new.get("asn", 65000),
        "amazonSideAsn": 64512,
        "addressFamily": new.get("addressFamily", "ipv4"),
        "virtualInterfaceState": "available",
        "virtualGatewayId": new.get("virtualGatewayId", ""),
        "directConnectGatewayId": new.get("directConnectGatewayId", ""),
        "bgpPeers": [{"bgpPeerId": _id("dxpeer-"), "asn": new.get("asn", 65000),
                      "addressFamily": new.get("addressFamily", "ipv4"),
                      "bgpPeerState": "available", "bgpStatus": "up"}],
        "region": self.region,
        "tags": new.get("tags", []),
    }
    INTERFACES.setdefault((self.current_account, self.region), []).append(vif)
    return json.dumps(vif)


def create_private_virtual_interface(self):
    return _create_interface(self, "private", "newPrivateVirtualInterface")


def create_transit_virtual_interface(self):
    return json.dumps({"virtualInterface": json.loads(_create_interface(self, "transit", "newTransitVirtualInterface"))})


def describe_virtual_interfaces(self):
    return json.dumps({"virtualInterfaces": INTERFACES.get((self.current_account, self.region), [])})


def create_direct_connect_gateway(self):
    params = json.loads(self.body)
    gateway = {"directConnectGatewayId": str(uuid.uuid4()),
               "directConnectGatewayName": params["directConnectGatewayName"],
               "amazonSideAsn": params.get("amazonSideAsn", 64512),
               "ownerAccount": self.current_account,
               "directConnectGatewayState": "available"}
    GATEWAYS.setdefault(self.current_account, {})[gateway["directConnectGatewayId"]] = gateway
    return json.dumps({"directConnectGateway": gateway})


def describe_direct_connect_gateways(self):
    return json.dumps({"directConnectGateways": list(GATEWAYS.get(self.current_account, {}).values())})


def create_direct_connect_gateway_association(self):
    params = json.loads(self.body)
    gateway_id = params["gatewayId"]
    kind = "transitGateway" if gateway_id.startswith("tgw-") else "virtualPrivateGateway"
    association = {"directConnectGatewayId": params["directConnectGatewayId"],
                   "directConnectGatewayOwnerAccount": self.current_account,
                   "associationState": "associated",
                   "associationId": _id("dxgwassoc-"),
                   "associatedGateway": {"id": gateway_id, "type": kind,
                                         "ownerAccount": self.current_account, "region": self.region}}
    ASSOCIATIONS.setdefault(self.current_account, []).append(association)
    return json.dumps({"directConnectGatewayAssociation": association})


def describe_direct_connect_gateway_associations(self):
    params = json.loads(self.body)
    wanted = params.get("directConnectGatewayId")
    found = [a for a in ASSOCIATIONS.get(self.current_account, []) if wanted in (None, a["directConnectGatewayId"])]
    return json.dumps({"directConnectGatewayAssociations": found})


def _aws_types(to_dict):
    def fixed(self):
        d = to_dict(self)
        if isinstance(d.get("hasLogicalRedundancy"), bool):
            d["hasLogicalRedundancy"] = "yes" if d["hasLogicalRedundancy"] else "no"
        if isinstance(d.get("loaIssueTime"), str):
            d["loaIssueTime"] = datetime.strptime(d["loaIssueTime"], "%Y-%m-%d %H:%M:%S").timestamp()
        return d
    return fixed


models.Connection.to_dict = _aws_types(models.Connection.to_dict)
models.LAG.to_dict = _aws_types(models.LAG.to_dict)

for f in (create_private_virtual_interface, create_transit_virtual_interface, describe_virtual_interfaces,
          create_direct_connect_gateway, describe_direct_connect_gateways,
          create_direct_connect_gateway_association, describe_direct_connect_gateway_associations):
    setattr(DirectConnectResponse, f.__name__, f)

if __name__ == "__main__":
    main()

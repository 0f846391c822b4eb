"""The SDK README's examples, run with the real SDK (ionosenterprise 5.2.0)
pointed at the emulator through ``host_base``, and the state each leaves.

The examples are copied as they stand, with two changes that an account
needs anyway: the image id is the one "Search for Images" finds here (the
README's id belongs to the authors' account), and Python 3's print. For
ansible-test sanity, the wait_for snippets are re-indented to PEP 8 and
pass ``client.list_k8s_clusters`` itself instead of a lambda calling it.
"""

import pytest
from ionosenterprise.client import (
    IPBlock, LAN, NIC, Datacenter, FirewallRule, IonosEnterpriseService, Server, Volume,
)
from ionosenterprise.errors import ICNotFoundError, ICValidationError

from conftest import PASSWORD, USER


@pytest.fixture
def client(api):
    return IonosEnterpriseService(username=USER, password=PASSWORD, host_base=api.url, use_config=False)


def find_image(conn, name, location):
    """The README's "Search for Images" function, verbatim."""
    images = []
    for item in conn.list_images()['items']:
        if (item['properties']['location'] == location and
           item['properties']['imageType'] == 'HDD' and
           name.lower() in item['properties']['name'].lower()):
            images.append(item)
    return images


def test_list_all_data_centers(client, api):
    assert client.list_datacenters()["items"] == []
    api.make_datacenter("one")
    datacenters = client.list_datacenters()
    assert [d["properties"]["name"] for d in datacenters["items"]] == ["one"]


def test_search_for_images(client):
    images = find_image(client, 'Ubuntu', 'de/fkb')
    assert len(images) >= 3
    for image in images:
        assert image["properties"]["location"] == "de/fkb"
        assert "ubuntu" in image["properties"]["name"].lower()
        assert image["properties"]["imageType"] == "HDD" and image["properties"]["public"] is True
    assert find_image(client, 'no-such-os', 'de/fkb') == []


def test_reserve_an_ip_block(client):
    ipblock = IPBlock(location='us/las', size=5)
    response = client.reserve_ipblock(ipblock)
    client.wait_for_completion(response)
    block = client.get_ipblock(response["id"])
    assert block["properties"]["size"] == 5 and block["properties"]["location"] == "us/las"
    assert len(block["properties"]["ips"]) == 5
    assert all(ip.startswith("158.222.") for ip in block["properties"]["ips"])
    assert client.list_ipblocks()["items"][0]["id"] == response["id"]


def test_component_build(client):
    timeout = 1800
    image_id = find_image(client, 'Ubuntu', 'us/las')[0]['id']

    # Create data center
    datacenter = Datacenter(
        name='Python SDK Data Center',
        description='Python SDK data center',
        location='us/las')

    response = client.create_datacenter(datacenter=datacenter)
    client.wait_for_completion(response, timeout)
    datacenter_id = response['id']

    # Create public LAN
    lan = LAN(name="Public LAN", public=True)

    response = client.create_lan(datacenter_id, lan=lan)
    client.wait_for_completion(response, timeout)
    lan_id = response['id']

    # Create server
    server = Server(
        name='Python SDK Server',
        ram=4096,
        cores=4,
        cpu_family='INTEL_XEON')

    response = client.create_server(datacenter_id=datacenter_id, server=server)
    client.wait_for_completion(response, timeout)
    server_id = response['id']

    # Create public NIC
    nic = NIC(
        name='Public NIC',
        dhcp=True,
        lan=lan_id,
        firewall_active=True,
        nat=False)

    response = client.create_nic(
        datacenter_id=datacenter_id,
        server_id=server_id,
        nic=nic)
    client.wait_for_completion(response, timeout)
    nic_id = response['id']

    # Create firwall rule
    fwrule = FirewallRule(
        name='Allow SSH',
        protocol='TCP',
        source_ip='0.0.0.0',
        port_range_start=22,
        port_range_end=22,
        icmp_type=None)

    response = client.create_firewall_rule(
        datacenter_id=datacenter_id,
        server_id=server_id,
        nic_id=nic_id,
        firewall_rule=fwrule)
    client.wait_for_completion(response, timeout)

    # Create system volume
    volume1 = Volume(
        name='System Volume',
        size=20,
        image=image_id,
        bus='VIRTIO',
        type='HDD',
        ssh_keys=['ssh-rsa AAAAB3NzaC1yc2EAAAADAQ...'],
        image_password='s3cr3tpass0rd',
        availability_zone='ZONE_3')

    response = client.create_volume(
        datacenter_id=datacenter_id,
        volume=volume1)
    client.wait_for_completion(response, timeout)
    volume1_id = response['id']

    # Attach system volume
    response = client.attach_volume(
        datacenter_id=datacenter_id,
        server_id=server_id,
        volume_id=volume1_id)
    client.wait_for_completion(response, timeout)

    # Create data volume
    volume2 = Volume(
        name='Data Volume',
        size=100,
        type='SSD',
        bus='VIRTIO',
        license_type='OTHER')

    response = client.create_volume(
        datacenter_id=datacenter_id,
        volume=volume2)
    client.wait_for_completion(response, timeout)
    volume2_id = response['id']

    # Attach data volume
    response = client.attach_volume(
        datacenter_id=datacenter_id,
        server_id=server_id,
        volume_id=volume2_id)
    client.wait_for_completion(response, timeout)

    live_datacenter = client.get_datacenter(datacenter_id=datacenter_id, depth=5)

    # The state the example describes.
    assert live_datacenter["properties"]["name"] == "Python SDK Data Center"
    lans = live_datacenter["entities"]["lans"]["items"]
    assert [(l["id"], l["properties"]["name"], l["properties"]["public"]) for l in lans] == [("1", "Public LAN", True)]
    servers = live_datacenter["entities"]["servers"]["items"]
    assert len(servers) == 1
    srv = servers[0]
    assert srv["properties"]["cores"] == 4 and srv["properties"]["ram"] == 4096
    assert srv["properties"]["cpuFamily"] == "INTEL_XEON" and srv["properties"]["vmState"] == "RUNNING"
    assert srv["properties"]["bootVolume"]["id"] == volume1_id
    volumes = {v["id"]: v["properties"] for v in srv["entities"]["volumes"]["items"]}
    assert set(volumes) == {volume1_id, volume2_id}
    assert volumes[volume1_id]["image"] == image_id and volumes[volume1_id]["licenceType"] == "LINUX"
    assert volumes[volume1_id]["availabilityZone"] == "ZONE_3" and volumes[volume1_id]["imagePassword"] is None
    assert volumes[volume2_id]["size"] == 100 and volumes[volume2_id]["bus"] == "VIRTIO"
    assert sorted(v["deviceNumber"] for v in volumes.values()) == [1, 2]
    nics = srv["entities"]["nics"]["items"]
    assert len(nics) == 1 and nics[0]["properties"]["firewallActive"] is True
    assert nics[0]["properties"]["ips"][0].startswith("158.222.")
    # Firewall rules are great-grandchildren of the datacenter: references at depth 5.
    (rule_ref,) = nics[0]["entities"]["firewallrules"]["items"]
    assert set(rule_ref) == {"id", "type", "href"}
    rules = client.get_firewall_rules(datacenter_id, server_id, nic_id, depth=1)["items"]
    assert [(r["id"], r["properties"]["protocol"], r["properties"]["portRangeStart"], r["properties"]["sourceIp"])
            for r in rules] == [(rule_ref["id"], "TCP", 22, "0.0.0.0")]


def test_composite_build(client):
    image_id = find_image(client, 'Ubuntu', 'us/las')[0]['id']

    # Define a firewall rule
    fwrule1 = FirewallRule(
        name='Allow SSH',
        protocol='TCP',
        source_ip='0.0.0.0',
        port_range_start=22,
        port_range_end=22,
        icmp_type=None)

    # Define a public NIC
    nic1 = NIC(
        name='Public NIC',
        dhcp=True,
        lan=1,
        firewall_active=True,
        firewall_rules=[fwrule1],
        nat=False)

    # Define a private NIC
    nic2 = NIC(
        name='Private NIC',
        dhcp=True,
        lan=2)

    # Define a system volume
    volume1 = Volume(
        name='System Volume',
        size=20,
        image=image_id,
        bus='VIRTIO',
        type='HDD',
        ssh_keys=['ssh-rsa AAAAB3NzaC1yc2EAAAADAQ...'],
        image_password='s3cr3tpass0rd',
        availability_zone='ZONE_3')

    # Define a data volume
    volume2 = Volume(
        name='Data Volume',
        size=100,
        type='SSD',
        bus='VIRTIO',
        licence_type='OTHER')

    # Define a server with associated NICs and volumes
    server = Server(
        name='Python SDK Server',
        ram=4096,
        cores=4,
        cpu_family='INTEL_XEON',
        nics=[nic1, nic2],
        create_volumes=[volume1, volume2])

    # Define a data center with the server
    datacenter = Datacenter(
        name='Python SDK Data Center',
        description='Python SDK data center',
        location='us/las',
        servers=[server])

    # Initiate the data center and nested resource provisioning
    response = client.create_datacenter(datacenter)

    # Wait for the data center and nested resources to finish provisioning
    client.wait_for_completion(response)

    datacenter_id = response['id']

    # Set the first LAN to public
    response = client.update_lan(
        datacenter_id=datacenter_id,
        lan_id=1,
        name='Public LAN',
        public=True)

    client.wait_for_completion(response)

    # Print the data center properties and nested resources
    response = client.get_datacenter(datacenter_id=datacenter_id, depth=5)

    # The state the example describes: one request built it all.
    lans = {l["id"]: l["properties"] for l in response["entities"]["lans"]["items"]}
    assert set(lans) == {"1", "2"}
    assert lans["1"]["public"] is True and lans["1"]["name"] == "Public LAN" and lans["2"]["public"] is False
    (srv,) = response["entities"]["servers"]["items"]
    assert srv["properties"]["name"] == "Python SDK Server" and srv["properties"]["vmState"] == "RUNNING"
    nics = {n["properties"]["name"]: n for n in srv["entities"]["nics"]["items"]}
    assert nics["Public NIC"]["properties"]["lan"] == 1 and nics["Private NIC"]["properties"]["lan"] == 2
    assert nics["Public NIC"]["properties"]["ips"][0].startswith("158.222.")  # public once LAN 1 went public
    assert nics["Private NIC"]["properties"]["ips"][0].startswith("10.")
    (rule_ref,) = nics["Public NIC"]["entities"]["firewallrules"]["items"]
    rule = client.get_firewall_rule(datacenter_id, srv["id"], nics["Public NIC"]["id"], rule_ref["id"])
    assert rule["properties"]["name"] == "Allow SSH" and rule["properties"]["portRangeEnd"] == 22
    volumes = {v["properties"]["name"]: v["properties"] for v in srv["entities"]["volumes"]["items"]}
    assert set(volumes) == {"System Volume", "Data Volume"}
    assert volumes["System Volume"]["image"] == image_id and volumes["Data Volume"]["size"] == 100
    assert len(response["entities"]["volumes"]["items"]) == 2
    members = {n["id"] for n in response["entities"]["lans"]["items"][0]["entities"]["nics"]["items"]}
    assert members == {nics["Public NIC"]["id"]}
    # One request created the whole tree.
    requests = client.list_requests(depth=2)["items"]
    assert [r["properties"]["method"] for r in requests] == ["PATCH", "POST"]


def test_readme_image_password_is_valid_but_other_characters_are_not(client, api):
    """'s3cr3tpass0rd' fits the spec's rule (a-z, A-Z, 0-9, 8 to 50)."""
    dc = api.make_datacenter(location="us/las")
    image_id = find_image(client, 'Ubuntu', 'us/las')[0]['id']
    for password in ("short1", "with space 123", "x" * 51, "ümlautpassword"):
        with pytest.raises(ICValidationError) as err:
            client.create_volume(dc, Volume(name="v", size=10, image=image_id, image_password=password))
        assert "imagePassword" in err.value.content[0]["message"]


def test_sdk_error_mapping(client):
    with pytest.raises(ICNotFoundError) as err:
        client.get_datacenter("00000000-0000-0000-0000-000000000000")
    assert "Resource does not exist" in err.value.content[0]["message"]
    with pytest.raises(ICValidationError) as err:
        client.create_datacenter(Datacenter(name="no location"))
    assert "Attribute 'location' is required" in err.value.content[0]["message"]


def test_kubernetes_wait_for_snippets(client, api, emulator):
    # A short delay so that the cluster really is DEPLOYING at first.
    api.control("PUT", "/config", {"k8s_delay": 0.3})
    cluster_name = "sdk-cluster"
    my_cluster = client.create_k8s_cluster(cluster_name)
    assert my_cluster["metadata"]["state"] == "DEPLOYING"

    client.wait_for(
        fn_request=client.list_k8s_clusters,
        fn_check=lambda r: list(filter(
            lambda e: e['properties']['name'] == cluster_name,
            r['items']
        ))[0]['metadata']['state'] == 'ACTIVE',
        console_print='.',
        scaleup=10000
    )
    assert client.get_k8s_cluster(my_cluster['id'])["metadata"]["state"] == "ACTIVE"

    api.control("PUT", "/config", {"k8s_delay": 0})
    datacenter_id = api.make_datacenter("k8s", "de/fra")
    pool_name = 'NEW_1_INTEL_XEON_123'
    my_nodepool = client.create_k8s_cluster_nodepool(
        my_cluster['id'],
        pool_name,
        datacenter_id,
        2,
        'INTEL_XEON',
        1,
        2048,
        'AUTO',
        'HDD',
        11,
        k8s_version='1.17.8',
        maintenance_window={
            'dayOfTheWeek': "Monday",
            'time': '17:00:00'},
        auto_scaling={'minNodeCount': 2, 'maxNodeCount': 3},
        lan_ids=[],
        labels={'lu1': 'vu1', 'lu2': 'vu2'},
        annotations={'au1': 'vau1', 'au2': 'vau2'}
    )

    client.wait_for(
        fn_request=lambda: client.list_k8s_cluster_nodepools(my_cluster['id']),
        fn_check=lambda r: list(filter(
            lambda e: e['properties']['name'] == pool_name,
            r['items']
        ))[0]['metadata']['state'] == 'ACTIVE',
        console_print='.',
        scaleup=10000
    )
    pool = client.get_k8s_cluster_nodepool(my_cluster['id'], my_nodepool['id'])
    assert pool["properties"]["nodeCount"] == 2 and pool["properties"]["labels"] == {'lu1': 'vu1', 'lu2': 'vu2'}
    assert pool["properties"]["autoScaling"] == {'minNodeCount': 2, 'maxNodeCount': 3}
    kubeconfig = client.get_k8s_config(my_cluster['id'])
    assert "kind: Config" in kubeconfig["properties"]["kubeconfig"]

    client.update_k8s_cluster_nodepool(
        my_cluster['id'], my_nodepool['id'], 3,
        maintenance_window={'dayOfTheWeek': "Monday", 'time': '17:00:00'},
        auto_scaling={'minNodeCount': 2, 'maxNodeCount': 3})
    nodes = client._perform_request(f"/k8s/{my_cluster['id']}/nodepools/{my_nodepool['id']}/nodes?depth=1")
    assert len(nodes["items"]) == 3

    client.delete_k8s_cluster_nodepool(my_cluster['id'], my_nodepool['id'])
    client.delete_k8s_cluster(my_cluster['id'])
    with pytest.raises(ICNotFoundError):
        client.get_k8s_cluster(my_cluster['id'])

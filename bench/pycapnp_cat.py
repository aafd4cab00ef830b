#!/usr/bin/env python3
"""The peer a user would write today: walk an OpenVCloud tree with pycapnp
and print one flat JSON record per VMachine (the same fields capnp-cat
writes), json.dumps per record."""
import datetime
import json
import os
import sys

import capnp  # pycapnp

capnp.remove_import_hook()
schema = capnp.load(sys.argv[1])
root = sys.argv[2]
out = sys.stdout
for folder, dirs, files in os.walk(root):
    dirs.sort(key=lambda d: (len(d), d))
    if "account_capnp.bin" not in files:
        continue
    path = os.path.join(folder, "account_capnp.bin")
    parts = folder.rstrip("/").split("/")[-4:]
    year, month, day, hour = (int(p) for p in parts)
    hour_start = datetime.datetime(year, month, day, hour)
    start = hour_start.strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (hour_start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(path, "rb") as f:
        data = f.read()
    with schema.Account.from_bytes(data, traversal_limit_in_words=2**62) as account:
        for cs in account.cloudspaces:
            for vm in cs.machines:
                disks = list(vm.disks)
                nics = list(vm.networks)
                out.write(json.dumps({
                    "start": start, "end": end, "source": "ovc",
                    "account": account.accountId, "cloudspace": cs.cloudSpaceId, "vm": vm.id,
                    "type": vm.type, "status": vm.status, "image": vm.imageName,
                    "vcpus": vm.vcpus, "mem_mb": vm.mem, "disks": len(disks),
                    "disk_gb": sum(d.size for d in disks),
                    "iops_read": sum(d.iopsRead for d in disks),
                    "iops_write": sum(d.iopsWrite for d in disks),
                    "iops_read_max": max([d.iopsReadMax for d in disks], default=0.0),
                    "iops_write_max": max([d.iopsWriteMax for d in disks], default=0.0),
                    "nics": len(nics), "net_tx": sum(n.tx for n in nics),
                    "net_rx": sum(n.rx for n in nics), "cpu_minutes": vm.cpuMinutes,
                }, separators=(",", ":")))
                out.write("\n")

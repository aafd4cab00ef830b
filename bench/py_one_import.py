#!/usr/bin/env python3
"""The peer for acct-import --from opennebula in make bench: what a billing
script does today, ElementTree's iterparse over a HISTORY_RECORDS document
and json.dumps per HISTORY (the same keys, without the per-VM deltas)."""
import json
import sys
import xml.etree.ElementTree as ET


def number(text):
    return float(text) if "." in text else int(text)


def main():
    out = sys.stdout
    for _, element in ET.iterparse(sys.argv[1], events=("end",)):
        if element.tag != "HISTORY":
            continue
        vm = element.find("VM")
        template = vm.find("TEMPLATE")
        record = {"source": "opennebula", "vm": int(element.findtext("OID")), "seq": int(element.findtext("SEQ")),
                  "host": element.findtext("HOSTNAME"), "hid": int(element.findtext("HID")),
                  "user": int(vm.findtext("UID")), "uname": vm.findtext("UNAME"),
                  "group": int(vm.findtext("GID")), "gname": vm.findtext("GNAME"), "name": vm.findtext("NAME"),
                  "action_code": int(element.findtext("ACTION")), "stime": int(element.findtext("STIME")),
                  "etime": int(element.findtext("ETIME")), "cpu": number(template.findtext("CPU")),
                  "mem_mb": number(template.findtext("MEMORY")),
                  "disk_mb": sum(int(d.findtext("SIZE")) for d in template.findall("DISK")),
                  "netrx": int(vm.findtext("MONITORING/NETRX")), "nettx": int(vm.findtext("MONITORING/NETTX"))}
        out.write(json.dumps(record) + "\n")
        element.clear()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes an OpenNebula HISTORY_RECORDS document (the 7.x layout oneacct -x
prints) of N records, for acct-import's import rate and memory check.

    python3 bench/one_gen.py N > history.xml

VMs get 1 to 6 records each (migrations, resizes), ordered by vid, seq as
oned returns them; counters grow across a VM's records, sometimes reset."""
import random
import sys

RECORD = """  <HISTORY>
    <OID>{vm}</OID>
    <SEQ>{seq}</SEQ>
    <HOSTNAME>node{host:03d}.example.org</HOSTNAME>
    <HID>{host}</HID>
    <CID>0</CID>
    <STIME>{stime}</STIME>
    <ETIME>{etime}</ETIME>
    <VM_MAD>kvm</VM_MAD>
    <TM_MAD>ssh</TM_MAD>
    <DS_ID>0</DS_ID>
    <PLAN_ID>-1</PLAN_ID>
    <ACTION_ID>-1</ACTION_ID>
    <PSTIME>{stime}</PSTIME>
    <PETIME>{stime}</PETIME>
    <RSTIME>{stime}</RSTIME>
    <RETIME>{etime}</RETIME>
    <ESTIME>0</ESTIME>
    <EETIME>0</EETIME>
    <ACTION>{action}</ACTION>
    <UID>{auid}</UID>
    <GID>{agid}</GID>
    <REQUEST_ID>-1</REQUEST_ID>
    <VM>
      <ID>{vm}</ID>
      <UID>{uid}</UID>
      <GID>{gid}</GID>
      <UNAME>user{uid}</UNAME>
      <GNAME>group{gid}</GNAME>
      <NAME>vm-{vm}</NAME>
      <PERMISSIONS><OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>0</OWNER_A><GROUP_U>0</GROUP_U><GROUP_M>0</GROUP_M><GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M><OTHER_A>0</OTHER_A></PERMISSIONS>
      <LAST_POLL>{etime}</LAST_POLL>
      <STATE>3</STATE>
      <LCM_STATE>3</LCM_STATE>
      <PREV_STATE>3</PREV_STATE>
      <PREV_LCM_STATE>3</PREV_LCM_STATE>
      <RESCHED>0</RESCHED>
      <STIME>{stime}</STIME>
      <ETIME>0</ETIME>
      <DEPLOY_ID>one-{vm}</DEPLOY_ID>
      <MONITORING>
        <CPU><![CDATA[3.5]]></CPU>
        <DISKRDBYTES><![CDATA[91234567]]></DISKRDBYTES>
        <DISKWRBYTES><![CDATA[45678901]]></DISKWRBYTES>
        <ID><![CDATA[{vm}]]></ID>
        <MEMORY><![CDATA[1015808]]></MEMORY>
        <NETRX><![CDATA[{rx}]]></NETRX>
        <NETTX><![CDATA[{tx}]]></NETTX>
        <TIMESTAMP><![CDATA[{etime}]]></TIMESTAMP>
      </MONITORING>
      <SCHED_ACTIONS/>
      <TEMPLATE>
        <CPU><![CDATA[{cpu}]]></CPU>
        <DISK>
          <DATASTORE><![CDATA[default]]></DATASTORE>
          <DISK_ID><![CDATA[0]]></DISK_ID>
          <IMAGE><![CDATA[alpine-3.19]]></IMAGE>
          <SIZE><![CDATA[{disk}]]></SIZE>
          <TARGET><![CDATA[vda]]></TARGET>
        </DISK>
        <MEMORY><![CDATA[{mem}]]></MEMORY>
        <NIC>
          <IP><![CDATA[10.0.{a}.{b}]]></IP>
          <MAC><![CDATA[02:00:0a:00:{a:02x}:{b:02x}]]></MAC>
          <NETWORK><![CDATA[private]]></NETWORK>
        </NIC>
        <VCPU><![CDATA[{vcpu}]]></VCPU>
        <VMID><![CDATA[{vm}]]></VMID>
      </TEMPLATE>
      <USER_TEMPLATE/>
      <HISTORY_RECORDS/>
    </VM>
  </HISTORY>
"""


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(7)
    out = sys.stdout
    out.write("<HISTORY_RECORDS>\n")
    written = 0
    vm = 0
    chunk = []
    while written < total:
        vm += 1
        records = min(rng.randint(1, 6), total - written)
        uid, gid = rng.randint(0, 500), rng.randint(0, 50)
        stime = 1704067200 + rng.randint(0, 30 * 86400)
        rx = tx = 0
        for seq in range(records):
            last = seq == records - 1
            etime = 0 if last and rng.random() < 0.5 else stime + rng.randint(60, 5 * 86400)
            rx = rng.randint(0, 10**6) if rng.random() < 0.05 else rx + rng.randint(0, 10**9)
            tx += rng.randint(0, 10**8)
            chunk.append(RECORD.format(
                vm=vm, seq=seq, host=rng.randint(0, 99), stime=stime, etime=etime,
                action=0 if etime == 0 else rng.choice([1, 2, 21, 27, 35]),
                auid=-1 if etime == 0 else uid, agid=-1 if etime == 0 else gid, uid=uid, gid=gid,
                rx=rx, tx=tx, cpu=rng.choice(["0.25", "0.5", "1", "2", "4"]), disk=rng.choice([2048, 10240, 20480]),
                mem=rng.choice([512, 1024, 2048, 4096, 8192]), vcpu=rng.choice([1, 2, 4, 8]),
                a=vm % 256, b=seq % 256))
            stime = etime or stime
            written += 1
        if len(chunk) >= 1000:
            out.write("".join(chunk))
            chunk = []
    out.write("".join(chunk))
    out.write("</HISTORY_RECORDS>\n")


if __name__ == "__main__":
    main()

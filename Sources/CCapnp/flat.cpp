// The built-in OpenVCloud schema, read with generated code: one flat
// ccapnp_machine per VMachine, disks and NICs summed.
#include "ovc.capnp.h"
#include "reader.h"

#include <capnp/any.h>

#include <algorithm>

namespace {

ccapnp_text textOf(bool present, capnp::Text::Reader text) {
  if (!present) return ccapnp_text{nullptr, 0};
  return ccapnp_text{text.cStr(), text.size()};
}

// Files of the Text-id schema (and other strangers) are valid Cap'n Proto
// but put text where this layout has struct lists; capnp would quietly
// "upgrade" those bytes into structs. A real struct list is always
// INLINE_COMPOSITE, so anything else means another layout.
void requireStructList(capnp::AnyStruct::Reader owner, uint32_t slot, const char *field) {
  auto pointers = owner.getPointerSection();
  if (slot >= pointers.size()) return;
  auto pointer = pointers[slot];
  if (pointer.isNull()) return;
  if (!pointer.isList() ||
      pointer.getAs<capnp::AnyList>().getElementSize() != capnp::ElementSize::INLINE_COMPOSITE) {
    kj::throwFatalException(KJ_EXCEPTION(
        FAILED, kj::str("not the OpenVCloud Account layout: ", field,
                        " is not a list of structs (another schema version?)")));
  }
}

void flatten(ccapnp_reader &reader, Account::Reader account, uint64_t offset,
             ccapnp::ElementBudget budget) {
  // The flat records write zeros for what an empty struct lacks: four
  // million of them from a few bytes would be made-up machines.
  requireStructList(capnp::AnyStruct::Reader(account), 0, "Account.cloudspaces");
  for (auto cloudspace : account.getCloudspaces()) {
    budget.spendIfEmpty(capnp::AnyStruct::Reader(cloudspace));
    requireStructList(capnp::AnyStruct::Reader(cloudspace), 0, "CloudSpace.machines");
    for (auto vm : cloudspace.getMachines()) {
      capnp::AnyStruct::Reader raw(vm);
      budget.spendIfEmpty(raw);
      requireStructList(raw, 1, "VMachine.networks");
      requireStructList(raw, 2, "VMachine.disks");
      ccapnp_machine m{};
      m.account = account.getAccountId();
      m.cloudspace = cloudspace.getCloudSpaceId();
      m.id = vm.getId();
      m.vcpus = vm.getVcpus();
      m.cpu_minutes = vm.getCpuMinutes();
      m.mem = vm.getMem();
      m.type = textOf(vm.hasType(), vm.getType());
      m.image = textOf(vm.hasImageName(), vm.getImageName());
      m.status = textOf(vm.hasStatus(), vm.getStatus());
      auto disks = vm.getDisks();
      m.disks = disks.size();
      for (auto disk : disks) {
        budget.spendIfEmpty(capnp::AnyStruct::Reader(disk));
        m.disk_size += disk.getSize();
        m.iops_read += disk.getIopsRead();
        m.iops_write += disk.getIopsWrite();
        m.iops_read_max = std::max(m.iops_read_max, disk.getIopsReadMax());
        m.iops_write_max = std::max(m.iops_write_max, disk.getIopsWriteMax());
      }
      auto nics = vm.getNetworks();
      m.nics = nics.size();
      for (auto nic : nics) {
        budget.spendIfEmpty(capnp::AnyStruct::Reader(nic));
        m.net_tx += nic.getTx();
        m.net_rx += nic.getRx();
      }
      m.message_offset = offset;
      reader.machines.push_back(m);
    }
  }
}

}  // namespace

long ccapnp_decode_ovc(ccapnp_reader *reader, const void *data, size_t size, int framing,
                       const ccapnp_machine **machines, size_t *messages) {
  return ccapnp::guarded(*reader, [&]() -> long {
    reader->machines.clear();
    size_t count = 0;
    ccapnp::forEachMessage(*reader, data, size, framing,
                           [&](capnp::MessageReader &message, uint64_t offset) {
                             flatten(*reader, message.getRoot<Account>(), offset,
                                     ccapnp::ElementBudget(ccapnp::messageWords(message)));
                             ++count;
                           });
    *machines = reader->machines.data();
    *messages = count;
    return static_cast<long>(reader->machines.size());
  });
}

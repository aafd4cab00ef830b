// Builds OpenVCloud Account messages for the example and benchmark
// generator, the way the OVC master writes them.
#include "ovc.capnp.h"

#include "ccapnp_builder.h"

#include <capnp/message.h>
#include <capnp/serialize-packed.h>
#include <capnp/serialize.h>
#include <kj/io.h>

#include <string>

struct ccapnp_builder {
  kj::Own<capnp::MallocMessageBuilder> message;
  kj::Array<capnp::word> words;
  kj::Vector<kj::byte> packed;
};

namespace {

Account::Builder account(ccapnp_builder *b) { return b->message->getRoot<Account>(); }

CloudSpace::VMachine::Builder machineAt(ccapnp_builder *b, uint32_t cloudspace, uint32_t index) {
  return account(b).getCloudspaces()[cloudspace].getMachines()[index];
}

// Text::Reader wants a NUL after the bytes; copy so any bytes (invalid
// UTF-8 included, for the fault corpus) can be stored.
template <typename SetText>
void setText(ccapnp_text text, SetText set) {
  if (text.ptr == nullptr) return;
  std::string copy(text.ptr, text.len);
  set(capnp::Text::Reader(copy.c_str(), copy.size()));
}

}  // namespace

ccapnp_builder *ccapnp_builder_new(void) {
  try {
    return new ccapnp_builder();
  } catch (...) {
    return nullptr;
  }
}

void ccapnp_builder_free(ccapnp_builder *builder) { delete builder; }

void ccapnp_builder_account(ccapnp_builder *builder, uint32_t account_id, int has_cloudspaces,
                            uint32_t cloudspaces) {
  builder->message = kj::heap<capnp::MallocMessageBuilder>();
  auto root = builder->message->initRoot<Account>();
  root.setAccountId(account_id);
  if (has_cloudspaces) root.initCloudspaces(cloudspaces);
}

void ccapnp_builder_cloudspace(ccapnp_builder *builder, uint32_t index, int32_t id,
                               int32_t account_id, uint32_t machines) {
  auto cloudspace = account(builder).getCloudspaces()[index];
  cloudspace.setCloudSpaceId(id);
  cloudspace.setAccountId(account_id);
  cloudspace.initMachines(machines);
}

void ccapnp_builder_machine(ccapnp_builder *builder, uint32_t cloudspace, uint32_t index,
                            const ccapnp_machine_spec *spec) {
  auto vm = machineAt(builder, cloudspace, index);
  vm.setId(spec->id);
  setText(spec->type, [&](capnp::Text::Reader t) { vm.setType(t); });
  vm.setVcpus(static_cast<int8_t>(spec->vcpus));
  vm.setCpuMinutes(spec->cpu_minutes);
  vm.setMem(spec->mem);
  setText(spec->image, [&](capnp::Text::Reader t) { vm.setImageName(t); });
  setText(spec->status, [&](capnp::Text::Reader t) { vm.setStatus(t); });
  if (spec->nics != CCAPNP_NULL_LIST) vm.initNetworks(spec->nics);
  if (spec->disks != CCAPNP_NULL_LIST) vm.initDisks(spec->disks);
}

void ccapnp_builder_nic(ccapnp_builder *builder, uint32_t cloudspace, uint32_t machine,
                        uint32_t index, int32_t id, ccapnp_text type, float tx, float rx) {
  auto nic = machineAt(builder, cloudspace, machine).getNetworks()[index];
  nic.setId(id);
  setText(type, [&](capnp::Text::Reader t) { nic.setType(t); });
  nic.setTx(tx);
  nic.setRx(rx);
}

void ccapnp_builder_disk(ccapnp_builder *builder, uint32_t cloudspace, uint32_t machine,
                         uint32_t index, int32_t id, float size, float iops_read,
                         float iops_write, float iops_read_max, float iops_write_max) {
  auto disk = machineAt(builder, cloudspace, machine).getDisks()[index];
  disk.setId(id);
  disk.setSize(size);
  disk.setIopsRead(iops_read);
  disk.setIopsWrite(iops_write);
  disk.setIopsReadMax(iops_read_max);
  disk.setIopsWriteMax(iops_write_max);
}

long ccapnp_builder_finish(ccapnp_builder *builder, int framing, const uint8_t **bytes,
                           size_t *size) {
  try {
    if (framing == CCAPNP_PACKED) {
      kj::VectorOutputStream output;
      capnp::writePackedMessage(output, *builder->message);
      auto written = output.getArray();
      builder->packed = kj::Vector<kj::byte>();
      builder->packed.addAll(written);
      *bytes = builder->packed.begin();
      *size = builder->packed.size();
    } else {
      builder->words = capnp::messageToFlatArray(*builder->message);
      *bytes = reinterpret_cast<const uint8_t *>(builder->words.begin());
      *size = builder->words.size() * sizeof(capnp::word);
    }
    return 0;
  } catch (...) {
    return -1;
  }
}

// The reader handle shared by the decoding files of the shim.
#pragma once

#include "ccapnp.h"

#include <capnp/message.h>
#include <capnp/schema-parser.h>
#include <kj/filesystem.h>
#include <kj/io.h>

#include <functional>
#include <string>
#include <vector>

struct ccapnp_reader {
  capnp::ReaderOptions options;
  std::string error;
  std::vector<ccapnp_machine> machines;
  std::vector<uint8_t> tape;
  // The stream packed messages read from: a PackedMessageReader touches it
  // again when it is destroyed, so it outlives `messages` (declared first,
  // destroyed last).
  kj::Own<kj::ArrayInputStream> packedInput;
  // Kept alive until the next call: text in `machines` may point into
  // messages unpacked into these readers' own buffers.
  std::vector<kj::Own<capnp::MessageReader>> messages;
  kj::Array<capnp::word> aligned;

  // Run-time schema (--schema); empty means the built-in Account.
  kj::Own<kj::Filesystem> filesystem;
  std::vector<kj::Own<const kj::ReadableDirectory>> importDirs;
  std::vector<const kj::ReadableDirectory *> importPtrs;
  kj::Own<capnp::SchemaParser> parser;
  kj::Maybe<capnp::StructSchema> root;
};

namespace ccapnp {

// Calls visit(reader, offset) for each message in data, in the framing
// asked for. Throws kj::Exception with the message's byte offset in front
// of capnp's own text; a stream in the other framing gets a hint.
void forEachMessage(ccapnp_reader &reader, const void *data, size_t size, int framing,
                    const std::function<void(capnp::MessageReader &, uint64_t)> &visit);

// Runs body, turning any exception into -1 and the handle's error text.
long guarded(ccapnp_reader &reader, const std::function<long()> &body);

}  // namespace ccapnp

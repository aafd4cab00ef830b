// The reader handle shared by the decoding files of the shim.
#pragma once

#include "ccapnp.h"

#include <capnp/any.h>
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

// Bounds the empty list elements (zero-size structs, Void) one message may
// yield by its size. Such an element takes no word however many there are,
// and capnp's traversal limit charges a list of them only a word each, so a
// 72-byte message could claim four million machines. A real writer never
// makes them (a struct takes its schema's size); a few are let through, in
// proportion to the message, and more are amplification: the message is
// refused. Elements that take room are bounded by the traversal limit.
class ElementBudget {
 public:
  ElementBudget(uint64_t words) : words_(words), left_(words + 64) {}
  void spend(uint64_t elements) {
    if (elements > left_) {
      kj::throwFatalException(KJ_EXCEPTION(
          FAILED, kj::str("amplified: more than ", words_ + 64, " empty list elements in a message of ",
                          words_, " words (zero-size structs)")));
    }
    left_ -= elements;
  }
  // Counts a struct that takes no room.
  void spendIfEmpty(capnp::AnyStruct::Reader object) {
    if (object.getDataSection().size() == 0 && object.getPointerSection().size() == 0) spend(1);
  }

 private:
  uint64_t words_;
  uint64_t left_;
};

// The words of all of a message's segments.
uint64_t messageWords(capnp::MessageReader &message);

// Runs body, turning any exception into -1 and the handle's error text.
long guarded(ccapnp_reader &reader, const std::function<long()> &body);

}  // namespace ccapnp

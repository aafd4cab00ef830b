#include "reader.h"

#include <capnp/serialize-packed.h>
#include <capnp/serialize.h>
#include <kj/io.h>

#include <cstring>
#include <exception>

ccapnp_reader *ccapnp_reader_new(void) {
  try {
    return new ccapnp_reader();
  } catch (...) {
    return nullptr;
  }
}

void ccapnp_reader_free(ccapnp_reader *reader) { delete reader; }

void ccapnp_reader_set_limits(ccapnp_reader *reader, uint64_t traversal_words, int32_t nesting) {
  if (traversal_words != 0) reader->options.traversalLimitInWords = traversal_words;
  if (nesting != 0) reader->options.nestingLimit = nesting;
}

const char *ccapnp_reader_error(const ccapnp_reader *reader) { return reader->error.c_str(); }

namespace ccapnp {
namespace {

// Whether the whole input decodes in the given framing; used only to give a
// hint after a failure, so its own errors are swallowed.
bool decodesAs(const capnp::ReaderOptions &options, kj::ArrayPtr<const capnp::word> words,
               kj::ArrayPtr<const kj::byte> bytes, int framing) {
  try {
    if (framing == CCAPNP_PACKED) {
      kj::ArrayInputStream input(bytes);
      size_t count = 0;
      while (input.tryGetReadBuffer().size() > 0) {
        capnp::PackedMessageReader message(input, options);
        message.getRoot<capnp::AnyPointer>().targetSize();
        ++count;
      }
      return count > 0;
    }
    if (bytes.size() == 0 || bytes.size() % sizeof(capnp::word) != 0) return false;
    while (words.size() > 0) {
      capnp::FlatArrayMessageReader message(words, options);
      message.getRoot<capnp::AnyPointer>().targetSize();
      words = kj::arrayPtr(message.getEnd(), words.end());
    }
    return true;
  } catch (...) {
    return false;
  }
}

// capnp's descriptions carry the failed check in front ("expected ...;
// Message ends prematurely in segment table."); keep the reason, in the
// tools' lowercase style, and name our flag where capnp names its option.
kj::String plainReason(kj::StringPtr description) {
  std::string text = description.cStr();
  size_t cut = text.rfind("; ");
  if (cut != std::string::npos) text = text.substr(cut + 2);
  if (text.find("traversal limit") != std::string::npos) {
    return kj::str("exceeded the traversal limit (pointers loop or amplify; see --traversal-limit)");
  }
  // capnp says "Message is too deeply-nested or contains cycles.  See
  // capnp::ReaderOptions."
  if (text.find("nesting limit") != std::string::npos ||
      text.find("too deeply-nested") != std::string::npos) {
    return kj::str("exceeded the nesting limit (nested too deeply)");
  }
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' &&
      !(text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z')) {
    text[0] = text[0] - 'A' + 'a';
  }
  return kj::str(text.c_str());
}

[[noreturn]] void failAt(uint64_t offset, kj::StringPtr what) {
  kj::throwFatalException(
      KJ_EXCEPTION(FAILED, kj::str("message at byte ", offset, ": ", what)));
}

}  // namespace

void forEachMessage(ccapnp_reader &reader, const void *data, size_t size, int framing,
                    const std::function<void(capnp::MessageReader &, uint64_t)> &visit) {
  reader.messages.clear();
  if (size == 0) kj::throwFatalException(KJ_EXCEPTION(FAILED, "empty file (no message)"));

  const kj::byte *bytes = static_cast<const kj::byte *>(data);
  if (reinterpret_cast<uintptr_t>(bytes) % sizeof(capnp::word) != 0) {
    // FlatArrayMessageReader reads words in place and needs them aligned.
    reader.aligned = kj::heapArray<capnp::word>((size + 7) / 8);
    memcpy(reader.aligned.begin(), bytes, size);
    bytes = reinterpret_cast<const kj::byte *>(reader.aligned.begin());
  }
  auto byteArray = kj::arrayPtr(bytes, size);
  auto wordArray = kj::arrayPtr(reinterpret_cast<const capnp::word *>(bytes),
                                size / sizeof(capnp::word));
  int other = framing == CCAPNP_PACKED ? CCAPNP_STANDARD : CCAPNP_PACKED;
  auto hint = [&](uint64_t offset, kj::StringPtr what) {
    if (offset == 0 && decodesAs(reader.options, wordArray, byteArray, other)) {
      failAt(0, framing == CCAPNP_PACKED
                    ? "not packed: it decodes in the standard framing (drop --packed)"
                    : "looks like a packed message (try --packed)");
    }
    failAt(offset, plainReason(what));
  };

  if (framing == CCAPNP_PACKED) {
    reader.packedInput = kj::heap<kj::ArrayInputStream>(byteArray);
    kj::ArrayInputStream &input = *reader.packedInput;
    while (input.tryGetReadBuffer().size() > 0) {
      uint64_t offset = size - input.tryGetReadBuffer().size();
      kj::Own<capnp::MessageReader> message;
      try {
        message = kj::heap<capnp::PackedMessageReader>(input, reader.options);
        // Segments after the first are read lazily, only when a pointer
        // leads there: read them all now, so the next message starts after
        // this one and the reader has nothing left to skip later.
        for (uint i = 1; message->getSegment(i).begin() != nullptr; ++i) {
        }
        visit(*message, offset);
      } catch (kj::Exception &error) {
        hint(offset, error.getDescription());
      }
      reader.messages.push_back(kj::mv(message));
    }
    return;
  }

  auto words = wordArray;
  while (words.size() > 0) {
    uint64_t offset = (words.begin() - wordArray.begin()) * sizeof(capnp::word);
    kj::Own<capnp::FlatArrayMessageReader> message;
    try {
      message = kj::heap<capnp::FlatArrayMessageReader>(words, reader.options);
      visit(*message, offset);
    } catch (kj::Exception &error) {
      hint(offset, error.getDescription());
    }
    words = kj::arrayPtr(message->getEnd(), words.end());
    reader.messages.push_back(kj::mv(message));
  }
  if (size % sizeof(capnp::word) != 0) {
    uint64_t offset = wordArray.size() * sizeof(capnp::word);
    if (offset == 0) {
      hint(0, "truncated: shorter than one word");
    }
    failAt(offset, kj::str("truncated: ", size - offset, " stray bytes after the last message"));
  }
}

uint64_t messageWords(capnp::MessageReader &message) {
  uint64_t words = 0;
  for (uint i = 0;; ++i) {
    auto segment = message.getSegment(i);
    if (segment.begin() == nullptr) break;
    words += segment.size();
  }
  return words;
}

long guarded(ccapnp_reader &reader, const std::function<long()> &body) {
  try {
    reader.error.clear();
    return body();
  } catch (const kj::Exception &error) {
    reader.error = error.getDescription().cStr();
  } catch (const std::exception &error) {
    reader.error = error.what();
  } catch (...) {
    reader.error = "unknown C++ exception";
  }
  if (reader.error.empty()) reader.error = "unknown error";
  return -1;
}

}  // namespace ccapnp

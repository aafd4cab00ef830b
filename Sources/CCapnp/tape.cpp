// Any schema, read with capnp's dynamic API, written as a tape of events
// that Swift renders as JSON (one value per message).
#include "ovc.capnp.h"
#include "reader.h"

#include <capnp/dynamic.h>

#include <cmath>
#include <cstring>

namespace {

class Tape {
 public:
  explicit Tape(std::vector<uint8_t> &bytes) : bytes_(bytes) {}

  // The message being written, whose size bounds its list elements.
  void startMessage(uint64_t words) { budget_ = ccapnp::ElementBudget(words); }
  void spend(uint64_t elements) { budget_.spend(elements); }
  void spendIfEmpty(capnp::AnyStruct::Reader object) { budget_.spendIfEmpty(object); }

  void tag(ccapnp_tape_tag t) { bytes_.push_back(static_cast<uint8_t>(t)); }

  void blob(ccapnp_tape_tag t, const void *data, size_t size) {
    KJ_REQUIRE(size <= UINT32_MAX, "value too large");
    tag(t);
    uint32_t n = static_cast<uint32_t>(size);
    put(&n, 4);
    put(data, size);
  }

  template <typename T>
  void scalar(ccapnp_tape_tag t, T value) {
    tag(t);
    put(&value, sizeof value);
  }

 private:
  void put(const void *data, size_t size) {
    auto p = static_cast<const uint8_t *>(data);
    bytes_.insert(bytes_.end(), p, p + size);
  }
  std::vector<uint8_t> &bytes_;
  ccapnp::ElementBudget budget_{0};
};

void writeValue(Tape &tape, capnp::DynamicValue::Reader value, capnp::Type type);

// Non-finite floats are not JSON numbers; capnp's own JSON codec writes
// them as these strings, and so do we.
void writeFloat(Tape &tape, double value, bool single) {
  if (std::isnan(value)) {
    tape.blob(CCAPNP_TAPE_TEXT, "NaN", 3);
  } else if (std::isinf(value)) {
    if (value > 0) tape.blob(CCAPNP_TAPE_TEXT, "Infinity", 8);
    else tape.blob(CCAPNP_TAPE_TEXT, "-Infinity", 9);
  } else if (single) {
    tape.scalar(CCAPNP_TAPE_FLOAT32, static_cast<float>(value));
  } else {
    tape.scalar(CCAPNP_TAPE_FLOAT64, value);
  }
}

void writeField(Tape &tape, capnp::DynamicStruct::Reader object, capnp::StructSchema::Field field) {
  auto name = field.getProto().getName();
  tape.blob(CCAPNP_TAPE_KEY, name.begin(), name.size());
  writeValue(tape, object.get(field), field.getType());
}

// Null pointers are left out and primitives always written, as capnp's JSON
// codec does; of a union, only the active member.
void writeStruct(Tape &tape, capnp::DynamicStruct::Reader object) {
  tape.spendIfEmpty(object.as<capnp::AnyStruct>());
  tape.tag(CCAPNP_TAPE_OBJECT_BEGIN);
  for (auto field : object.getSchema().getNonUnionFields()) {
    if (object.has(field, capnp::HasMode::NON_NULL)) writeField(tape, object, field);
  }
  KJ_IF_MAYBE(field, object.which()) {
    bool isNull = !object.has(*field, capnp::HasMode::NON_NULL);
    if (!isNull || field->getProto().getDiscriminantValue() != 0) {
      writeField(tape, object, *field);
    }
  }
  tape.tag(CCAPNP_TAPE_OBJECT_END);
}

void writeValue(Tape &tape, capnp::DynamicValue::Reader value, capnp::Type type) {
  switch (value.getType()) {
    case capnp::DynamicValue::UNKNOWN:
    case capnp::DynamicValue::VOID:
    case capnp::DynamicValue::CAPABILITY:
    case capnp::DynamicValue::ANY_POINTER:
      tape.tag(CCAPNP_TAPE_NULL);
      return;
    case capnp::DynamicValue::BOOL:
      tape.tag(value.as<bool>() ? CCAPNP_TAPE_TRUE : CCAPNP_TAPE_FALSE);
      return;
    case capnp::DynamicValue::INT:
      tape.scalar(CCAPNP_TAPE_INT64, value.as<int64_t>());
      return;
    case capnp::DynamicValue::UINT:
      tape.scalar(CCAPNP_TAPE_UINT64, value.as<uint64_t>());
      return;
    case capnp::DynamicValue::FLOAT:
      writeFloat(tape, value.as<double>(), type.which() == capnp::schema::Type::FLOAT32);
      return;
    case capnp::DynamicValue::TEXT: {
      auto text = value.as<capnp::Text>();
      tape.blob(CCAPNP_TAPE_TEXT, text.begin(), text.size());
      return;
    }
    case capnp::DynamicValue::DATA: {
      auto data = value.as<capnp::Data>();
      tape.blob(CCAPNP_TAPE_DATA, data.begin(), data.size());
      return;
    }
    case capnp::DynamicValue::LIST: {
      auto list = value.as<capnp::DynamicList>();
      auto elementType = list.getSchema().getElementType();
      if (elementType.isVoid()) tape.spend(list.size());
      tape.tag(CCAPNP_TAPE_ARRAY_BEGIN);
      for (auto element : list) writeValue(tape, element, elementType);
      tape.tag(CCAPNP_TAPE_ARRAY_END);
      return;
    }
    case capnp::DynamicValue::ENUM: {
      auto enumValue = value.as<capnp::DynamicEnum>();
      KJ_IF_MAYBE(enumerant, enumValue.getEnumerant()) {
        auto name = enumerant->getProto().getName();
        tape.blob(CCAPNP_TAPE_TEXT, name.begin(), name.size());
      } else {
        tape.scalar(CCAPNP_TAPE_INT64, static_cast<int64_t>(enumValue.getRaw()));
      }
      return;
    }
    case capnp::DynamicValue::STRUCT:
      writeStruct(tape, value.as<capnp::DynamicStruct>());
      return;
  }
  tape.tag(CCAPNP_TAPE_NULL);
}

}  // namespace

long ccapnp_decode_tape(ccapnp_reader *reader, const void *data, size_t size, int framing,
                        const uint8_t **tape, size_t *tape_size) {
  return ccapnp::guarded(*reader, [&]() -> long {
    reader->tape.clear();
    Tape out(reader->tape);
    capnp::StructSchema schema = capnp::Schema::from<Account>();
    KJ_IF_MAYBE(root, reader->root) { schema = *root; }
    long count = 0;
    ccapnp::forEachMessage(*reader, data, size, framing,
                           [&](capnp::MessageReader &message, uint64_t) {
                             out.startMessage(ccapnp::messageWords(message));
                             writeStruct(out, message.getRoot<capnp::DynamicStruct>(schema));
                             ++count;
                           });
    *tape = reader->tape.data();
    *tape_size = reader->tape.size();
    return count;
  });
}

#ifndef CCAPNP_H
#define CCAPNP_H
// A small C interface to libcapnp for Swift. Swift cannot import capnp's C++
// types (the compiler crashes on them), so everything crosses as plain C:
// opaque handles, flat structs, byte buffers. C++ exceptions never cross:
// each call catches them and returns -1 with the message kept in the handle.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Bytes inside a message. ptr is NULL when the pointer field is null.
typedef struct {
  const char *ptr;
  size_t len;
} ccapnp_text;

// One OpenVCloud VMachine with its disks and NICs summed, as capnp-cat's
// flat records need it.
typedef struct {
  uint32_t account;       // Account.accountId
  int32_t cloudspace;     // CloudSpace.cloudSpaceId
  int32_t id;             // VMachine.id (0 for the routeros pseudo machine)
  int32_t vcpus;          // VMachine.vcpus (Int8 on the wire)
  float cpu_minutes;      // VMachine.cpuMinutes
  float mem;              // VMachine.mem
  uint32_t disks;         // len(disks)
  uint32_t nics;          // len(networks)
  double disk_size;       // sum of Disk.size
  double iops_read;       // sum of Disk.iopsRead
  double iops_write;      // sum of Disk.iopsWrite
  float iops_read_max;    // max of Disk.iopsReadMax (0 without disks)
  float iops_write_max;   // max of Disk.iopsWriteMax
  double net_tx;          // sum of Nic.tx
  double net_rx;          // sum of Nic.rx
  ccapnp_text type;
  ccapnp_text image;
  ccapnp_text status;
  uint64_t message_offset; // byte offset of the message it came from
} ccapnp_machine;

enum { CCAPNP_STANDARD = 0, CCAPNP_PACKED = 1 };

typedef struct ccapnp_reader ccapnp_reader;

ccapnp_reader *ccapnp_reader_new(void);
void ccapnp_reader_free(ccapnp_reader *reader);

// Message limits (capnp's ReaderOptions); 0 keeps capnp's default.
void ccapnp_reader_set_limits(ccapnp_reader *reader, uint64_t traversal_words, int32_t nesting);

// The message of the last call that returned -1.
const char *ccapnp_reader_error(const ccapnp_reader *reader);

// Loads a schema file and chooses its root struct (a dotted name such as
// "CloudSpace.VMachine" reaches nested structs). Later ccapnp_decode_tape
// calls use it instead of the built-in OpenVCloud Account. Returns 0 or -1.
int ccapnp_reader_load_schema(ccapnp_reader *reader, const char *path,
                              const char *const *import_dirs, size_t import_count,
                              const char *root);

// Decodes every message in data (8-byte aligned) with the built-in
// OpenVCloud schema. Returns the number of machines (stored in the handle
// until the next call, text pointing into data or the handle) or -1.
long ccapnp_decode_ovc(ccapnp_reader *reader, const void *data, size_t size, int framing,
                       const ccapnp_machine **machines, size_t *messages);

// The tape ccapnp_decode_tape writes: one tag byte per event, then its
// payload (integers little-endian). Both sides name the tags from here.
typedef enum ccapnp_tape_tag : uint8_t {
  CCAPNP_TAPE_OBJECT_BEGIN = '{',
  CCAPNP_TAPE_OBJECT_END = '}',
  CCAPNP_TAPE_ARRAY_BEGIN = '[',
  CCAPNP_TAPE_ARRAY_END = ']',
  CCAPNP_TAPE_KEY = 'K',      // u32 length + bytes
  CCAPNP_TAPE_TEXT = 'S',     // u32 length + bytes
  CCAPNP_TAPE_DATA = 'D',     // u32 length + bytes
  CCAPNP_TAPE_INT64 = 'I',    // 8 bytes
  CCAPNP_TAPE_UINT64 = 'U',   // 8 bytes
  CCAPNP_TAPE_FLOAT64 = 'G',  // 8 bytes
  CCAPNP_TAPE_FLOAT32 = 'F',  // 4 bytes
  CCAPNP_TAPE_TRUE = 'T',
  CCAPNP_TAPE_FALSE = 'X',
  CCAPNP_TAPE_NULL = 'N',
} ccapnp_tape_tag;

// Decodes every message in data with the loaded schema (or the built-in
// Account) into a tape of events, one value per message, for Swift to
// render as JSON. Returns the number of messages or -1.
long ccapnp_decode_tape(ccapnp_reader *reader, const void *data, size_t size, int framing,
                        const uint8_t **tape, size_t *tape_size);

#ifdef __cplusplus
}
#endif
#endif

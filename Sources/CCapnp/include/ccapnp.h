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

// Decodes every message in data with the loaded schema (or the built-in
// Account) into a tape of events, one value per message, for Swift to
// render as JSON. Returns the number of messages or -1.
//
// Tape: one tag byte, then its payload (integers little-endian):
//   '{' '}' object, '[' ']' array, 'K' key, 'S' text, 'D' data
//   (u32 length + bytes), 'I' int64, 'U' uint64, 'G' float64 (8 bytes),
//   'F' float32 (4 bytes), 'T' true, 'X' false, 'N' null.
long ccapnp_decode_tape(ccapnp_reader *reader, const void *data, size_t size, int framing,
                        const uint8_t **tape, size_t *tape_size);

// Builds OpenVCloud Account messages (for the example and benchmark
// generator). Indices must lie inside the list sizes given before.
typedef struct ccapnp_builder ccapnp_builder;

// A list size that leaves the list pointer null (the routeros pseudo
// machine has no disks list in production files).
#define CCAPNP_NULL_LIST UINT32_MAX

typedef struct {
  int32_t id;
  ccapnp_text type;
  int32_t vcpus;
  float cpu_minutes;
  float mem;
  ccapnp_text image;
  ccapnp_text status;
  uint32_t nics;
  uint32_t disks;
} ccapnp_machine_spec;

ccapnp_builder *ccapnp_builder_new(void);
void ccapnp_builder_free(ccapnp_builder *builder);
// Starts a new message; has_cloudspaces = 0 leaves the list pointer null.
void ccapnp_builder_account(ccapnp_builder *builder, uint32_t account_id, int has_cloudspaces,
                            uint32_t cloudspaces);
void ccapnp_builder_cloudspace(ccapnp_builder *builder, uint32_t index, int32_t id,
                               int32_t account_id, uint32_t machines);
void ccapnp_builder_machine(ccapnp_builder *builder, uint32_t cloudspace, uint32_t index,
                            const ccapnp_machine_spec *spec);
void ccapnp_builder_nic(ccapnp_builder *builder, uint32_t cloudspace, uint32_t machine,
                        uint32_t index, int32_t id, ccapnp_text type, float tx, float rx);
void ccapnp_builder_disk(ccapnp_builder *builder, uint32_t cloudspace, uint32_t machine,
                         uint32_t index, int32_t id, float size, float iops_read,
                         float iops_write, float iops_read_max, float iops_write_max);
// Serialises the message; the bytes stay valid until the next call.
long ccapnp_builder_finish(ccapnp_builder *builder, int framing, const uint8_t **bytes,
                           size_t *size);

#ifdef __cplusplus
}
#endif
#endif

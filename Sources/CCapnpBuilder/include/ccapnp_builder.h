#ifndef CCAPNP_BUILDER_H
#define CCAPNP_BUILDER_H
// Builds OpenVCloud Account messages for ovc-gen and the tests (capnp-cat
// does not link it). Plain C for Swift, as the reader's interface in
// ccapnp.h; C++ exceptions are caught inside each call.
#include "ccapnp.h"

#ifdef __cplusplus
extern "C" {
#endif

// Indices must lie inside the list sizes given before.
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

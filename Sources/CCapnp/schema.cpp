// Schemas loaded at run time (--schema, --root, -I) with capnp's parser.
#include "reader.h"

#include <sys/stat.h>

int ccapnp_reader_load_schema(ccapnp_reader *reader, const char *path,
                              const char *const *import_dirs, size_t import_count,
                              const char *root) {
  return static_cast<int>(ccapnp::guarded(*reader, [&]() -> long {
    reader->filesystem = kj::newDiskFilesystem();
    auto &fs = *reader->filesystem;
    kj::PathPtr cwd = fs.getCurrentPath();
    reader->importDirs.clear();
    auto addImport = [&](const char *dir) {
      reader->importDirs.push_back(fs.getRoot().openSubdir(cwd.evalNative(dir)));
    };
    for (size_t i = 0; i < import_count; ++i) addImport(import_dirs[i]);
    // Like the capnp tool: the system include folders come last, so schemas
    // may import /capnp/c++.capnp and friends.
    for (const char *dir : {"/usr/local/include", "/usr/include"}) {
      struct stat info;
      if (stat(dir, &info) == 0 && S_ISDIR(info.st_mode)) addImport(dir);
    }
    reader->importPtrs.clear();
    for (auto &dir : reader->importDirs) reader->importPtrs.push_back(dir.get());
    reader->parser = kj::heap<capnp::SchemaParser>();
    capnp::ParsedSchema node = reader->parser->parseFromDirectory(
        fs.getRoot(), cwd.evalNative(path),
        kj::arrayPtr(reader->importPtrs.data(), reader->importPtrs.size()));
    kj::StringPtr rest = root;
    while (rest.size() > 0) {
      KJ_IF_MAYBE(dot, rest.findFirst('.')) {
        node = node.getNested(kj::heapString(rest.begin(), *dot));
        rest = rest.slice(*dot + 1);
      } else {
        node = node.getNested(rest);
        rest = "";
      }
    }
    if (node.getProto().which() != capnp::schema::Node::STRUCT) {
      kj::throwFatalException(KJ_EXCEPTION(FAILED, kj::str("'", root, "' is not a struct")));
    }
    reader->root = node.asStruct();
    return 0;
  }));
}

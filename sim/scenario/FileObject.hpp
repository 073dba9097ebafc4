// A file in a storage provider (or the body of an HTTP request): what triggers functions and
// what they produce.
#pragma once
#include "sim/scenario/ExecTimeModel.hpp"

#include <string>

namespace contsim {

struct FileObject {
  int storage = -1;         // index into Simulation's storage providers; -1: the body of an
                            // HTTP request, already where the function runs (no stage-in)
  std::string key;          // "bucket/folder/name"
  std::string name;         // the file's name (what prefix/suffix filters see)
  double size_bytes = 0;
  Attributes attributes;    // e.g. duration_s of a video
};

/// `to` becomes `from`, and `from` gets `to`'s old strings: their buffers are reused, not copied.
inline void take_file(FileObject& to, FileObject& from)
{
  to.storage = from.storage;
  to.key.swap(from.key);
  to.name.swap(from.name);
  to.size_bytes = from.size_bytes;
  to.attributes.swap(from.attributes);
}

} // namespace contsim

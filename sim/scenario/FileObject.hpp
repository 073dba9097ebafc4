// A file in a storage provider (or the body of an HTTP request): what triggers functions and
// what they produce.
#pragma once
#include "sim/scenario/ExecTimeModel.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace contsim {

struct FileObject {
  int storage = -1;         // index into Simulation's storage providers; -1: the body of an
                            // HTTP request, already where the function runs (no stage-in)
  std::string key;          // "bucket/folder/name"
  std::uint32_t name_at = 0;  // where the file's name starts in key
  double size_bytes = 0;
  Attributes attributes;    // e.g. duration_s of a video

  /// The file's name (what prefix/suffix filters see): the key's last part. Kept inside the key
  /// rather than as a string of its own, so that a file is one string to build and to hand on.
  std::string_view name() const { return std::string_view(key).substr(name_at); }
  /// key = "folder/name"
  void set_key(std::string_view folder, std::string_view name)
  {
    key.assign(folder.data(), folder.size()).append(1, '/').append(name.data(), name.size());
    name_at = static_cast<std::uint32_t>(folder.size() + 1);
  }
};

/// `to` becomes `from`, and `from` gets `to`'s old strings: their buffers are reused, not copied.
inline void take_file(FileObject& to, FileObject& from)
{
  to.storage = from.storage;
  to.key.swap(from.key);
  to.name_at = from.name_at;
  to.size_bytes = from.size_bytes;
  to.attributes.swap(from.attributes);
}

} // namespace contsim

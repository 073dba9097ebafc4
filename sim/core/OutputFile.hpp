// Outputs are written whole or not at all: into NAME.partial, renamed to NAME once every byte
// reached the disk. A full disk, a missing permission or a crash never leaves a file under its
// final name that looks complete and is not.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace contsim {

/// An output that could not be written (disk full, permissions): the CLI names the file and
/// exits with code 4.
class WriteError : public std::runtime_error {
public:
  WriteError(const std::string& path, const std::string& reason)
      : std::runtime_error("cannot write " + path + ": " + reason), path_(path)
  {
  }
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

/// The name an output has while it is written.
inline std::string partial_name(const std::string& path) { return path + ".partial"; }

/// Renames PATH.partial to PATH; WriteError when it cannot.
void publish_partial(const std::string& path);

/// Writes `content` to `path` through PATH.partial; WriteError (nothing under `path`) on failure.
void write_file_atomically(const std::string& path, std::string_view content);
/// Writes `content` to PATH.partial only (publish_partial names it); WriteError on failure.
void write_partial_file(const std::string& path, std::string_view content);

/// Removes an output that failed, if it is a regular file or a link (never a device such as /dev/full).
void remove_written_file(const std::string& path);

/// errno as words, for WriteError reasons.
std::string errno_text(int error);

} // namespace contsim

namespace contsim {

/// Creates the output directory `dir` (and its parents) and checks that it is writable; an
/// InputError naming `option` (the command-line option that gave it) when it cannot be.
void prepare_output_directory(const std::string& dir, const std::string& option = "-o");

} // namespace contsim

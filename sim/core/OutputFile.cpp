#include "sim/core/OutputFile.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace contsim {

std::string errno_text(int error) { return error ? std::strerror(error) : "write failed"; }

void remove_written_file(const std::string& path)
{
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
    std::remove(path.c_str());
}

void publish_partial(const std::string& path)
{
  if (std::rename(partial_name(path).c_str(), path.c_str()) != 0) {
    int error = errno;
    std::remove(partial_name(path).c_str());
    throw WriteError(path, errno_text(error));
  }
}

void write_file_atomically(const std::string& path, std::string_view content)
{
  write_partial_file(path, content);
  publish_partial(path);
}

void write_partial_file(const std::string& path, std::string_view content)
{
  const std::string partial = partial_name(path);
  std::FILE* f = std::fopen(partial.c_str(), "wb");
  if (!f)
    throw WriteError(path, errno_text(errno));
  errno = 0;
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fflush(f) == 0 && ok;
  int error = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    error = error ? error : errno;
    std::remove(partial.c_str());
    throw WriteError(path, errno_text(error));
  }
}

} // namespace contsim

#include "sim/core/Error.hpp"

#include <unistd.h>

#include <filesystem>

namespace contsim {

void prepare_output_directory(const std::string& dir, const std::string& option)
{
  const std::string name = dir.empty() ? "." : dir;
  std::error_code ec;
  std::filesystem::create_directories(name, ec);
  if (ec || !std::filesystem::is_directory(name))
    throw InputError(option, 0, 0, "",
                     "cannot use '" + name + "' as the output directory: " +
                         (ec ? ec.message() : std::string("it exists and is not a directory")));
  if (::access(name.c_str(), W_OK | X_OK) != 0)
    throw InputError(option, 0, 0, "", "cannot write into the output directory '" + name + "': " + errno_text(errno));
}

} // namespace contsim

// Lines of a text file, plain or zstd-compressed (a name ending in .zst), read in blocks: the
// readers of contsim's tables take trace.csv.zst as they take trace.csv.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace contsim {

class TextLines {
public:
  /// Opens `path`; a file that cannot be opened is an InputError naming it.
  explicit TextLines(const std::string& path);
  ~TextLines();
  TextLines(const TextLines&) = delete;
  TextLines& operator=(const TextLines&) = delete;
  /// The next line without its '\n'; false at the end. A damaged zstd frame is an InputError
  /// naming the file and the line it reached.
  bool getline(std::string& line);

private:
  bool refill();
  std::string path_;
  std::FILE* file_ = nullptr;
  struct Zstd;
  std::unique_ptr<Zstd> zstd_;   // null for a plain file
  std::vector<char> raw_;        // bytes read from the file
  std::vector<char> text_;       // decompressed (or plain) bytes not yet returned
  std::size_t pos_ = 0;
  bool eof_ = false;
  int lines_ = 0;
};

/// `path`, or `path`.zst when only the compressed file exists (a run written with --compress zstd).
std::string plain_or_compressed(const std::string& path);

} // namespace contsim

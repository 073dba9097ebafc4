#include "sim/core/TextLines.hpp"

#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace contsim {

struct TextLines::Zstd {
  ZSTD_DStream* stream = ZSTD_createDStream();
  ZSTD_inBuffer in{nullptr, 0, 0};
  bool frame_open = false;  // a frame started and not yet ended
  ~Zstd() { ZSTD_freeDStream(stream); }
};

namespace {
bool ends_with(const std::string& s, const char* suffix)
{
  std::size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}
constexpr std::size_t kChunk = 1 << 17;
} // namespace

TextLines::TextLines(const std::string& path) : path_(path)
{
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_)
    throw InputError(path, 0, 0, "", "cannot read: " + errno_text(errno));
  if (ends_with(path, ".zst"))
    zstd_ = std::make_unique<Zstd>();
  raw_.resize(kChunk);
}

TextLines::~TextLines()
{
  if (file_)
    std::fclose(file_);
}

bool TextLines::refill()
{
  // Keeps the unread tail, then appends more text.
  text_.erase(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(pos_));
  pos_ = 0;
  if (!zstd_) {
    if (eof_)
      return false;
    std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_);
    if (n < raw_.size())
      eof_ = true;
    text_.insert(text_.end(), raw_.data(), raw_.data() + n);
    return n > 0;
  }
  Zstd& z = *zstd_;
  std::size_t before = text_.size();
  while (text_.size() == before) {
    if (z.in.pos == z.in.size) {
      if (eof_) {
        if (z.frame_open)
          throw InputError(path_, lines_, 0, "", "the zstd file ends in the middle of a frame (truncated?)");
        return false;
      }
      std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_);
      if (n < raw_.size())
        eof_ = true;
      z.in = ZSTD_inBuffer{raw_.data(), n, 0};
      if (n == 0)
        continue;
    }
    std::size_t old = text_.size();
    text_.resize(old + kChunk);
    ZSTD_outBuffer out{text_.data() + old, kChunk, 0};
    std::size_t r = ZSTD_decompressStream(z.stream, &out, &z.in);
    text_.resize(old + out.pos);
    if (ZSTD_isError(r))
      throw InputError(path_, lines_, 0, "", std::string("not a valid zstd file: ") + ZSTD_getErrorName(r));
    z.frame_open = r != 0;
  }
  return true;
}

bool TextLines::getline(std::string& line)
{
  for (;;) {
    const char* begin = text_.data() + pos_;
    const char* end = text_.data() + text_.size();
    const void* nl = begin == end ? nullptr : std::memchr(begin, '\n', static_cast<std::size_t>(end - begin));
    if (nl) {
      const char* stop = static_cast<const char*>(nl);
      line.assign(begin, stop);
      pos_ = static_cast<std::size_t>(stop + 1 - text_.data());
      ++lines_;
      return true;
    }
    if (!refill()) {
      if (pos_ == text_.size())
        return false;
      line.assign(text_.data() + pos_, text_.data() + text_.size());  // a last line without '\n'
      pos_ = text_.size();
      ++lines_;
      return true;
    }
  }
}

std::string plain_or_compressed(const std::string& path)
{
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && std::filesystem::exists(path + ".zst", ec))
    return path + ".zst";
  return path;
}

} // namespace contsim

#include "sim/schema/OutputOptions.hpp"

#include <charconv>

namespace contsim {

std::string OutputOptions::trace_text() const
{
  switch (trace) {
    case Trace::full: return "full";
    case Trace::none: return "none";
    case Trace::sample: return "sample:" + std::to_string(every);
  }
  return "full";
}

std::string parse_trace_mode(const std::string& text, OutputOptions& out)
{
  if (text == "full") {
    out.trace = OutputOptions::Trace::full;
    out.every = 1;
    return "";
  }
  if (text == "none") {
    out.trace = OutputOptions::Trace::none;
    return "";
  }
  if (text.rfind("sample:", 0) == 0) {
    std::uint64_t n = 0;
    const char* begin = text.data() + 7;
    const char* end = text.data() + text.size();
    auto r = std::from_chars(begin, end, n);
    if (r.ec == std::errc() && r.ptr == end && begin != end && n >= 1) {
      out.trace = n == 1 ? OutputOptions::Trace::full : OutputOptions::Trace::sample;
      out.every = n;
      return "";
    }
    return "'" + text + "': sample:N keeps every Nth attempt; N is a whole number, 1 or more";
  }
  return "'" + text + "' is not a trace mode: full, sample:N (every Nth attempt) or none";
}

std::string parse_compression(const std::string& text, OutputOptions& out)
{
  if (text == "none") {
    out.compression = Compression::none;
    return "";
  }
  if (text == "zstd") {
    out.compression = Compression::zstd;
    return "";
  }
  return "'" + text + "' is not a compression: none or zstd";
}

} // namespace contsim

#include "sim/scenario/NameTemplate.hpp"

#include "sim/core/NumberFormat.hpp"

#include <charconv>
#include <cstring>

namespace contsim {
namespace {

void append_index(std::string& out, long long index)
{
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  out.append(digits, end);
}

} // namespace

NameTemplate::NameTemplate(std::string_view pattern) : pattern_(pattern)
{
  auto literal = [this](std::string_view text) {
    if (text.empty())
      return;
    if (segments_.empty() || segments_.back().part != Part::literal)
      segments_.push_back({Part::literal, {}});
    segments_.back().text.append(text);
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view var = pattern.substr(i + 1, close - i - 1);
        Part part = Part::literal;
        if (var == "stem")
          part = Part::stem;
        else if (var == "name")
          part = Part::name;
        else if (var == "ext")
          part = Part::ext;
        else if (var == "i")
          part = Part::index;
        if (part != Part::literal) {
          segments_.push_back({part, {}});
          i = close;
          continue;
        }
      }
    }
    // Not a variable: the brace is text, and scanning goes on after it ("{x{i}}" has an {i}).
    literal(pattern.substr(i, 1));
  }
}

void NameTemplate::expand(std::string& out, std::string_view input_name, long long index) const
{
  auto dot = input_name.find_last_of('.');
  std::string_view stem = dot == std::string_view::npos ? input_name : input_name.substr(0, dot);
  std::string_view ext = dot == std::string_view::npos ? std::string_view() : input_name.substr(dot + 1);
  out.clear();
  for (const auto& s : segments_)
    switch (s.part) {
      case Part::literal: out += s.text; break;
      case Part::stem: out += stem; break;
      case Part::name: out += input_name; break;
      case Part::ext: out += ext; break;
      case Part::index: append_index(out, index); break;
    }
}

FixedInputNames::FixedInputNames(const NameTemplate& pattern, std::string_view input_name, std::string_view prefix)
{
  pieces_.emplace_back();
  for (const auto& s : pattern.segments_) {
    if (s.part == NameTemplate::Part::index) {
      pieces_.emplace_back();
      continue;
    }
    NameTemplate one;
    one.segments_ = {s};
    std::string text;
    one.expand(text, input_name, 0);
    pieces_.back() += text;
  }
  // The digits of {i} never hold a brace, so the first "{source}" of any name lies inside one
  // fixed piece: the first piece that has one.
  for (auto& piece : pieces_) {
    auto pos = piece.find("{source}");
    if (pos != std::string::npos) {
      piece.replace(pos, 8, input_name);
      break;
    }
  }
  pieces_.front().insert(0, prefix.data(), prefix.size());  // after {source}: the prefix is not the name
  prefix_size_ = prefix.size();
  for (const auto& piece : pieces_)
    fixed_size_ += piece.size();
}

// Sized once and filled in place: one name per arrival, so no append per piece, and the
// counter's digits are written where they go.
void FixedInputNames::expand(std::string& out, long long index) const
{
  if (pieces_.empty()) {  // default-constructed: no template, no prefix
    out.clear();
    return;
  }
  if (index < 0) {  // not a count: through text (never for a source's own uploads, which count from 1)
    char digits[24];
    auto n = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, index).ptr - digits);
    out.clear();
    for (std::size_t k = 0; k < pieces_.size(); ++k)
      (k > 0 ? out.append(digits, n) : out).append(pieces_[k]);
    return;
  }
  auto u = static_cast<std::uint64_t>(index);
  auto n = static_cast<std::size_t>(number_format::digit_count(u));
  out.resize(fixed_size_ + n * (pieces_.size() - 1));
  char* p = out.data();
  std::memcpy(p, pieces_[0].data(), pieces_[0].size());
  p += pieces_[0].size();
  for (std::size_t k = 1; k < pieces_.size(); ++k) {
    p = number_format::put_digits_exactly(p, u, static_cast<int>(n));
    if (!pieces_[k].empty()) {
      std::memcpy(p, pieces_[k].data(), pieces_[k].size());
      p += pieces_[k].size();
    }
  }
}

std::string expand_name(const std::string& pattern, const std::string& input_name, long long index)
{
  std::string out;
  NameTemplate(pattern).expand(out, input_name, index);
  return out;
}

} // namespace contsim

// File-name templates ("{stem}-{i}.jpg", "{source}-{i}"), parsed once where they are read
// rather than for every file they name. {stem}, {name} and {ext} come from the input file's
// name, {i} counts from 1; any other {text} is kept as written.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace contsim {

class NameTemplate {
public:
  NameTemplate() = default;
  NameTemplate(std::string_view pattern);  // NOLINT: a template is written as its pattern
  NameTemplate(const std::string& pattern) : NameTemplate(std::string_view(pattern)) {}
  NameTemplate(const char* pattern) : NameTemplate(std::string_view(pattern)) {}
  const std::string& pattern() const { return pattern_; }
  /// Replaces `out` with the name for input `input_name` and counter `index`.
  void expand(std::string& out, std::string_view input_name, long long index) const;

private:
  friend class FixedInputNames;
  enum class Part { literal, stem, name, ext, index };
  struct Segment {
    Part part;
    std::string text;  // for literals
  };
  std::string pattern_;
  std::vector<Segment> segments_;
};

/// A template whose input name never changes (a workload source's own name): everything but
/// {i} is expanded once, and each name is the fixed pieces with the counter between them.
/// `{source}` (its first occurrence in the expanded name) is the input name too.
/// With a `prefix` (a key's folder and its slash), each name is written after it: the whole key.
class FixedInputNames {
public:
  FixedInputNames() = default;
  FixedInputNames(const NameTemplate& pattern, std::string_view input_name, std::string_view prefix = {});
  /// Replaces `out` with the prefix and the name for counter `index`.
  void expand(std::string& out, long long index) const;
  std::size_t prefix_size() const { return prefix_size_; }

private:
  std::vector<std::string> pieces_;  // the fixed text around each {i}: indices go between them
  std::size_t fixed_size_ = 0;       // their total length
  std::size_t prefix_size_ = 0;      // the prefix, at the start of the first piece
};

/// The name `pattern` gives to input `input_name` with counter `index` (NameTemplate, parsed now).
std::string expand_name(const std::string& pattern, const std::string& input_name, long long index);

} // namespace contsim

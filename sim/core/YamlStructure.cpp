#include "sim/core/YamlStructure.hpp"

#include "sim/core/Error.hpp"

#include <map>
#include <string_view>

namespace contsim {
namespace {

class StructureCheck {
public:
  StructureCheck(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  /// Expanded size of `node` (nodes counted as often as aliases repeat them).
  double visit(const YAML::Node& node, int depth)
  {
    const YAML::Mark mark = node.Mark();
    if (depth > kMaxYamlDepth)
      fail(mark, "nesting deeper than " + std::to_string(kMaxYamlDepth) + " levels");
    if (node.IsScalar()) {
      check_quotes(node);
      return 1;
    }
    if (!node.IsMap() && !node.IsSequence())
      return 1;
    // An alias is the same node as its anchor, at the same mark: visited once, counted each time.
    if (auto seen = sizes_.find(mark.pos); mark.pos >= 0 && seen != sizes_.end())
      return seen->second;
    double size = 1;
    if (node.IsSequence()) {
      for (auto it = node.begin(); it != node.end(); ++it)
        size += visit(YAML::Node(*it), depth + 1);
    } else {
      std::map<std::string, int> lines;
      for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;  // a copy: `->` yields a temporary proxy
        if (!key.IsScalar())
          fail(key.Mark(), "a key must be a single value, not a " + std::string(key.IsMap() ? "map" : "list"));
        check_quotes(key);
        std::string name = trim_space(key.Scalar());
        int line = key.Mark().line + 1;
        if (auto [first, fresh] = lines.emplace(name, line); !fresh)
          fail(key.Mark(), "duplicate key '" + clip(name) + "' (first at line " + std::to_string(first->second) +
                               "): remove one; YAML would silently keep only one of them");
        size += 1 + visit(YAML::Node(it->second), depth + 1);
      }
    }
    if (size > kMaxYamlNodes)
      fail(mark, "aliases expand this value to more than " + std::to_string(static_cast<long long>(kMaxYamlNodes)) +
                     " nodes");
    sizes_[mark.pos] = size;
    return size;
  }

private:
  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const
  {
    throw InputError(file_, mark.line + 1, mark.column + 1, "", message);
  }

  /// yaml-cpp ends a quoted scalar at the end of the file when its closing quote is missing.
  void check_quotes(const YAML::Node& scalar) const
  {
    const YAML::Mark mark = scalar.Mark();
    if (scalar.Tag() != "!" || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size())
      return;
    char quote = text_[static_cast<std::size_t>(mark.pos)];
    if (quote != '"' && quote != '\'')
      return;
    for (std::size_t i = static_cast<std::size_t>(mark.pos) + 1; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote == '"' && c == '\\') {
        ++i;  // an escaped character, possibly a quote
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'')
          ++i;  // '' inside single quotes is one quote
        else
          return;
      }
    }
    fail(mark, std::string("unterminated ") + (quote == '"' ? "double" : "single") +
                   "-quoted string: it runs to the end of the file; add the closing " + quote);
  }

  const std::string& text_;
  const std::string& file_;
  std::map<int, double> sizes_;  // by the node's position in the text
};

} // namespace

void check_yaml_structure(const YAML::Node& root, const std::string& text, const std::string& file)
{
  StructureCheck(text, file).visit(root, 0);
}

std::string trim_space(const std::string& s)
{
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos)
    return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string clip(const std::string& value, std::size_t max)
{
  std::string out;
  std::size_t i = 0;
  for (; i < value.size() && out.size() < max; ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7F) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\x%02X", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (i < value.size()) {
    // Cut at a character boundary, then say how long the value was.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
      out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0)
      out.pop_back();
    out += "... (" + std::to_string(value.size()) + " bytes)";
  }
  return out;
}

} // namespace contsim

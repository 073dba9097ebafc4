#include "calibration/fit/YamlWriter.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace contsim::calibration {
namespace {

bool is_leaf(const nlohmann::ordered_json& v)
{
  if (v.is_object() || v.is_array()) {
    for (const auto& x : v)
      if (x.is_object() || x.is_array())
        return false;
    return true;
  }
  return true;
}

std::string scalar(const nlohmann::ordered_json& v)
{
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    bool plain = !s.empty() && s.find_first_of(":#{}[],&*!|>'\"%@`") == std::string::npos &&
                 s.front() != ' ' && s.back() != ' ' && s != "true" && s != "false" && s != "null" &&
                 !(std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '-' || s.front() == '.');
    return plain ? s : v.dump();  // JSON string escaping is valid YAML double-quoted style
  }
  if (v.is_number_float()) {
    // A fit that produced nan or inf is a bug upstream (traces reject non-finite values): a
    // calibration file holding one would be read back as an error, far from its cause.
    if (!std::isfinite(v.get<double>()))
      throw std::logic_error("calibrate produced a non-finite value");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v.get<double>());
    return buf;
  }
  return v.dump();
}

std::string flow(const nlohmann::ordered_json& v)
{
  if (v.is_object()) {
    std::string s = "{";
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      s += (first ? "" : ", ") + scalar(k) + ": " + scalar(x);
      first = false;
    }
    return s + "}";
  }
  if (v.is_array()) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
      s += (i ? ", " : "") + scalar(v[i]);
    return s + "]";
  }
  return scalar(v);
}

} // namespace

void write_yaml(const nlohmann::ordered_json& doc, std::ostream& out, int indent)
{
  std::string pad(static_cast<std::size_t>(indent), ' ');
  if (doc.is_object()) {
    for (const auto& [k, v] : doc.items()) {
      if (is_leaf(v)) {
        out << pad << scalar(k) << ": " << flow(v) << "\n";
      } else {
        out << pad << scalar(k) << ":\n";
        write_yaml(v, out, indent + 2);
      }
    }
  } else if (doc.is_array()) {
    for (const auto& v : doc) {
      if (is_leaf(v)) {
        out << pad << "- " << flow(v) << "\n";
      } else {
        out << pad << "-\n";
        write_yaml(v, out, indent + 2);
      }
    }
  }
}

} // namespace contsim::calibration

#include "sim/cli/ExpectationReport.hpp"

#include <cstdio>
#include <sstream>

namespace contsim {

namespace {

std::string xml_escaped(const std::string& s)
{
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default:
      // XML 1.0 allows no control characters but tab, newline and carriage return.
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r')
        out += c;
    }
  }
  return out;
}

std::string where(const Expectation& e) { return e.file + ":" + std::to_string(e.line); }

} // namespace

int print_expectations(const std::vector<ExpectationResult>& results, std::ostream& out)
{
  int violated = 0;
  out << "\nexpectations\n";
  char line[512];
  for (const auto& r : results) {
    std::snprintf(line, sizeof line, "  %-8s %-52s %s  (%s)\n", r.held ? "held" : "VIOLATED",
                  r.expectation.label().c_str(), r.text().c_str(), where(r.expectation).c_str());
    out << line;
    violated += !r.held;
  }
  out << "  " << results.size() - violated << " of " << results.size() << " held\n";
  return violated;
}

std::string junit_xml(const std::string& suite, const std::vector<ExpectationResult>& results)
{
  int failures = 0;
  for (const auto& r : results)
    failures += !r.held;
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"contsim\" tests=\"" << results.size() << "\" failures=\"" << failures << "\">\n";
  x << "  <testsuite name=\"" << xml_escaped(suite) << "\" tests=\"" << results.size() << "\" failures=\""
    << failures << "\" errors=\"0\" skipped=\"0\">\n";
  for (const auto& r : results) {
    // Time is 0: a simulated bound has no duration worth reporting, and the file stays byte-stable.
    x << "    <testcase classname=\"" << xml_escaped(suite) << ".expect\" name=\"" << xml_escaped(r.expectation.label())
      << "\" file=\"" << xml_escaped(r.expectation.file) << "\" line=\"" << r.expectation.line << "\" time=\"0\"";
    if (r.held) {
      x << "/>\n";
      continue;
    }
    std::string message = r.expectation.label() + ": " + r.text();
    x << ">\n      <failure message=\"" << xml_escaped(message) << "\" type=\"expectation\">"
      << xml_escaped(message + " (the bound is at " + where(r.expectation) + ")") << "</failure>\n    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

} // namespace contsim

// What `contsim run` says of a scenario's `expect:` block: a table of the bounds that held and
// those that did not, and (--junit FILE) a JUnit XML report, one test case per bound, that CI
// systems (GitLab, Jenkins, GitHub test reporters) display.
#pragma once
#include "sim/scenario/Expectations.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace contsim {

/// The table; returns the number of bounds that did not hold.
int print_expectations(const std::vector<ExpectationResult>& results, std::ostream& out);

/// The JUnit XML text: a test suite named after the scenario, a case per bound (a failure per
/// violation, with the value, the bound and where it was written).
std::string junit_xml(const std::string& suite, const std::vector<ExpectationResult>& results);

} // namespace contsim

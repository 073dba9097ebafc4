// `--set PATH=VALUE` overrides, applied to the raw YAML before validation so that they go
// through exactly the same checks as values written in the files.
//   functions.NAME.KEY[.KEY...]=V   a key of FDL function NAME (e.g. memory, timeout,
//                                   batch.compute_resources.max_v_cpus)
//   any.other.path=V                a key of the scenario file (e.g. seed, parameters.lambda.keep_alive_s)
//   MODEL.KEY=V                     shorthand for parameters.MODEL.KEY (lambda.keep_alive_s)
#pragma once
#include "sim/core/Error.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>

#include <string>
#include <vector>

namespace contsim {

struct Override {
  std::vector<std::string> path;
  std::string value;
  std::string text;  // as the user wrote it, for messages
  bool targets_fdl() const { return path.size() >= 3 && path[0] == "functions"; }
};

/// Parses "a.b.c=v"; throws InputError(file "--set") when malformed.
Override parse_override(const std::string& text);
/// "PATH=VALUE" with VALUE replaced by "(redacted)" when PATH names a credential (password,
/// secret, token, access key, ...): what provenance and messages show.
std::string redacted_override(const std::string& override_text);
void apply_scenario_override(YAML::Node& scenario, const Override& o);
/// When `e` is about a value one of `overrides` set, the same error naming that command-line
/// argument (`--set PATH=VALUE`) instead of the file the value landed in; none otherwise.
std::optional<InputError> error_at_override(const InputError& e, const std::vector<Override>& overrides);
/// Finds function path[1] in the FDL tree (any dialect) and sets the key below it.
void apply_fdl_override(YAML::Node& fdl, const Override& o);

} // namespace contsim

// A scenario's part of a run's provenance (its files, content hash, seed, overrides), for the
// simulator and the real-runners alike.
#pragma once
#include "sim/scenario/Scenario.hpp"
#include "sim/schema/Provenance.hpp"

namespace contsim {

Provenance provenance_of(const Scenario& scenario);

} // namespace contsim

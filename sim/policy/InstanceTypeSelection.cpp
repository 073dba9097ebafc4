#include "sim/policy/InstanceTypeSelection.hpp"

namespace contsim {
namespace {

class BestFit : public InstanceTypeSelection {
public:
  const char* name() const override { return "BEST_FIT"; }

protected:
  double cost(const InstanceTypeView& t) const override { return t.usd_per_hour / t.job_slots; }
};

class BestFitProgressive : public InstanceTypeSelection {
public:
  const char* name() const override { return "BEST_FIT_PROGRESSIVE"; }

protected:
  double cost(const InstanceTypeView& t) const override { return t.usd_per_hour / t.vcpus; }
};

} // namespace

int InstanceTypeSelection::choose(const std::vector<InstanceTypeView>& types) const
{
  int best = -1;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (!types[i].within_max || types[i].job_slots <= 0)
      continue;
    if (best < 0 || cost(types[i]) < cost(types[best]))
      best = static_cast<int>(i);
  }
  return best;
}

std::unique_ptr<InstanceTypeSelection> make_instance_type_selection(const std::string& name)
{
  if (name == "BEST_FIT")
    return std::make_unique<BestFit>();
  if (name == "BEST_FIT_PROGRESSIVE")
    return std::make_unique<BestFitProgressive>();
  return nullptr;
}

std::vector<std::string> instance_type_selection_names()
{
  return {"BEST_FIT", "BEST_FIT_PROGRESSIVE"};
}

} // namespace contsim

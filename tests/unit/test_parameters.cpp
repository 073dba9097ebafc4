// Typed parameters: each declared once with its type, read into the model's struct by name.
#include "models/batch/BatchParameters.hpp"
#include "models/lambda/LambdaParameters.hpp"
#include "models/oscar/OscarParameters.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/Parameters.hpp"

#include <gtest/gtest.h>

using namespace contsim;

namespace {

struct Toy {
  double rate;
  long long count;
  bool flag;
  double delay_s;
  Distribution jitter;
};

const std::vector<ParamField<Toy>>& toy_table()
{
  static const std::vector<ParamField<Toy>> t{
      {{"rate", 1.5, "1/s", "a rate", "assumed", 0, 10}, &Toy::rate},
      {{"count", 3, "items", "a count", "assumed", 0, 100, ParamType::integer}, &Toy::count},
      {{"flag", 0, "bool", "a switch", "assumed", 0, 1, ParamType::boolean}, &Toy::flag},
      {{"delay_s", 2, "s", "a delay", "assumed", 0, 3600, ParamType::seconds}, &Toy::delay_s},
      {{"jitter_s", 1, "s", "a varying delay", "assumed", 0, 60, ParamType::distribution}, &Toy::jitter},
  };
  return t;
}

ParameterSet apply(const std::string& yaml)
{
  ParameterSet set(specs_of(toy_table()));
  set.apply(YamlRef{YAML::Load(yaml), "cal.yaml", "toy"});
  return set;
}

} // namespace

TEST(Parameters, ValuesReachTheStructByNameWithTheirTypes)
{
  Toy t = read_params(apply("count: 7\nflag: true\ndelay_s: 5min\njitter_s: {type: constant, value: 4}\n"), toy_table());
  EXPECT_DOUBLE_EQ(t.rate, 1.5);  // the default
  EXPECT_EQ(t.count, 7);
  EXPECT_TRUE(t.flag);
  EXPECT_DOUBLE_EQ(t.delay_s, 300);
  EXPECT_DOUBLE_EQ(t.jitter.mean(), 4);
  EXPECT_TRUE(read_params(apply("flag: 1\n"), toy_table()).flag);  // 1/0 as written by older files
  EXPECT_FALSE(read_params(apply("flag: {value: false, source: doc}\n"), toy_table()).flag);
}

TEST(Parameters, AValueOfTheWrongTypeFailsWithFileLineAndName)
{
  auto fails = [](const std::string& yaml, const std::string& expect) {
    try {
      apply(yaml);
      ADD_FAILURE() << "accepted: " << yaml;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(expect), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("cal.yaml:1"), std::string::npos) << e.what();
    }
  };
  fails("count: 2.5\n", "count must be a whole number");
  fails("flag: maybe\n", "flag");
  fails("delay_s: 5 parsecs\n", "delay_s");
  fails("count: 1000\n", "count must be between");
  fails("rte: 2\n", "did you mean 'rate'");
}

TEST(Parameters, EveryModelTableReadsItsOwnDefaultsIntoItsStruct)
{
  // A field whose C++ type disagrees with its declared type throws here (logic_error).
  lambda::LambdaParameters l = lambda::LambdaParameters::from(ParameterSet(lambda::parameter_specs()));
  EXPECT_DOUBLE_EQ(l.mb_per_vcpu, 1769);
  EXPECT_EQ(l.concurrency_limit, 1000);
  EXPECT_TRUE(l.image_in_tmp);
  batch::BatchParameters b = batch::BatchParameters::from(ParameterSet(batch::parameter_specs()));
  EXPECT_DOUBLE_EQ(b.boot.mean(), 129);
  EXPECT_DOUBLE_EQ(b.image_pull_mb_per_s, 50);
  oscar::CluesParameters c = read_params(ParameterSet(oscar::clues_parameter_specs()), oscar::clues_parameter_table());
  EXPECT_EQ(c.min_nodes, 1);
  EXPECT_DOUBLE_EQ(c.idle_time_s, 180);
  oscar::KubernetesParameters k =
      read_params(ParameterSet(oscar::kubernetes_parameter_specs()), oscar::kubernetes_parameter_table());
  EXPECT_GT(k.system_reserved_cpu, 0);
  read_params(ParameterSet(oscar::oscar_parameter_specs()), oscar::oscar_parameter_table());
  // Names are unique within a table.
  for (const auto& specs : {lambda::parameter_specs(), batch::parameter_specs(), oscar::kubernetes_parameter_specs(),
                            oscar::oscar_parameter_specs(), oscar::clues_parameter_specs()})
    for (std::size_t i = 0; i < specs.size(); ++i)
      for (std::size_t j = i + 1; j < specs.size(); ++j)
        EXPECT_NE(specs[i].name, specs[j].name);
}

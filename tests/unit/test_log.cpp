// The logging facility: categories in a dotted tree, levels from a --log value.
#include "sim/core/Error.hpp"
#include "sim/core/Log.hpp"

#include <gtest/gtest.h>

using namespace contsim;

namespace {
log::Category kParent("test-area");
log::Category kChild("test-area.child");
} // namespace

TEST(Log, ACategorySetsItsChildrenAndDefaultsToWarnings)
{
  EXPECT_FALSE(kChild.enabled(log::Level::info));
  EXPECT_TRUE(kChild.enabled(log::Level::warn));
  log::configure("test-area:debug");
  EXPECT_TRUE(kParent.enabled(log::Level::debug));
  EXPECT_TRUE(kChild.enabled(log::Level::debug));
  log::configure("test-area.child:off");
  EXPECT_TRUE(kParent.enabled(log::Level::debug));
  EXPECT_FALSE(kChild.enabled(log::Level::error));
  log::Category later("test-area.later");  // a rule applies to categories declared afterwards too
  EXPECT_TRUE(later.enabled(log::Level::debug));
  log::configure("all:warn");
  EXPECT_FALSE(kParent.enabled(log::Level::info));
}

TEST(Log, UnknownCategoriesAndLevelsAreErrorsNamingTheOption)
{
  try {
    log::configure("test-aera:debug");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--log: error: 'test-aera:debug': no log category 'test-aera'; did you mean "
                                         "'test-area'?"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(log::configure("test-area:chatty"), InputError);
}

// AWS Batch model rules: job slots per instance, scaling within max vCPUs, scale-in down to
// min vCPUs, stale launches, EC2 billing minimums, attributed cost shared among jobs.
#include "models/batch/ComputeEnvironment.hpp"
#include "models/batch/InstanceCatalog.hpp"
#include "sim/policy/InstanceTypeSelection.hpp"

#include <gtest/gtest.h>

using namespace contsim;
using namespace contsim::batch;

namespace {

InstanceType type(const char* name, double vcpus, double memory_gib, int gpus, double usd_per_hour)
{
  InstanceType t;
  t.name = name;
  t.vcpus = vcpus;
  t.memory_mib = memory_gib * 1024;
  t.gpus = gpus;
  t.usd_per_hour = usd_per_hour;
  return t;
}

const InstanceType kM3 = type("m3.medium", 1, 3.75, 0, 0.067);
const InstanceType kM5 = type("m5.xlarge", 4, 16, 0, 0.192);
const InstanceType kG3s = type("g3s.xlarge", 4, 30.5, 1, 0.75);

contsim::Invocation job;  // queued by pointer only

} // namespace

TEST(BatchSlots, LimitedByVcpusMemoryAndOneGpuJobPerGpu)
{
  EXPECT_EQ(ComputeEnvironment::slots_for(kM5, {1, 1024, false}), 4);   // vCPU-bound
  EXPECT_EQ(ComputeEnvironment::slots_for(kM5, {1, 6144, false}), 2);   // memory-bound
  EXPECT_EQ(ComputeEnvironment::slots_for(kG3s, {1, 1024, true}), 1);   // one GPU
  EXPECT_EQ(ComputeEnvironment::slots_for(kG3s, {4, 12288, true}), 1);  // the YOLO job of E1
  EXPECT_EQ(ComputeEnvironment::slots_for(kM5, {1, 1024, true}), 0);    // no GPU at all
  EXPECT_EQ(ComputeEnvironment::slots_for(kM3, {2, 1024, false}), 0);
}

TEST(BatchScaling, NeverAsksForMoreThanMaxVcpusAllow)
{
  ComputeEnvironment ce("yolo", {4, 12288, true}, {&kG3s}, 0, 12);
  for (int i = 0; i < 10; ++i)
    ce.queue.push_back(&job);
  int requested = 0;
  while (ce.uncovered_jobs() > 0) {
    const InstanceType* t = ce.type_to_launch();
    if (!t)
      break;
    ce.request_launch(t);
    ++requested;
  }
  EXPECT_EQ(requested, 3);  // 12 vCPUs / 4 per g3s.xlarge
  EXPECT_EQ(ce.uncovered_jobs(), 7);
  EXPECT_EQ(ce.type_to_launch(), nullptr);
  // Launched instances count against the budget as requests did.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(ce.launch_due(&kG3s));
    ce.launch(&kG3s, "i", 0, false);
  }
  EXPECT_DOUBLE_EQ(ce.vcpus_up(), 12);
  EXPECT_EQ(ce.type_to_launch(), nullptr);
}

TEST(BatchScaling, CheapestTypePerJobSlot)
{
  // 1-vCPU jobs: an m5.xlarge holds 4 at $0.048 each per hour, an m3.medium 1 at $0.067.
  ComputeEnvironment ce("cpu", {1, 1024, false}, {&kM3, &kM5}, 0, 16);
  ce.queue.push_back(&job);
  EXPECT_EQ(ce.type_to_launch(), &kM5);
  // With 3 vCPUs of budget left, only the m3.medium fits.
  ComputeEnvironment small("cpu", {1, 1024, false}, {&kM3, &kM5}, 0, 3);
  EXPECT_EQ(small.type_to_launch(), &kM3);
}

TEST(BatchScaling, ALaunchThatIsNoLongerNeededIsDropped)
{
  ComputeEnvironment ce("plants", {1, 1024, false}, {&kM3}, 0, 2);
  ce.queue.push_back(&job);
  ce.request_launch(&kM3);
  ce.queue.pop_front();  // another instance took the job meanwhile
  EXPECT_FALSE(ce.launch_due(&kM3));
  EXPECT_EQ(ce.pending_requests(), 0);
  EXPECT_NE(ce.type_to_launch(), nullptr);  // its vCPUs are back in the budget
}

TEST(BatchScaling, BootingInstancesCoverWaitingJobs)
{
  ComputeEnvironment ce("plants", {1, 1024, false}, {&kM5}, 0, 8);
  for (int i = 0; i < 5; ++i)
    ce.queue.push_back(&job);
  ce.launch(&kM5, "i-1", 0, false);  // booting: 4 slots on their way
  EXPECT_EQ(ce.uncovered_jobs(), 1);
  EXPECT_EQ(ce.instance_with_room(), -1);  // not ready yet
}

TEST(BatchScaling, ScalesToZeroButKeepsMinVcpus)
{
  ComputeEnvironment zero("a", {1, 1024, false}, {&kM3}, 0, 2);
  int i = zero.launch(&kM3, "i-1", 0, true);
  EXPECT_TRUE(zero.may_terminate(zero.instances[i]));
  zero.queue.push_back(&job);
  // A job queued since the idle timer started was not placed on it: it goes all the same (AWS:
  // "If no new jobs are placed on the instance during this delay, AWS Batch terminates" it).
  EXPECT_TRUE(zero.may_terminate(zero.instances[i]));

  ComputeEnvironment kept("b", {1, 1024, false}, {&kM3}, 1, 2);
  int a = kept.launch(&kM3, "i-1", 0, true);
  int b = kept.launch(&kM3, "i-2", 0, true);
  EXPECT_TRUE(kept.may_terminate(kept.instances[b]));
  kept.terminate(b);
  EXPECT_FALSE(kept.may_terminate(kept.instances[a]));  // the last one holds min_v_cpus
  kept.instances[a].jobs = 1;
  EXPECT_FALSE(kept.may_terminate(kept.instances[a]));
}

TEST(BatchScaling, TerminatedSlotsAreReusedWithFreshEpochs)
{
  ComputeEnvironment ce("a", {1, 1024, false}, {&kM3}, 0, 1);
  int i = ce.launch(&kM3, "i-1", 0, true);
  auto epoch = ce.instances[i].machine.epoch;
  ce.terminate(i);
  int j = ce.launch(&kM3, "i-2", 10, false);
  EXPECT_EQ(i, j);
  EXPECT_GT(ce.instances[j].machine.epoch, epoch);  // events for i-1 cannot touch i-2
  EXPECT_EQ(ce.instances[j].name, "i-2");
  EXPECT_EQ(ce.instances[j].machine.uptime.jobs_total, 0);
}

TEST(Ec2Billing, PerSecondWithASixtySecondMinimum)
{
  EXPECT_EQ(ec2_billed_seconds(0, 60), 60);
  EXPECT_EQ(ec2_billed_seconds(10.5, 60), 60);
  EXPECT_EQ(ec2_billed_seconds(60, 60), 60);
  EXPECT_EQ(ec2_billed_seconds(60.2, 60), 61);
  EXPECT_EQ(ec2_billed_seconds(225.0000000001, 60), 225);  // float noise is not a second
  EXPECT_EQ(ec2_billed_seconds(3600, 60), 3600);
}

TEST(AttributedCost, JobsRunningTogetherShareTheInstancePrice)
{
  Instance in;
  in.type = &kM5;  // $0.192 per hour
  in.share_t = 0;
  // Job A runs alone for 100 s, then with B for 200 s; B continues alone for 100 s.
  in.advance_share(0);
  in.running = 1;
  double a_start = in.share_usd;
  in.advance_share(100);
  in.running = 2;
  double b_start = in.share_usd;
  in.advance_share(300);
  double a_cost = in.share_usd - a_start;
  in.running = 1;
  in.advance_share(400);
  double b_cost = in.share_usd - b_start;
  double per_s = 0.192 / 3600;
  EXPECT_NEAR(a_cost, 100 * per_s + 200 * per_s / 2, 1e-15);
  EXPECT_NEAR(b_cost, 200 * per_s / 2 + 100 * per_s, 1e-15);
  EXPECT_NEAR(a_cost + b_cost, 400 * per_s, 1e-15);  // busy time is fully attributed
}

// AWS Batch allocation strategies (sim/policy/InstanceTypeSelection): BEST_FIT prefers the
// lowest cost per job that fits, BEST_FIT_PROGRESSIVE the lowest cost per vCPU.
TEST(BatchAllocationStrategy, BestFitCountsJobSlotsProgressiveCountsVcpus)
{
  // A memory-heavy job (1 vCPU, 8 GiB): an m5.xlarge (4 vCPU, 16 GiB, $0.192/h) holds 2, a
  // c5.2xlarge (8 vCPU, 16 GiB, $0.34/h) holds 2 too.
  std::vector<InstanceTypeView> types{{0.192, 4, 2, true}, {0.34, 8, 2, true}};
  auto best_fit = make_instance_type_selection("BEST_FIT");
  auto progressive = make_instance_type_selection("BEST_FIT_PROGRESSIVE");
  ASSERT_TRUE(best_fit && progressive);
  EXPECT_EQ(best_fit->choose(types), 0);     // $0.096 per job vs $0.17
  EXPECT_EQ(progressive->choose(types), 1);  // $0.0425 per vCPU vs $0.048
  types[1].within_max = false;               // would exceed max vCPUs
  EXPECT_EQ(progressive->choose(types), 0);
  types[0].job_slots = 0;                    // the job does not fit
  EXPECT_EQ(best_fit->choose(types), -1);
  EXPECT_EQ(make_instance_type_selection("SPOT_CAPACITY_OPTIMIZED"), nullptr);  // not modelled
}

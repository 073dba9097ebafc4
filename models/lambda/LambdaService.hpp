// AWS Lambda as SCAR uses it (execution_mode: lambda). Per invocation:
//   t_trigger ─(queue while the account concurrency is exhausted)─ t_start
//   cold: platform_init_s (not billed), then udocker image pull into /tmp (billed)
//   warm: warm_start_s (not billed)
//   ─ stage-in ─ t_exec_start ─ exec (ExecTimeModel at this memory's vCPU share) ─ t_exec_end
//   ─ stage-out ─ t_end
// Billed: from the handler's start to t_end, rounded up to 1 ms. The supervisor kills the
// container at timeout − timeout_threshold (status timeout, no outputs); the platform kills
// the whole invocation at the timeout. /tmp overflow (input + outputs + image) → status failed.
// No SimGrid activity per step: a microVM shares nothing, so its phases are calendar delays.
//
// SCAR's other execution modes also start here (real-systems.md §3.3-3.4):
//   batch:        the supervisor only submits an AWS Batch job (batch_submit_s, billed), then
//                 the event goes to the Batch service; the Lambda row is `delegated`/`gateway`.
//   lambda-batch: as lambda, but when the container is stopped at timeout − threshold (or the
//                 run fails), the supervisor submits the same event to Batch, which re-runs it
//                 from scratch; the Lambda row is `delegated`/`timeout` (or `failure`).
#pragma once
#include "models/gpu/PhaseRunner.hpp"
#include "models/lambda/LambdaConfig.hpp"
#include "sim/policy/ConcurrencyAdmission.hpp"
#include "sim/policy/WarmPool.hpp"
#include "sim/runtime/ComputeService.hpp"

#include <deque>
#include <memory>
#include <vector>

namespace contsim::lambda {

class LambdaService : public ComputeService, public EventHandler {
public:
  explicit LambdaService(const ServiceSetup& setup);

  void submit(Invocation* inv) override;
  TimelineSample sample() override;
  const std::string& platform_label() const override { return label_; }
  nlohmann::ordered_json summary() override;
  nlohmann::ordered_json parameters() const override;
  double unattributed_cost_usd() const override;
  void on_event(std::uint32_t kind, std::uint64_t payload) override;


private:
  enum Kind : std::uint32_t { kHandlerStart, kPulled, kStagedIn, kExecEnd, kKilled, kStagedOut, kBatchSubmitted };
  struct FunctionState {
    const FunctionSpec* spec = nullptr;  // the run's, for the whole run
    double memory_mb = 0;
    double vcpu = 0;
    double timeout_s = 0;
    double container_deadline_s = 0;  // timeout − supervisor's threshold
    double price_per_ms = 0;
    double pull_s = 0;
    double cold_stretch = 1;  // cold_exec_time is measured at exec_time's reference CPU, like the warm run
    double image_tmp_bytes = 0;
    std::unique_ptr<WarmPool> pool;
    ExecTimeModel exec;  // the profile's, with a reference memory size turned into vCPUs
    RandomEngine exec_rng;
    RandomEngine submit_rng;
    bool phased = false;          // the profile's phases are the run (phases.csv)
    int remote_gpu_service = -1;  // rCUDA: the gpu-server its GPU phases go to
    int remote_gpu_device = 0;
    enum class Mode { lambda, lambda_batch, batch } mode = Mode::lambda;
    std::uint64_t environments_created = 0;
    long long throttled = 0;
  };

  void start(Invocation* inv);
  // The steps of an attempt, in order (on_event dispatches the scheduled ones)
  void handler_started(Invocation* inv);
  void pulled(Invocation* inv);
  void staged_in(Invocation* inv);
  void killed(Invocation* inv);
  void batch_submitted(Invocation* inv);
  void exec_ended(Invocation* inv);
  void staged_out(Invocation* inv);
  /// Ends the attempt as `status` at `t_end`; under lambda-batch the supervisor hands the event
  /// to AWS Batch instead, now (`mechanism`: why), which runs it again from the start.
  void end_attempt(Invocation* inv, InvocationStatus status, const char* mechanism, double t_end);
  void finish(Invocation* inv);
  /// A phased run (phases.csv): its CPU parts in the microVM, its GPU parts through rCUDA.
  void start_phases(Invocation* inv, FunctionState& st);
  /// Ends the Lambda attempt by handing its event to AWS Batch (after the supervisor's submit).
  void submit_to_batch(Invocation* inv, const char* mechanism);
  bool tmp_overflows(const Invocation& inv, bool with_outputs) const;
  FunctionState& state(const Invocation* inv) { return states_[inv->function]; }

  ModelPorts ports_;
  std::shared_ptr<const LambdaConfig> config_;  // resolved with the Plan
  std::string label_ = "lambda";
  std::string name_;
  int site_;
  const LambdaParameters& p_;
  const PriceTable& prices_;
  std::vector<FunctionState> states_;  // indexed by workflow function index
  ConcurrencyAdmission<Invocation*> admission_;  // account concurrency: running, waiting in order
  gpu::PhaseRunner phase_runner_;  // phased functions: CPU parts in the microVM, GPU parts through rCUDA
  Calendar& calendar_;             // the clock's, looked up once
  std::uint64_t next_env_ = 1;
  double gb_s_ = 0;
  std::uint64_t requests_ = 0;
};

} // namespace contsim::lambda

// orchGPU (platform `kind: orchgpu`, OrchGpuConfig.hpp): between the S3 input bucket and the
// CUDA Lambda of E9, as gpu.md §2.3 reads the released code:
//   upload stored → (s3_to_sqs_s) message in SQS → the one consumer receives it: a long poll of
//   long_poll_s, then empty_sleep_s, on a cycle from its last receive (a message arriving during
//   the sleep waits for the next poll) → SSGM alloc (non-blocking; busy: sleep busy_retry_s and
//   ask again for the same message, the queue behind it blocked) → granted: the message is
//   deleted and a job starts (the loop goes back to receiving): download the input, tar it
//   (tar_s), PUT it to the intermediate bucket (its S3 event invokes the Lambda) → poll the output
//   bucket at once and every output_poll_s for <job>.* → found: dealloc. A Lambda that writes no
//   output keeps its GPU for ever (the code has no timeout: the run ends at its drain limit).
// The paper variant (O13) handles each message on its own; a busy answer leaves the message to
// reappear after visibility_timeout_s; the GPU is released when the output is stored.
// Jobs are named msg-N (orchGPU uses the SQS message id): the Lambda's output must keep the
// tarball's stem, as its profile's `{stem}` does.
#pragma once
#include "models/gpu/OrchGpuConfig.hpp"
#include "sim/core/SlotPool.hpp"
#include "sim/runtime/ComputeService.hpp"

#include <deque>
#include <vector>

namespace contsim::gpu {

class OrchGpuService : public ComputeService, public EventHandler {
public:
  explicit OrchGpuService(const ServiceSetup& setup);

  void submit(Invocation* inv) override;
  void stored(int watch, const FileObject& file) override;
  TimelineSample sample() override;
  const std::string& platform_label() const override { return label_; }
  nlohmann::ordered_json summary() override;
  nlohmann::ordered_json parameters() const override;
  bool active() const override { return !queue_.empty() || jobs_.in_use() > 0; }
  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t { kEnqueued, kReceive, kAnswer, kRetry, kDownloaded, kTarred, kUploaded, kPoll };
  struct Job {
    bool active = false;
    FileObject input;
    std::string stem;  // msg-N
    std::uint64_t ssgm = 0;
    bool holds = false;
    bool output_seen = false;
    double t_message = 0, t_dispatched = -1, t_uploaded = -1, t_output = -1, t_released = -1;
    int busy_answers = 0;
  };
  void receive_soon();
  void ask(std::size_t job);
  void answered(std::size_t job);
  void dispatched(std::size_t job);
  void release(std::size_t job);
  RemoteGpuServer& server();

  const OrchGpuConfig& config_;
  ModelPorts ports_;
  std::string label_ = "orchgpu";
  int site_;
  int input_storage_, output_storage_, intermediate_storage_;
  RemoteGpuServer* server_ = nullptr;  // looked up at the first job (services are created in order)
  SlotPool<Job> jobs_;
  std::deque<std::size_t> queue_;  // SQS: jobs whose message was not deleted yet, in arrival order
  enum class Loop { idle, receiving, asking, sleeping } loop_ = Loop::idle;
  double cycle_start_ = 0;  // the consumer's last receive: its long-poll / sleep cycle starts here
  long long messages_ = 0, released_ = 0, busy_answers_ = 0;
  double wait_s_ = 0, reserved_s_ = 0, hol_blocked_s_ = 0, max_wait_s_ = 0;
  std::size_t max_queue_ = 0;
  nlohmann::ordered_json first_jobs_ = nlohmann::ordered_json::array();
};

} // namespace contsim::gpu

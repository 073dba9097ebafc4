#include "models/gpu/OrchGpuService.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace contsim::gpu {

namespace {
constexpr std::size_t kJobsListed = 100;  // summary.json lists the first jobs; the totals cover all
}

OrchGpuService::OrchGpuService(const ServiceSetup& setup)
    : config_(static_cast<const OrchGpuConfig&>(*setup.config)),
      ports_(setup.ports),
      site_(setup.decl.site),
      input_storage_(setup.watches.at(0)),
      output_storage_(setup.watches.at(1)),
      intermediate_storage_(setup.writes.at(0))
{
}

RemoteGpuServer& OrchGpuService::server()
{
  if (!server_)
    server_ = ports_.gpus.gpu_server(config_.gpu_server_index);
  if (!server_)
    throw std::logic_error("orchgpu: its gpu_server is no GPU server (the configure step checks it)");
  return *server_;
}

void OrchGpuService::submit(Invocation*)
{
  throw std::logic_error("orchgpu runs no function: uploads reach it through its watches");
}

void OrchGpuService::stored(int watch, const FileObject& file)
{
  Calendar& cal = ports_.clock.calendar();
  if (watch == 0) {  // the input bucket's S3 event, on its way to the SQS queue
    std::size_t j = jobs_.acquire();
    Job& job = jobs_[j];
    job = Job{};
    job.active = true;
    job.input = file;
    job.stem = "msg-" + std::to_string(++messages_);
    cal.after(config_.p.s3_to_sqs_s, this, kEnqueued, j);
    return;
  }
  // The output bucket: what the jobs' ListObjectsV2 polls will find.
  for (std::size_t j = 0; j < jobs_.size(); ++j) {
    Job& job = jobs_[j];
    if (!job.active || job.output_seen || job.t_uploaded < 0)
      continue;
    std::string_view name = file.name();
    if (name.size() > job.stem.size() && name.compare(0, job.stem.size(), job.stem) == 0 && name[job.stem.size()] == '.') {
      job.output_seen = true;
      job.t_output = cal.now();
      if (config_.paper_variant)  // the CUDA Lambda releases the GPU itself
        release(j);
      return;
    }
  }
}

void OrchGpuService::receive_soon()
{
  if (loop_ != Loop::idle || queue_.empty())
    return;
  // The consumer long-polls, then sleeps, again and again from its last receive.
  Calendar& cal = ports_.clock.calendar();
  double cycle = config_.p.long_poll_s + config_.p.empty_sleep_s;
  double into = cycle > 0 ? std::fmod(cal.now() - cycle_start_, cycle) : 0;
  double at = into < config_.p.long_poll_s ? cal.now() : cal.now() + (cycle - into);
  loop_ = Loop::receiving;
  cal.at(at, this, kReceive, 0);
}

void OrchGpuService::ask(std::size_t j)
{
  jobs_[j].ssgm = server().request_job(this, kAnswer, j);
}

void OrchGpuService::answered(std::size_t j)
{
  Job& job = jobs_[j];
  RemoteGpuServer& s = server();
  GpuSessionAnswer answer = s.session(job.ssgm).answer;
  Calendar& cal = ports_.clock.calendar();
  if (answer == GpuSessionAnswer::busy) {
    s.close_session(job.ssgm);
    ++job.busy_answers;
    ++busy_answers_;
    if (config_.paper_variant) {  // the message reappears after its visibility timeout
      cal.after(config_.p.visibility_timeout_s, this, kRetry, j);
    } else {  // the loop sleeps on this message: the queue behind it waits (head-of-line)
      loop_ = Loop::sleeping;
      hol_blocked_s_ += config_.p.busy_retry_s;
      cal.after(config_.p.busy_retry_s, this, kRetry, j);
    }
    return;
  }
  // Granted, or an SSGM error, which the code dispatches all the same (gpu.md O12).
  job.holds = answer == GpuSessionAnswer::granted;
  if (!job.holds)
    s.close_session(job.ssgm);
  dispatched(j);
}

void OrchGpuService::dispatched(std::size_t j)
{
  Job& job = jobs_[j];
  Calendar& cal = ports_.clock.calendar();
  job.t_dispatched = cal.now();
  double wait = job.t_dispatched - job.t_message;
  wait_s_ += wait;
  max_wait_s_ = std::max(max_wait_s_, wait);
  if (!config_.paper_variant) {
    // Deleted on dispatch (O10); the loop receives again at once.
    queue_.erase(std::find(queue_.begin(), queue_.end(), j));
    loop_ = Loop::idle;
    cycle_start_ = cal.now();
    receive_soon();
  }
  // The job: download the input through a presigned URL, tar it with the rCUDA variables.
  ports_.data.transfer(ports_.data.storage_site(input_storage_), site_, job.input.size_bytes, this, kDownloaded, j);
}

void OrchGpuService::release(std::size_t j)
{
  Job& job = jobs_[j];
  Calendar& cal = ports_.clock.calendar();
  job.t_released = cal.now();
  if (job.holds)
    server().close_session(job.ssgm);  // ssgm -dealloc -j <jobid>
  reserved_s_ += job.t_released - job.t_dispatched;
  ++released_;
  if (first_jobs_.size() < kJobsListed)
    first_jobs_.push_back({{"job", job.stem},
                           {"input", job.input.key},
                           {"t_message", job.t_message},
                           {"t_dispatched", job.t_dispatched},
                           {"t_uploaded", job.t_uploaded},
                           {"t_output", job.t_output},
                           {"t_released", job.t_released},
                           {"busy_answers", job.busy_answers}});
  job.active = false;
  jobs_.release(j);
}

void OrchGpuService::on_event(std::uint32_t kind, std::uint64_t payload)
{
  auto j = static_cast<std::size_t>(payload);
  Calendar& cal = ports_.clock.calendar();
  switch (kind) {
    case kEnqueued:
      jobs_[j].t_message = cal.now();
      if (config_.paper_variant) {
        ask(j);  // an orchGPU Lambda per message
        break;
      }
      queue_.push_back(j);
      max_queue_ = std::max(max_queue_, queue_.size());
      receive_soon();
      break;
    case kReceive:
      loop_ = Loop::asking;
      ask(queue_.front());
      break;
    case kAnswer:
      answered(j);
      break;
    case kRetry:
      if (!config_.paper_variant)
        loop_ = Loop::asking;
      ask(j);
      break;
    case kDownloaded:
      cal.after(config_.p.tar_s, this, kTarred, j);
      break;
    case kTarred: {
      Job& job = jobs_[j];
      FileObject tarball;
      tarball.storage = intermediate_storage_;
      tarball.set_key(config_.writes[0].path, job.stem + ".tar.gz");
      tarball.size_bytes = job.input.size_bytes + config_.p.tarball_extra_bytes;
      tarball.attributes = job.input.attributes;  // what the Lambda's script reads from the input
      ports_.data.put(tarball, site_, this, kUploaded, j);
      break;
    }
    case kUploaded:
      jobs_[j].t_uploaded = cal.now();
      if (!config_.paper_variant)
        on_event(kPoll, j);  // the first ListObjectsV2 right after the upload
      break;
    case kPoll:
      if (jobs_[j].output_seen)
        release(j);
      else
        cal.after(config_.p.output_poll_s, this, kPoll, j);
      break;
  }
}

TimelineSample OrchGpuService::sample()
{
  TimelineSample s;
  s.queued = static_cast<long long>(queue_.size());
  s.running = static_cast<long long>(jobs_.in_use()) - s.queued;
  s.units_up = 1;
  return s;
}

nlohmann::ordered_json OrchGpuService::summary()
{
  long long dispatched = 0;
  for (const auto& job : jobs_)
    dispatched += job.active && job.t_dispatched >= 0 ? 1 : 0;
  dispatched += released_;
  return {{"variant", config_.paper_variant ? "paper" : "code"},
          {"messages", messages_},
          {"dispatched", dispatched},
          {"released", released_},
          {"never_released", dispatched - released_},
          {"busy_answers", busy_answers_},
          {"head_of_line_blocked_s", hol_blocked_s_},
          {"max_queue", max_queue_},
          {"mean_wait_s", dispatched > 0 ? wait_s_ / static_cast<double>(dispatched) : 0.0},
          {"max_wait_s", max_wait_s_},
          {"mean_reserved_s", released_ > 0 ? reserved_s_ / static_cast<double>(released_) : 0.0},
          {"jobs", first_jobs_}};
}

nlohmann::ordered_json OrchGpuService::parameters() const
{
  return {{"orchgpu", config_.params.to_json()}};
}

} // namespace contsim::gpu

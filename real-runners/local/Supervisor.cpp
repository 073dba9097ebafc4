#include "real-runners/local/Supervisor.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace contsim::real {

std::pair<std::string, std::string> split_bucket(const std::string& key)
{
  auto slash = key.find('/');
  if (slash == std::string::npos)
    return {key, ""};
  return {key.substr(0, slash), key.substr(slash + 1)};
}

namespace {

std::string last_lines(const std::string& file, std::size_t n)
{
  std::ifstream in(file);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > n)
      lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines)
    out += "  | " + l + "\n";
  return out;
}

} // namespace

InvocationOutcome Supervisor::run(const InvocationTask& task, const FunctionRuntime& runtime) const
{
  InvocationOutcome o;
  const FunctionSpec& fn = workflow_.functions[task.function];
  S3Client s3(endpoint_, credentials_);
  fs::path work(task.work_dir);
  fs::path in = work / "input", out = work / "output";
  fs::create_directories(in);
  fs::create_directories(out);
  auto fail = [&](InvocationStatus status, const std::string& why) {  // `why` is never empty
    o.status = status;
    o.error = why;
    o.t_end = clock_();
  };
  auto [bucket, key] = split_bucket(task.input.key);
  fs::path input_file = in / std::string(task.input.name());

  SandboxSpec spec;
  spec.script = runtime.script;
  spec.script_dir = runtime.script_dir;
  spec.mounts = runtime.mounts;
  spec.work_dir = work.string();
  spec.env = fn.fdl.environment;  // the FDL's environment.variables, then the supervisor's own
  spec.env.insert(spec.env.end(), {{"INPUT_FILE_PATH", input_file.string()},
                                   {"TMP_INPUT_DIR", in.string()},
                                   {"TMP_OUTPUT_DIR", out.string()},
                                   {"STORAGE_OBJECT_KEY", task.input.key}});
  spec.cpu = fn.fdl.cpu > 0 ? fn.fdl.cpu : 1;
  spec.memory_mb = fn.fdl.memory_mb;
  spec.timeout_s = runtime.timeout_s;
  spec.stdout_file = (work / "stdout.log").string();
  spec.stderr_file = (work / "stderr.log").string();
  spec.podman_image = runtime.podman_image;
  spec.name = "contsim-" + std::to_string(getpid()) + "-" + std::to_string(task.id);

  SandboxHooks hooks;
  hooks.before_script = [&] {  // stage-in
    o.t_stage_in = clock_();
    try {
      s3.get_file(bucket, key, input_file.string());
    } catch (const S3Error& e) {
      fail(InvocationStatus::error, std::string("stage-in: ") + e.what());
      return false;
    }
    o.t_exec_start = clock_();
    return true;
  };
  hooks.after_script = [&] {  // stage-out
    o.t_exec_end = clock_();
    std::string error = stage_out(fn, out, s3);
    if (!error.empty())
      fail(InvocationStatus::error, "stage-out: " + error);
    else
      o.t_end = clock_();
  };
  SandboxResult r = run_sandboxed(spec, hooks, interrupted_);
  if (o.t_exec_end < 0)
    o.t_exec_end = clock_();
  o.cpu_s = r.cpu_s;
  o.exit_code = r.exit_code;
  if (!o.error.empty())  // a hook failed: stage-in or stage-out
    return o;
  switch (r.end) {
    case SandboxResult::End::not_started:
      fail(InvocationStatus::error, "not started: " + r.message);
      return o;
    case SandboxResult::End::interrupted:
      fail(InvocationStatus::interrupted, "interrupted while running");
      return o;
    case SandboxResult::End::timeout:
      fail(InvocationStatus::timeout, "killed at the job timeout of " + std::to_string(spec.timeout_s) +
                                          " s; stderr:\n" + last_lines(spec.stderr_file, 10));
      return o;
    case SandboxResult::End::oom:
      fail(InvocationStatus::failed, "killed: out of memory (limit " +
                                         std::to_string(static_cast<long long>(spec.memory_mb)) +
                                         " MiB); stderr:\n" + last_lines(spec.stderr_file, 10));
      return o;
    case SandboxResult::End::exited:
      break;
  }
  if (r.exit_code != 0)
    fail(InvocationStatus::error, "exit code " + std::to_string(r.exit_code) +
                                      (r.message.empty() ? "" : " (" + r.message + ")") + "; stderr:\n" +
                                      last_lines(spec.stderr_file, 10));
  return o;
}

std::string Supervisor::stage_out(const FunctionSpec& fn, const fs::path& out, S3Client& s3) const
{
  // outputs in FDL order, files in name order, one PUT after another
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file())
      files.push_back(fs::relative(e.path(), out).string());
  std::sort(files.begin(), files.end());
  for (std::size_t i = 0; i < fn.fdl.outputs.size(); ++i) {
    const StorageIo& io = fn.fdl.outputs[i];
    for (const auto& name : files) {
      if (!io.accepts(fs::path(name).filename().string()))
        continue;
      StoredObject stored;
      stored.file.storage = fn.output_storage[i];
      stored.file.key = io.path + "/" + name;
      // the name is the file's own (a file in a subfolder of the outputs keeps its folder in the key)
      stored.file.name_at = static_cast<std::uint32_t>(stored.file.key.size() - fs::path(name).filename().string().size());
      stored.file.size_bytes = static_cast<double>(fs::file_size(out / name));
      auto [b, k] = split_bucket(stored.file.key);
      try {
        if (s3.exists(b, k))
          return stored.file.key + " exists already and is not overwritten (name outputs after their input)";
        s3.put_file(b, k, (out / name).string());
      } catch (const S3Error& e) {
        return e.what();
      }
      stored.t = clock_();
      on_stored_(stored);
    }
  }
  return "";
}

} // namespace contsim::real

#include "real-runners/core/Process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

extern char** environ;

namespace contsim::real {

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& extra_env,
                          const std::string& stderr_file)
{
  ProcessResult r;
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    env_strings.emplace_back(*e);
  for (const auto& [k, v] : extra_env)
    env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& e : env_strings)
    envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& a : argv_copy)
    args.push_back(a.data());
  args.push_back(nullptr);
  int out[2];
  if (argv.empty() || pipe2(out, O_CLOEXEC) != 0)
    return r;
  int err = stderr_file.empty() ? open("/dev/null", O_WRONLY | O_CLOEXEC)
                                : open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    if (err >= 0)
      dup2(err, 2);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(out[1]);
  if (err >= 0)
    close(err);
  if (pid < 0) {
    close(out[0]);
    return r;
  }
  char buf[4096];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0 && r.output.size() < 65536)
      r.output.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string first_line_of(const std::string& shell_command)
{
  ProcessResult r = run_process({"/bin/sh", "-c", shell_command + " 2>&1"});
  if (r.exit_code == 127 || r.exit_code < 0 || r.output.empty())
    return "not found";
  return r.output.substr(0, r.output.find('\n'));
}

} // namespace contsim::real

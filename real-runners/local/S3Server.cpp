#include "real-runners/local/S3Server.hpp"

#include "sim/core/Error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace contsim::real {

std::string S3Server::install_dir()
{
  if (const char* d = std::getenv("CONTSIM_S3RVER_DIR"))
    return d;
  return std::string(CONTSIM_SOURCE_DIR) + "/real-runners/local";
}

std::string S3Server::version()
{
  std::ifstream in(install_dir() + "/node_modules/s3rver/package.json");
  std::string line;
  while (std::getline(in, line)) {
    auto k = line.find("\"version\"");
    if (k == std::string::npos)
      continue;
    auto a = line.find('"', line.find(':', k) + 1);
    auto b = line.find('"', a + 1);
    if (a != std::string::npos && b != std::string::npos)
      return line.substr(a + 1, b - a - 1);
  }
  return "unknown";
}

S3Server::S3Server(const std::string& data_dir)
{
  std::string dir = install_dir();
  if (!std::filesystem::exists(dir + "/node_modules/s3rver"))
    throw MissingPrerequisite("s3rver is not installed in " + dir +
                              "/node_modules (./setup.sh installs it: npm install --prefix real-runners/local)");
  std::filesystem::create_directories(data_dir);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("cannot start s3rver: pipe failed");
  std::string script = dir + "/s3rver.js";
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // a runner killed with -9 does not leave s3rver behind
    dup2(out[1], 1);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0)
      dup2(null, 2);
    execlp("node", "node", script.c_str(), data_dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  if (pid_ < 0) {
    close(out[0]);
    throw std::runtime_error("cannot start s3rver: fork failed");
  }
  // Wait for "listening PORT" (s3rver starts in about a second).
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char buf[256];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0)
        break;
      text.append(buf, static_cast<std::size_t>(n));
    }
  }
  close(out[0]);
  if (text.rfind("listening ", 0) != 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("s3rver did not start (is node installed? try: node " + script + " /tmp/x)");
  }
  endpoint_ = "http://127.0.0.1:" + text.substr(10, text.find('\n') - 10);
}

S3Server::~S3Server()
{
  if (pid_ <= 0)
    return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_)
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

} // namespace contsim::real

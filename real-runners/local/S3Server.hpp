// The local backend's S3-compatible storage: an s3rver process (npm, installed by setup.sh
// into real-runners/local/node_modules) on 127.0.0.1 at a port the OS picks, storing under a
// directory of the run's scratch space. Started by the runner, stopped by PID (SIGTERM, then
// SIGKILL) when the runner ends, whatever the reason.
#pragma once
#include "real-runners/local/S3Client.hpp"

#include <string>
#include <sys/types.h>

namespace contsim::real {

class S3Server {
public:
  /// Starts s3rver and waits until it listens; throws std::runtime_error saying what is missing.
  explicit S3Server(const std::string& data_dir);
  ~S3Server();
  S3Server(const S3Server&) = delete;
  S3Server& operator=(const S3Server&) = delete;

  const std::string& endpoint() const { return endpoint_; }
  /// s3rver's fixed local credentials (not secrets: s3rver accepts only these).
  static S3Credentials credentials() { return {"S3RVER", "S3RVER", "us-east-1"}; }
  /// The installed s3rver's version, for real.json.
  static std::string version();
  /// Where s3rver.js and node_modules are (CONTSIM_S3RVER_DIR overrides the source tree's).
  static std::string install_dir();

private:
  pid_t pid_ = -1;
  std::string endpoint_;
};

} // namespace contsim::real

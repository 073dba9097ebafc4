// An S3 client over HTTP(S) with libcurl's built-in AWS Signature Version 4: path-style
// requests (ENDPOINT/BUCKET/KEY) to s3rver here, MinIO or AWS S3 later. Calls are blocking;
// one client per thread (a curl handle is not shared). Errors throw S3Error with the method,
// the object and the HTTP status; credentials never appear in messages. (s3rver checks the
// access key but does not verify V4 signatures: the signing itself is libcurl's.)
#pragma once
#include "real-runners/local/CurlLibrary.hpp"

#include <stdexcept>
#include <string>

namespace contsim::real {

class S3Error : public std::runtime_error {
public:
  S3Error(const std::string& what, long status) : std::runtime_error(what), status_(status) {}
  long status() const { return status_; }

private:
  long status_;
};

struct S3Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region = "us-east-1";
};

class S3Client {
public:
  /// `endpoint`: scheme, host and port, e.g. http://127.0.0.1:4569.
  S3Client(std::string endpoint, S3Credentials credentials);
  ~S3Client();
  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;

  /// Creates the bucket; one that exists already is fine.
  void create_bucket(const std::string& bucket);
  /// Uploads the file at `path` as BUCKET/KEY (one PUT).
  void put_file(const std::string& bucket, const std::string& key, const std::string& path);
  /// Downloads BUCKET/KEY into the file at `path` (created or truncated).
  void get_file(const std::string& bucket, const std::string& key, const std::string& path);
  /// Whether BUCKET/KEY exists (HEAD).
  bool exists(const std::string& bucket, const std::string& key);

private:
  long perform(const std::string& method, const std::string& what, bool streamed_body);
  std::string url(const std::string& bucket, const std::string& key) const;

  std::string endpoint_;
  S3Credentials credentials_;
  const CurlLibrary& curl_ = curl_library();  // loaded by the first client
  CURL* handle_ = nullptr;
  std::string response_;  // body of a failed request, for its message
};

} // namespace contsim::real

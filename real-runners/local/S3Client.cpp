#include "real-runners/local/S3Client.hpp"

#include <cstdio>
#include <memory>

namespace contsim::real {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out)
{
  auto* s = static_cast<std::string*>(out);
  if (s->size() < 4096)  // an error body is short; keep the start of anything else
    s->append(data, std::min(size * count, 4096 - s->size()));
  return size * count;
}

size_t write_file(char* data, size_t size, size_t count, void* file)
{
  return std::fwrite(data, size, count, static_cast<std::FILE*>(file)) * size;
}

/// Percent-encodes a key segment by segment (RFC 3986 unreserved characters stay; '/' separates).
std::string encode_key(const std::string& key)
{
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

/// The S3 error code in an XML error body (<Code>...</Code>), or the status line's meaning.
std::string error_code(const std::string& body)
{
  auto a = body.find("<Code>");
  auto b = body.find("</Code>");
  if (a != std::string::npos && b != std::string::npos && b > a)
    return body.substr(a + 6, b - a - 6);
  return "";
}

} // namespace

S3Client::S3Client(std::string endpoint, S3Credentials credentials)
    : endpoint_(std::move(endpoint)), credentials_(std::move(credentials))
{
  handle_ = curl_.easy_init();
  if (!handle_)
    throw S3Error("S3: cannot create a curl handle", 0);
}

S3Client::~S3Client()
{
  curl_.easy_cleanup(handle_);
}

std::string S3Client::url(const std::string& bucket, const std::string& key) const
{
  return endpoint_ + "/" + bucket + (key.empty() ? "" : "/" + encode_key(key));
}

long S3Client::perform(const std::string& method, const std::string& what, bool streamed_body)
{
  // S3 wants the payload's hash in every signed request: a streamed body is sent unsigned
  // (UNSIGNED-PAYLOAD, S3's documented option); the other requests have an empty one.
  struct curl_slist* headers = curl_.slist_append(
      nullptr, streamed_body ? "x-amz-content-sha256: UNSIGNED-PAYLOAD"
                             : "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  headers = curl_.slist_append(headers, "Expect:");
  curl_.easy_setopt(handle_, CURLOPT_HTTPHEADER, headers);
  std::string sigv4 = "aws:amz:" + credentials_.region + ":s3";
  curl_.easy_setopt(handle_, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_.easy_setopt(handle_, CURLOPT_USERNAME, credentials_.access_key.c_str());
  curl_.easy_setopt(handle_, CURLOPT_PASSWORD, credentials_.secret_key.c_str());
  curl_.easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_.easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT, 10L);
  char error[CURL_ERROR_SIZE] = "";
  curl_.easy_setopt(handle_, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_.easy_perform(handle_);
  long status = 0;
  curl_.easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  curl_.easy_reset(handle_);
  curl_.slist_free_all(headers);
  if (rc != CURLE_OK)
    throw S3Error("S3 " + method + " " + what + ": " + (error[0] ? error : curl_.easy_strerror(rc)), 0);
  return status;
}

void S3Client::create_bucket(const std::string& bucket)
{
  response_.clear();
  std::string u = url(bucket, "");
  curl_.easy_setopt(handle_, CURLOPT_URL, u.c_str());
  curl_.easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_.easy_setopt(handle_, CURLOPT_POSTFIELDS, "");
  curl_.easy_setopt(handle_, CURLOPT_WRITEFUNCTION, collect);
  curl_.easy_setopt(handle_, CURLOPT_WRITEDATA, &response_);
  long status = perform("PUT", "bucket " + bucket, false);
  if (status == 200 || (status == 409 && error_code(response_) == "BucketAlreadyOwnedByYou"))
    return;
  if (status == 409 && error_code(response_) == "BucketAlreadyExists")
    return;
  throw S3Error("S3 PUT bucket " + bucket + ": HTTP " + std::to_string(status) + " " + error_code(response_), status);
}

void S3Client::put_file(const std::string& bucket, const std::string& key, const std::string& path)
{
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f)
    throw S3Error("S3 PUT " + bucket + "/" + key + ": cannot read " + path, 0);
  std::fseek(f.get(), 0, SEEK_END);
  long size = std::ftell(f.get());
  std::fseek(f.get(), 0, SEEK_SET);
  response_.clear();
  std::string u = url(bucket, key);
  curl_.easy_setopt(handle_, CURLOPT_URL, u.c_str());
  curl_.easy_setopt(handle_, CURLOPT_UPLOAD, 1L);
  curl_.easy_setopt(handle_, CURLOPT_READDATA, f.get());
  curl_.easy_setopt(handle_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
  curl_.easy_setopt(handle_, CURLOPT_WRITEFUNCTION, collect);
  curl_.easy_setopt(handle_, CURLOPT_WRITEDATA, &response_);
  long status = perform("PUT", bucket + "/" + key, true);
  if (status != 200)
    throw S3Error("S3 PUT " + bucket + "/" + key + ": HTTP " + std::to_string(status) + " " + error_code(response_),
                  status);
}

void S3Client::get_file(const std::string& bucket, const std::string& key, const std::string& path)
{
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!f)
    throw S3Error("S3 GET " + bucket + "/" + key + ": cannot write " + path, 0);
  std::string u = url(bucket, key);
  curl_.easy_setopt(handle_, CURLOPT_URL, u.c_str());
  curl_.easy_setopt(handle_, CURLOPT_WRITEFUNCTION, write_file);
  curl_.easy_setopt(handle_, CURLOPT_WRITEDATA, f.get());
  long status = perform("GET", bucket + "/" + key, false);
  if (std::fflush(f.get()) != 0)
    throw S3Error("S3 GET " + bucket + "/" + key + ": cannot write " + path, 0);
  if (status != 200)
    throw S3Error("S3 GET " + bucket + "/" + key + ": HTTP " + std::to_string(status), status);
}

bool S3Client::exists(const std::string& bucket, const std::string& key)
{
  std::string u = url(bucket, key);
  curl_.easy_setopt(handle_, CURLOPT_URL, u.c_str());
  curl_.easy_setopt(handle_, CURLOPT_NOBODY, 1L);
  long status = perform("HEAD", bucket + "/" + key, false);
  if (status == 200)
    return true;
  if (status == 404)
    return false;
  throw S3Error("S3 HEAD " + bucket + "/" + key + ": HTTP " + std::to_string(status), status);
}

} // namespace contsim::real

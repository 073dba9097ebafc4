#include "sim/core/BlockSink.hpp"

#include <sched.h>
#include <zstd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace contsim {
namespace {

class FileBlockSink final : public BlockSink {
public:
  FileBlockSink(std::FILE* file, bool unbuffered) : file_(file)
  {
    if (unbuffered)
      std::setvbuf(file_, nullptr, _IONBF, 0);
  }
  ~FileBlockSink() override
  {
    if (file_)
      std::fclose(file_);
  }
  void write(Block& block) override
  {
    put(block.data.get(), block.size);
    block.size = 0;
  }
  bool close(int& error) override
  {
    bool ok = !failed_ && std::fflush(file_) == 0;
    int e = error_ ? error_ : errno;
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    error = ok ? 0 : (e ? e : errno);
    return ok;
  }
  void put(const char* data, std::size_t n)
  {
    errno = 0;
    if (n && std::fwrite(data, 1, n, file_) != n && !failed_) {
      failed_ = true;
      error_ = errno;
    }
  }

private:
  std::FILE* file_;
  bool failed_ = false;
  int error_ = 0;  // errno of the first failed write
};

// One zstd frame over the whole file, compressed block by block (streaming), at zstd's default
// level: for the same bytes and library version the output is the same bytes.
class ZstdBlockSink final : public BlockSink {
public:
  explicit ZstdBlockSink(std::FILE* file) : file_(file, false), cctx_(ZSTD_createCCtx()), out_(ZSTD_CStreamOutSize())
  {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, ZSTD_CLEVEL_DEFAULT);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdBlockSink() override { ZSTD_freeCCtx(cctx_); }
  void write(Block& block) override
  {
    compress(block.data.get(), block.size, ZSTD_e_continue);
    block.size = 0;
  }
  bool close(int& error) override
  {
    compress(nullptr, 0, ZSTD_e_end);
    return file_.close(error) && !failed_;
  }

private:
  void compress(const char* data, std::size_t n, ZSTD_EndDirective mode)
  {
    ZSTD_inBuffer in{data, n, 0};
    for (;;) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      std::size_t left = ZSTD_compressStream2(cctx_, &out, &in, mode);
      if (ZSTD_isError(left)) {
        failed_ = true;
        return;
      }
      file_.put(out_.data(), out.pos);
      if (mode == ZSTD_e_end ? left == 0 : in.pos == in.size)
        return;
    }
  }
  FileBlockSink file_;
  ZSTD_CCtx* cctx_;
  std::vector<char> out_;
  bool failed_ = false;
};

// Runs another sink on a thread of its own. The queue holds at most kQueuedBlocks full blocks;
// a writer that gets ahead waits (memory stays bounded). Emptied blocks come back for reuse.
class ThreadedBlockSink final : public BlockSink {
public:
  explicit ThreadedBlockSink(std::unique_ptr<BlockSink> inner) : inner_(std::move(inner)), thread_([this] { loop(); }) {}
  ~ThreadedBlockSink() override { stop(); }
  void write(Block& block) override
  {
    std::unique_lock<std::mutex> lock(mutex_);
    space_.wait(lock, [this] { return full_.size() < kQueuedBlocks; });
    Block fresh;
    if (!free_.empty()) {
      fresh = std::move(free_.back());
      free_.pop_back();
    } else {
      fresh = Block(block.capacity);
    }
    full_.push_back(std::move(block));
    block = std::move(fresh);
    work_.notify_one();
  }
  bool close(int& error) override
  {
    stop();
    return inner_->close(error);
  }

private:
  void stop()
  {
    if (!thread_.joinable())
      return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    work_.notify_one();
    thread_.join();
  }
  void loop()
  {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      work_.wait(lock, [this] { return done_ || !full_.empty(); });
      if (full_.empty())
        return;  // done, and everything written
      Block block = std::move(full_.front());
      full_.pop_front();
      space_.notify_one();
      lock.unlock();
      inner_->write(block);
      block.size = 0;
      lock.lock();
      free_.push_back(std::move(block));
    }
  }
  std::unique_ptr<BlockSink> inner_;
  std::mutex mutex_;
  std::condition_variable work_, space_;
  std::deque<Block> full_;
  std::vector<Block> free_;
  bool done_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

} // namespace

std::string compressed_name(const std::string& path, Compression compression)
{
  return compression == Compression::zstd ? path + ".zst" : path;
}

std::unique_ptr<BlockSink> open_block_sink(const std::string& open_as, Compression compression, bool threaded,
                                           bool unbuffered)
{
  std::FILE* file = std::fopen(open_as.c_str(), "wb");
  if (!file)
    return nullptr;
  std::unique_ptr<BlockSink> sink;
  if (compression == Compression::zstd)
    sink = std::make_unique<ZstdBlockSink>(file);
  else
    sink = std::make_unique<FileBlockSink>(file, unbuffered);
  if (threaded)
    sink = std::make_unique<ThreadedBlockSink>(std::move(sink));
  return sink;
}

std::unique_ptr<BlockSink> on_writer_thread(std::unique_ptr<BlockSink> inner)
{
  return std::make_unique<ThreadedBlockSink>(std::move(inner));
}

bool writer_threads_by_default()
{
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) != 0)
    return std::thread::hardware_concurrency() > 1;
  return CPU_COUNT(&cpus) > 1;
}

} // namespace contsim

// Where the bytes of one output file go, a block at a time: straight to the file, through a
// zstd compressor, and either on the calling thread or on a writer thread of its own. A CSV
// writer formats rows into a block and hands the full block over; what happens to it after
// that (compression, the write system call) is the sink's business, so a run can spend its
// second core on it.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace contsim {

/// One block of bytes on its way to a file: `size` bytes used of `capacity`. Blocks are
/// recycled: a sink hands back an empty one (with its capacity) for each full one it takes.
struct Block {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::size_t capacity = 0;
  explicit Block(std::size_t cap = 0) : data(cap ? new char[cap] : nullptr), capacity(cap) {}
};

class BlockSink {
public:
  virtual ~BlockSink() = default;
  /// Takes `block` (the caller's, swapped for an empty one of at least the same capacity).
  virtual void write(Block& block) = 0;
  /// Writes what is pending and closes the file; false when any byte did not reach it, with
  /// errno's value in `error` (0 when unknown).
  virtual bool close(int& error) = 0;
};

/// How an output's bytes are encoded on disk.
enum class Compression {
  none,  // NAME
  zstd,  // NAME.zst, a zstd frame (zstd -d reads it)
};

/// The file's name once compressed: NAME.zst for zstd, NAME otherwise.
std::string compressed_name(const std::string& path, Compression compression);

/// Opens `open_as` for writing (nullptr and errno set when it cannot be), compressing as asked.
/// With `threaded`, compression and writes run on a writer thread fed by a bounded queue of
/// blocks (at most `kQueuedBlocks` in flight: memory stays bounded when the disk is slow);
/// bytes reach the file in the order they were written, so the output is the same either way.
std::unique_ptr<BlockSink> open_block_sink(const std::string& open_as, Compression compression, bool threaded,
                                           bool unbuffered = false);
inline constexpr std::size_t kQueuedBlocks = 4;

/// Runs `inner` on a thread of its own, fed by a bounded queue of at most kQueuedBlocks full
/// blocks (the caller waits when it gets that far ahead); blocks reach `inner` in order.
std::unique_ptr<BlockSink> on_writer_thread(std::unique_ptr<BlockSink> inner);

/// Whether outputs get a writer thread by default: when this process may use more than one core.
bool writer_threads_by_default();

} // namespace contsim

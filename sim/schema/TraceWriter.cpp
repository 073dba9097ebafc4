#include "sim/schema/TraceWriter.hpp"

#include "sim/schema/PackedTraceRecord.hpp"
#include "sim/schema/Schema.hpp"

#include <algorithm>

#include <cstring>

namespace contsim {

const char* to_string(InvocationStatus s)
{
  switch (s) {
    case InvocationStatus::ok: return "ok";
    case InvocationStatus::timeout: return "timeout";
    case InvocationStatus::failed: return "failed";
    case InvocationStatus::delegated: return "delegated";
    case InvocationStatus::duplicate: return "duplicate";
    case InvocationStatus::error: return "error";
    case InvocationStatus::interrupted: return "interrupted";
  }
  return "?";
}

bool parse_status(std::string_view text, InvocationStatus& out)
{
  for (auto s : {InvocationStatus::ok, InvocationStatus::timeout, InvocationStatus::failed,
                 InvocationStatus::delegated, InvocationStatus::duplicate, InvocationStatus::error,
                 InvocationStatus::interrupted})
    if (text == to_string(s)) {
      out = s;
      return true;
    }
  return false;
}

namespace {

// Options for the file itself: with a writer thread of the trace's own, the rows are formatted
// and written on it, so the buffer under it writes where it is called.
CsvOptions file_options(CsvOptions options)
{
  options.threaded = false;
  return options;
}

// The writer thread's end of the queue: each block of packed records becomes rows in `out`, and
// goes to the follower, if any.
class RowFormatter final : public BlockSink {
public:
  RowFormatter(CsvBuffer& out, RecordSink* const& follower) : out_(out), follower_(follower) {}
  void write(Block& block) override
  {
    const char* p = block.data.get();
    const char* end = p + block.size;
    TraceRecord r;
    int function, service;
    RecordSink* follower = follower_;
    while (p < end) {
      p = packed_trace::unpack(p, r, function, service);
      TraceWriter::write_row(out_, r);
      if (follower)
        follower->on_attempt(r, function, service);
    }
    block.size = 0;
  }
  bool close(int& error) override
  {
    error = 0;
    return true;  // the owner finishes out_, and learns there whether it was written
  }

private:
  CsvBuffer& out_;
  RecordSink* const& follower_;  // the TraceWriter's, set before the first block
};

} // namespace

TraceWriter::TraceWriter(const std::string& path, CsvOptions options, std::uint64_t every)
    : out_(path, file_options(options)), every_(every < 1 ? 1 : every)
{
  out_.raw(schema::trace_table().version_line());
  out_.end_row();
  if (every_ > 1) {
    out_.raw("# sampled: every " + std::to_string(every_) + "th attempt in the order they ended (1, " +
             std::to_string(1 + every_) + ", " + std::to_string(1 + 2 * every_) +
             ", ...); summary.json counts every attempt");
    out_.end_row();
  }
  out_.raw(schema::trace_table().header());
  out_.end_row();
  // Started last: the thread takes out_ over from here.
  if (options.threaded && options.publish == CsvPublish::when_complete) {
    writer_thread_ = on_writer_thread(std::make_unique<RowFormatter>(out_, follower_));
    packed_ = Block(kPackedBlockBytes);
  }
}

TraceWriter::~TraceWriter()
{
  if (writer_thread_) {
    int error = 0;
    writer_thread_->close(error);  // joins: out_ is not destroyed under the thread
  }
}

bool TraceWriter::follow(RecordSink* follower)
{
  if (!writer_thread_ || every_ != 1 || rows_ > 0)
    return false;
  follower_ = follower;  // the first block's hand-over (a mutex) publishes it to the writer thread
  return true;
}

void TraceWriter::pack(const TraceRecord& r, int function, int service)
{
  std::size_t n = packed_trace::packed_size(r);
  if (packed_.capacity - packed_.size < n) {
    if (packed_.size)
      writer_thread_->write(packed_);  // swapped for an empty block
    if (packed_.capacity < n)
      packed_ = Block(std::max(n, kPackedBlockBytes));
  }
  char* end = packed_trace::pack(packed_.data.get() + packed_.size, r, function, service);
  packed_.size = static_cast<std::size_t>(end - packed_.data.get());
}

void TraceWriter::stop_writer_thread()
{
  if (!writer_thread_)
    return;
  if (packed_.size)
    writer_thread_->write(packed_);
  int error = 0;
  writer_thread_->close(error);
  writer_thread_.reset();
}

void TraceWriter::finish()
{
  stop_writer_thread();
  out_.finish();
}

// Column order: schema::trace_table(); the round-trip test (TraceReader) keeps the two in step.
// The row is formatted in one go into room reserved for its longest form (no capacity check per
// field); a time's digits are made in two words and stored with two writes, and a time equal to
// an earlier one of the row (t_start = t_trigger without a queue, t_end = t_exec_end without
// outputs, t_stage_in = t_start...) stores that field's words again.
void TraceWriter::write_row(CsvBuffer& out, const TraceRecord& r)
{
  static const std::string_view kStatus[] = {"ok", "timeout", "failed", "delegated", "duplicate", "error", "interrupted"};
  static_assert(sizeof kStatus / sizeof kStatus[0] == kInvocationStatuses);
  auto status = static_cast<std::size_t>(r.status);
  const std::string_view texts[] = {r.function, r.platform, r.site, r.node, r.input,
                                    status < kInvocationStatuses ? kStatus[status] : std::string_view(to_string(r.status)),
                                    r.delegated_to, r.mechanism};
  std::size_t bound = 12 * number_format::kMaxChars + 24;
  for (auto t : texts)
    bound += 2 * t.size() + 2;
  char* p = out.reserve(bound);
  p = number_format::put_unsigned(p, r.id);
  *p++ = ',';
  for (int i = 0; i < 5; ++i) {
    p = CsvBuffer::put_text(p, texts[i]);
    *p++ = ',';
  }
  const double times[] = {r.t_trigger, r.t_start, r.t_exec_start, r.t_exec_end, r.t_end, r.t_stage_in};
  std::uint64_t whole[6], decimals[6];
  int whole_digits[6];
  bool in_words[6];  // the time's digits are in whole/decimals (below 9.9e7 s)
  for (int i = 0; i < 6; ++i) {
    double t = times[i];
    in_words[i] = false;
    if (t >= 0) {
      int same = i - 1;
      while (same >= 0 && !(times[same] == t))
        --same;
      if (same >= 0 && in_words[same]) {  // equal to an earlier field: its digits again
        whole[i] = whole[same];
        decimals[i] = decimals[same];
        whole_digits[i] = whole_digits[same];
        in_words[i] = true;
      } else {
        in_words[i] = number_format::fixed6_words(t, whole[i], decimals[i], whole_digits[i]);
      }
      if (in_words[i])
        p = number_format::put_fixed6_words(p, whole[i], decimals[i], whole_digits[i]);
      else if (!(p = number_format::put_fixed(p, t, 6)))
        return write_row_slowly(out, r);
    }
    *p++ = ',';
    if (i == 4) {  // the columns between t_end and t_stage_in
      *p++ = r.cold_start ? '1' : '0';
      *p++ = ',';
      for (int k = 5; k < 8; ++k) {
        p = CsvBuffer::put_text(p, texts[k]);
        *p++ = ',';
      }
      if (r.billed_ms < 0)
        return write_row_slowly(out, r);
      p = number_format::put_unsigned(p, static_cast<std::uint64_t>(r.billed_ms));
      *p++ = ',';
      if (!(p = number_format::put_fixed(p, r.cost_usd, 12)))
        return write_row_slowly(out, r);
      *p++ = ',';
      if (r.parent_id != 0)
        p = number_format::put_unsigned(p, r.parent_id);
      *p++ = ',';
    }
  }
  if (r.memory_mb > 0 && !(p = number_format::put_fixed(p, r.memory_mb, 0)))
    return write_row_slowly(out, r);
  out.commit(p);
  out.end_row();
}

// A value out of the fast formatter's range (a negative count, a time or cost beyond 9e12):
// the row again, field by field through the buffer's checked writers. Nothing of the fast
// attempt was committed.
void TraceWriter::write_row_slowly(CsvBuffer& out, const TraceRecord& r)
{
  out.integer(static_cast<long long>(r.id));
  out.sep();
  out.text(r.function);
  out.sep();
  out.text(r.platform);
  out.sep();
  out.text(r.site);
  out.sep();
  out.text(r.node);
  out.sep();
  out.text(r.input);
  out.sep();
  out.optional_fixed(r.t_trigger, 6);
  out.optional_fixed(r.t_start, 6);
  out.optional_fixed(r.t_exec_start, 6);
  out.optional_fixed(r.t_exec_end, 6);
  out.optional_fixed(r.t_end, 6);
  out.integer(r.cold_start ? 1 : 0);
  out.sep();
  out.text(to_string(r.status));
  out.sep();
  out.text(r.delegated_to);
  out.sep();
  out.text(r.mechanism);
  out.sep();
  out.integer(r.billed_ms);
  out.sep();
  out.fixed(r.cost_usd, 12);
  out.sep();
  if (r.parent_id != 0)
    out.integer(static_cast<long long>(r.parent_id));
  out.sep();
  if (r.t_stage_in >= 0)
    out.fixed(r.t_stage_in, 6);
  out.sep();
  if (r.memory_mb > 0)
    out.fixed(r.memory_mb, 0);
  out.end_row();
}

} // namespace contsim

#include "sim/schema/TraceWriter.hpp"

#include "sim/schema/Schema.hpp"

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

TraceWriter::TraceWriter(const std::string& path, CsvOptions options, std::uint64_t every)
    : out_(path, options), every_(every < 1 ? 1 : every)
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
}

// Column order: schema::trace_table(); the round-trip test (TraceReader) keeps the two in step.
// The row is formatted in one go into room reserved for its longest form (no capacity check per
// field); a time equal to an earlier one of the row (t_start = t_trigger without a queue, t_end =
// t_exec_end without outputs, t_stage_in = t_start...) is copied from that field's digits.
void TraceWriter::write_row(const TraceRecord& r)
{
  ++rows_;
  static const std::string_view kStatus[] = {"ok", "timeout", "failed", "delegated", "duplicate", "error", "interrupted"};
  static_assert(sizeof kStatus / sizeof kStatus[0] == kInvocationStatuses);
  auto status = static_cast<std::size_t>(r.status);
  const std::string_view texts[] = {r.function, r.platform, r.site, r.node, r.input,
                                    status < kInvocationStatuses ? kStatus[status] : std::string_view(to_string(r.status)),
                                    r.delegated_to, r.mechanism};
  std::size_t bound = 12 * number_format::kMaxChars + 24;
  for (auto t : texts)
    bound += 2 * t.size() + 2;
  char* p = out_.reserve(bound);
  p = number_format::put_unsigned(p, r.id);
  *p++ = ',';
  for (int i = 0; i < 5; ++i) {
    p = CsvBuffer::put_text(p, texts[i]);
    *p++ = ',';
  }
  const double times[] = {r.t_trigger, r.t_start, r.t_exec_start, r.t_exec_end, r.t_end, r.t_stage_in};
  char* at[6];
  std::size_t length[6];
  for (int i = 0; i < 6; ++i) {
    at[i] = p;
    double t = times[i];
    if (t >= 0) {
      int same = i - 1;
      while (same >= 0 && !(times[same] == t))
        --same;
      if (same >= 0) {  // the digits an earlier field has: copied (32 bytes fit in a number's room)
        char digits[32];  // through a copy: the two ranges may overlap
        std::memcpy(digits, at[same], sizeof digits);
        std::memcpy(p, digits, sizeof digits);
        p += length[same];
      } else if (!(p = number_format::put_fixed(p, t, 6))) {
        return write_row_slowly(r);
      }
    }
    length[i] = static_cast<std::size_t>(p - at[i]);
    *p++ = ',';
    if (i == 4) {  // the columns between t_end and t_stage_in
      *p++ = r.cold_start ? '1' : '0';
      *p++ = ',';
      for (int k = 5; k < 8; ++k) {
        p = CsvBuffer::put_text(p, texts[k]);
        *p++ = ',';
      }
      if (r.billed_ms < 0)
        return write_row_slowly(r);
      p = number_format::put_unsigned(p, static_cast<std::uint64_t>(r.billed_ms));
      *p++ = ',';
      if (!(p = number_format::put_fixed(p, r.cost_usd, 12)))
        return write_row_slowly(r);
      *p++ = ',';
      if (r.parent_id != 0)
        p = number_format::put_unsigned(p, r.parent_id);
      *p++ = ',';
    }
  }
  if (r.memory_mb > 0 && !(p = number_format::put_fixed(p, r.memory_mb, 0)))
    return write_row_slowly(r);
  out_.commit(p);
  out_.end_row();
}

// A value out of the fast formatter's range (a negative count, a time or cost beyond 9e12):
// the row again, field by field through the buffer's checked writers. Nothing of the fast
// attempt was committed.
void TraceWriter::write_row_slowly(const TraceRecord& r)
{
  out_.integer(static_cast<long long>(r.id));
  out_.sep();
  out_.text(r.function);
  out_.sep();
  out_.text(r.platform);
  out_.sep();
  out_.text(r.site);
  out_.sep();
  out_.text(r.node);
  out_.sep();
  out_.text(r.input);
  out_.sep();
  out_.optional_fixed(r.t_trigger, 6);
  out_.optional_fixed(r.t_start, 6);
  out_.optional_fixed(r.t_exec_start, 6);
  out_.optional_fixed(r.t_exec_end, 6);
  out_.optional_fixed(r.t_end, 6);
  out_.integer(r.cold_start ? 1 : 0);
  out_.sep();
  out_.text(to_string(r.status));
  out_.sep();
  out_.text(r.delegated_to);
  out_.sep();
  out_.text(r.mechanism);
  out_.sep();
  out_.integer(r.billed_ms);
  out_.sep();
  out_.fixed(r.cost_usd, 12);
  out_.sep();
  if (r.parent_id != 0)
    out_.integer(static_cast<long long>(r.parent_id));
  out_.sep();
  if (r.t_stage_in >= 0)
    out_.fixed(r.t_stage_in, 6);
  out_.sep();
  if (r.memory_mb > 0)
    out_.fixed(r.memory_mb, 0);
  out_.end_row();
}

} // namespace contsim

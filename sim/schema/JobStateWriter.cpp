#include "sim/schema/JobStateWriter.hpp"

#include "sim/core/NumberFormat.hpp"
#include "sim/schema/Schema.hpp"

#include <cstring>

namespace contsim {

JobStateWriter::JobStateWriter(const std::string& path, CsvOptions options) : out_(path, options)
{
  out_.raw(schema::job_state_table().version_line());
  out_.end_row();
  out_.raw(schema::job_state_table().header());
  out_.end_row();
}

// The row in one go, into room reserved for its longest form (as TraceWriter::write_row); a time
// beyond the fast formatter's range takes the field-by-field path.
void JobStateWriter::write(unsigned long long id, std::string_view function, std::string_view service,
                           const char* state, double t)
{
  std::size_t state_size = std::strlen(state);
  char* p = out_.reserve(2 * number_format::kMaxChars + 2 * (function.size() + service.size()) + state_size + 8);
  p = number_format::put_unsigned(p, id);
  *p++ = ',';
  p = CsvBuffer::put_text(p, function);
  *p++ = ',';
  p = CsvBuffer::put_text(p, service);
  *p++ = ',';
  std::memcpy(p, state, state_size);
  p += state_size;
  *p++ = ',';
  if (!(p = number_format::put_fixed(p, t, 6))) {
    write_slowly(id, function, service, state, t);
    return;
  }
  out_.commit(p);
  out_.end_row();
}

void JobStateWriter::write_slowly(unsigned long long id, std::string_view function, std::string_view service,
                                  const char* state, double t)
{
  out_.integer(static_cast<long long>(id));
  out_.sep();
  out_.text(function);
  out_.sep();
  out_.text(service);
  out_.sep();
  out_.raw(state);
  out_.sep();
  out_.fixed(t, 6);
  out_.end_row();
}

} // namespace contsim

#include "sim/schema/JobStateWriter.hpp"

#include "sim/schema/Schema.hpp"

namespace contsim {

JobStateWriter::JobStateWriter(const std::string& path, CsvOptions options) : out_(path, options)
{
  out_.raw(schema::job_state_table().version_line());
  out_.end_row();
  out_.raw(schema::job_state_table().header());
  out_.end_row();
}

void JobStateWriter::write(unsigned long long id, std::string_view function, std::string_view service,
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

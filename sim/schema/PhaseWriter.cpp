#include "sim/schema/PhaseWriter.hpp"

#include "sim/schema/Schema.hpp"

namespace contsim {

PhaseWriter::PhaseWriter(const std::string& path, CsvOptions options) : out_(path, options)
{
  out_.raw(schema::phase_table().version_line());
  out_.end_row();
  out_.raw(schema::phase_table().header());
  out_.end_row();
}

void PhaseWriter::write(const PhaseRecord& r)
{
  out_.integer(static_cast<long long>(r.id));
  out_.sep();
  out_.text(r.function);
  out_.sep();
  out_.text(r.service);
  out_.sep();
  out_.text(r.phase);
  out_.sep();
  out_.text(r.ran_on);
  out_.sep();
  out_.text(r.where);
  out_.sep();
  out_.fixed(r.t_start, 6);
  out_.sep();
  out_.fixed(r.t_end, 6);
  out_.end_row();
}

} // namespace contsim

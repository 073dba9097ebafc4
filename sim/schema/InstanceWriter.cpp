#include "sim/schema/InstanceWriter.hpp"

#include "sim/schema/Schema.hpp"

namespace contsim {

InstanceWriter::InstanceWriter(const std::string& path, CsvOptions options) : out_(path, options)
{
  out_.raw(schema::instance_table().version_line());
  out_.end_row();
  out_.raw(schema::instance_table().header());
  out_.end_row();
}

void InstanceWriter::write(const InstanceRecord& r)
{
  out_.text(r.service);
  out_.sep();
  out_.text(r.group);
  out_.sep();
  out_.text(r.instance);
  out_.sep();
  out_.text(r.type);
  out_.sep();
  out_.optional_fixed(r.t_launched, 6);
  out_.optional_fixed(r.t_ready, 6);
  out_.optional_fixed(r.t_terminated, 6);
  out_.integer(r.up_at_end ? 1 : 0);
  out_.sep();
  out_.integer(r.jobs);
  out_.sep();
  out_.fixed(r.busy_s, 6);
  out_.sep();
  out_.optional_fixed(r.idle_before_termination_s, 6);
  out_.integer(r.billed_s);
  out_.sep();
  out_.fixed(r.cost_usd, 12);
  out_.sep();
  if (r.energy_wh >= 0)
    out_.fixed(r.energy_wh, 6);
  out_.sep();
  if (r.t_drain >= 0)
    out_.fixed(r.t_drain, 6);
  out_.end_row();
}

} // namespace contsim

#include "sim/JobStateWriter.hpp"

namespace contsim {

JobStateWriter::JobStateWriter(const std::string& path) : out_(path)
{
  out_.raw(kHeader);
  out_.end_row();
}

void JobStateWriter::write(unsigned long long id, const std::string& function, const std::string& service,
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

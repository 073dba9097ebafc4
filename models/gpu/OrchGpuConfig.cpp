#include "models/gpu/OrchGpuConfig.hpp"

#include "sim/fdl/Fdl.hpp"

namespace contsim::gpu {

const std::vector<ParamField<OrchGpuParameters>>& orchgpu_parameter_table()
{
  static const std::vector<ParamField<OrchGpuParameters>> table{
      {{"s3_to_sqs_s", 0.5, "s", "from the upload being stored to its S3 event being in the SQS queue",
        "assumed: gpu.md U6 (0.1-2 s, no source)", 0, 3600},
       &OrchGpuParameters::s3_to_sqs_s},
      {{"long_poll_s", 20, "s", "ReceiveMessage's long poll (WaitTimeSeconds; one message at a time)",
        "gpu.md O4 (orchGPU's -w)", 0, 20},
       &OrchGpuParameters::long_poll_s},
      {{"empty_sleep_s", 10, "s", "sleep after an empty receive before polling again", "gpu.md O5 (-u)", 0, 3600},
       &OrchGpuParameters::empty_sleep_s},
      {{"busy_retry_s", 30, "s", "sleep before asking SSGM again when it answers busy (the loop blocks)",
        "gpu.md O6 (-s)", 0, 86400},
       &OrchGpuParameters::busy_retry_s},
      {{"output_poll_s", 60, "s", "interval of the job's ListObjectsV2 polls of the output bucket", "gpu.md O7 (-b)", 1,
        86400},
       &OrchGpuParameters::output_poll_s},
      {{"visibility_timeout_s", 30, "s", "the paper variant: a message not deleted reappears after this",
        "gpu.md O3 (-v), O15 (SQS default 30 s)", 0, 43200},
       &OrchGpuParameters::visibility_timeout_s},
      {{"tar_s", 0.1, "s", "writing the rCUDA variables and tar -czf of them with the input",
        "assumed: a small text input (gpu.md O11)", 0, 3600},
       &OrchGpuParameters::tar_s},
      {{"tarball_extra_bytes", 1024, "B", "the tarball's size beyond the input's (tar headers, the variables file)",
        "assumed: tar headers of two files", 0, 1e9},
       &OrchGpuParameters::tarball_extra_bytes},
  };
  return table;
}

std::vector<ParamSpec> orchgpu_parameter_specs()
{
  return specs_of(orchgpu_parameter_table());
}

namespace {

StorageIo read_path(MapReader& entry, const char* key)
{
  YamlRef ref = entry.required(key);
  StorageIo io = parse_storage_io(ref);
  if (io.provider_type != "s3")
    ref.fail("orchGPU reads and writes S3 buckets (storage_provider: s3), not " + io.provider_type);
  if (!io.suffix.empty() || !io.prefix.empty())
    ref.fail("orchGPU takes every object under its paths: no suffix or prefix filters");
  return io;
}

} // namespace

std::shared_ptr<const ServiceConfig> OrchGpuConfig::read(const ServiceConfigContext& context)
{
  auto c = std::make_shared<OrchGpuConfig>();
  MapReader entry(context.decl.config);
  for (const char* k : {"kind", "site", "region"})
    entry.optional(k);
  if (auto p = entry.optional("parameters")) {
    MapReader pr(*p);
    pr.optional("orchgpu");
    pr.finish();
  }
  for (const auto& l : context.layers("orchgpu"))
    c->params.apply(l);
  c->p = read_params(c->params, orchgpu_parameter_table());
  YamlRef server = entry.required("gpu_server");
  c->gpu_server = server.as_string();
  std::string known;
  for (std::size_t s = 0; context.services && s < context.services->size(); ++s) {
    const ServiceDecl& d = (*context.services)[s];
    if (d.kind != "gpu-server")
      continue;
    known += (known.empty() ? "" : ", ") + d.name;
    if (d.name == c->gpu_server)
      c->gpu_server_index = static_cast<int>(s);
  }
  if (c->gpu_server_index < 0)
    server.fail("'" + c->gpu_server + "' is no gpu-server of the platform (" + (known.empty() ? "none" : known) + ")");
  if (auto v = entry.optional("variant")) {
    std::string variant = v->as_string();
    if (variant != "code" && variant != "paper")
      v->fail("variant is code (grycap/orchgpu as released) or paper (S3 §3.3's SQS-triggered variant)");
    c->paper_variant = variant == "paper";
  }
  c->watches.push_back(read_path(entry, "input"));
  c->watches.push_back(read_path(entry, "output"));
  c->writes.push_back(read_path(entry, "intermediate"));
  entry.finish();
  return c;
}

void OrchGpuConfig::check_calibration(const CalibrationSource& calibration, const std::string&)
{
  ParameterSet p{orchgpu_parameter_specs()};
  for (const auto& l : calibration.layers("orchgpu"))
    p.apply(l);
  read_params(p, orchgpu_parameter_table());
}

nlohmann::ordered_json OrchGpuConfig::describe() const
{
  return {{"gpu_server", gpu_server},
          {"variant", paper_variant ? "paper" : "code"},
          {"input", watches[0].path},
          {"intermediate", writes[0].path},
          {"output", watches[1].path}};
}

} // namespace contsim::gpu

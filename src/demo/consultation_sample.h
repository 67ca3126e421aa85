// The bundled sample of real EU consultations (feeds/sample/consultations.csv)
// and a loopback server that offers them as Have your say API pages, so that
// `omvarld demo` runs the real feed collector offline.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct SampleConsultation {
  std::string id, title;
  std::vector<std::string> topics;
  std::string opens, closes;  // ISO dates
};

Result<std::vector<SampleConsultation>> parse_consultation_sample(const std::string& csv_text,
                                                                  const std::string& source);
Result<std::vector<SampleConsultation>> load_consultation_sample(const std::string& path);
// The consultations sample of a data folder (core/paths.h):
// <data_dir>/feeds/sample/consultations.csv.
std::string shipped_consultation_sample(const std::string& data_dir);

// Page `page` (0-based) of `size` items in the shape of the Have your say
// search API (initiativeResultDtoPage.content[], totalPages). The feedback
// period is given in Brussels time as the API does ("2025/10/06 00:00:00");
// its status is OPEN or CLOSED as of `today` (ISO date).
std::string hys_page_json(const std::vector<SampleConsultation>& all, int page, int size,
                          const std::string& today);

// Serves /brpapi/searchInitiatives?page=N&size=M on 127.0.0.1.
class ConsultationMirror {
 public:
  ConsultationMirror(std::vector<SampleConsultation> items, std::string today);
  ~ConsultationMirror();
  Status start();
  void stop();
  // The URL of the first page, as sources.toml would name it.
  std::string first_page_url(int size) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omvarld

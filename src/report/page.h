// The page frame every HTML report shares: the digest, the benchmark report.
#pragma once

#include <string>

namespace omvarld {

// The shared page frame of the reports (head with inline CSS, header, footer).
std::string html_page(const std::string& title, const std::string& lang_code,
                      const std::string& body);

}  // namespace omvarld

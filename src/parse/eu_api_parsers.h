// Parsers for the two EU JSON APIs that have no feed. Pure.
//
// Have your say (Better Regulation portal), `brpapi/searchInitiatives`:
// pages of initiatives under `initiativeResultDtoPage.content[]` (the older
// shape: `_embedded.initiativeResultDtoes[]`), with `totalPages`. From each:
// id, reference, shortTitle, foreseenActType, topics[].label, and the
// current entry of currentStatuses[] (frontEndStage, receivingFeedbackStatus,
// feedbackStartDate/feedbackEndDate as "2026/05/13 15:08:21", Brussels time).
//
// Funding & Tenders (SEDIA search API): `results[]`, every metadata value an
// array; identifier, title, callTitle/caName, deadlineDate/startDate as
// "2026-10-06T13:00:00.000+0000", status 31094501 forthcoming / 31094502 open
// / 31094503 closed, type, frameworkProgramme; `totalResults`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "parse/feed_parser.h"

namespace omvarld {

struct ApiPage {
  std::vector<FeedItem> items;
  int total_pages =
      0;  // HYS: totalPages; SEDIA: derived from totalResults and page size (0: unknown)
  long total_items = 0;  // totalElements / totalResults when given
};

Result<ApiPage> parse_hys_page(std::string_view json, const std::string& source);
Result<ApiPage> parse_sedia_page(std::string_view json, int page_size, const std::string& source);

// The public page of an initiative:
// ".../have-your-say/initiatives/13698-VAT-package-for-travel-and-tourism".
std::string hys_initiative_link(const std::string& id, const std::string& title);

// "2026/05/13 15:08:21" in Europe/Brussels (CET/CEST) to Unix seconds UTC.
std::optional<int64_t> parse_brussels_time(std::string_view text);

}  // namespace omvarld

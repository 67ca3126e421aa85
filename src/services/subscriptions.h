// Subscriptions: who gets which digest (feeds/subscriptions.toml, documented
// there). Each [[subscriber]] is a committee (nämnd), company or person with
// its themes (named, or those relevance.toml gives its committee), the
// grades it wants, its language and its addresses. Parsing and choosing
// items are pure; load_subscriptions reads the file.
#pragma once

#include <string>
#include <vector>

#include "core/lang.h"
#include "core/result.h"
#include "relevance/relevance.h"
#include "store/item_store.h"

namespace omvarld {

struct Subscription {
  std::string name;                 // unique in the file; `--committee NAME` picks it
  std::string committee;            // whose themes, when `themes` is empty ("" = name)
  std::vector<std::string> themes;  // theme ids of relevance.toml; empty: the committee's
  std::vector<Grade> grades{Grade::kFlag, Grade::kLook};
  Lang lang = Lang::kSv;
  std::vector<std::string> to;  // addresses; empty: a digest written, never mailed
  std::string where;            // "FILE line N", for messages
};

// A kUsage Error naming `name` (the file) and the line for anything that is
// not a valid subscriber: a missing or repeated name, an unknown key, a
// grade other than flag/look, a language other than sv/en, a malformed
// address.
Result<std::vector<Subscription>> parse_subscriptions(const std::string& text,
                                                      const std::string& name);
Result<std::vector<Subscription>> load_subscriptions(const std::string& path);

// The subscriber of that name, or a kUsage Error listing the names there are.
Result<Subscription> find_subscription(const std::vector<Subscription>& subs,
                                       const std::string& name, const std::string& file);

// Whether a theme's committee field ("Stadsbyggnadsnämnden,
// Exploateringsnämnden", "Kommunstyrelsen (säkerhet och beredskap)") names
// `committee`: one of its comma-separated parts is it, or is it followed by
// a parenthesis.
bool committee_owns(const std::string& theme_committee, const std::string& committee);

// The theme ids the subscriber reads: its own list (each checked against
// `rules`), or the themes `rules` gives its committee. A kUsage Error naming
// the subscriber's line when a theme is unknown or the committee owns none
// (listing the committees relevance.toml names).
Result<std::vector<std::string>> subscription_themes(const Subscription& s,
                                                     const RelevanceRules& rules);

// The items of `items` with a grade of `s` and any theme among `themes`
// (any of an item's themes, not only its first), in their order.
std::vector<StoredItem> subscribed_items(const std::vector<StoredItem>& items,
                                         const Subscription& s,
                                         const std::vector<std::string>& themes);

}  // namespace omvarld

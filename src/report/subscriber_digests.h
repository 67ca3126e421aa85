// Each committee's watch: the digest of one subscriber (feeds/
// subscriptions.toml, services/subscriptions.h) written to a file, and
// every subscriber's digest sent by mail through a MailSender.
//
// What is "new" is remembered per digest in the decisions database
// (digests table): kind "flags NAME" for a committee's file, "mail NAME
// ADDRESS" for each address, recorded only once that address's mail was
// accepted. So a failed send is retried by the next run, with everything
// new since the last digest that address got; and with nothing new (no new
// item, no news) no mail goes out unless send_empty. A failure is logged
// with the address and never stops the other addresses or subscribers.
// Side effects: reads the database and configuration, writes files,
// records digests, sends mail.
#pragma once

#include <string>
#include <vector>

#include "core/log.h"
#include "net/mail.h"
#include "report/flags_report.h"
#include "services/settings.h"
#include "services/subscriptions.h"

namespace omvarld {

struct SubscriberDigestOptions {
  std::string subscriptions;         // the subscriptions file; "" = <feeds>/subscriptions.toml
  std::string committee;             // one subscriber (or, absent from the file, a committee of
                                     // relevance.toml); "" = every subscriber
  std::vector<std::string> mail_to;  // one digest to these instead of the subscribers' addresses
  bool everyone = false;             // the whole digest (every flagged item), no subscriber
  std::string since;                 // ISO date or time; "" = since each one's last digest
  Lang lang = Lang::kSv;             // for a digest without a subscriber of its own
  std::string feeds_dir;             // holds relevance.toml; "" = the settings'
  std::string review_url;            // each item links to REVIEW_URL/items/ID; "" = none
  std::vector<DigestNews> news;      // "What moved", first in every digest
  // Writing (write_subscriber_digest).
  std::string out = "flags.html";
  bool markdown = false;
  // Mailing (mail_digests).
  std::string from;  // the sender address (envelope and From)
  std::string from_name = "omvarld";
  bool send_empty = false;  // mail a digest with nothing new too ("nothing new" in its subject)
  bool dry_run = false;     // render and log, but send and record nothing
};

// Writes one subscriber's digest (options.committee), or the whole digest
// (options.everyone, remembered as `omvarld report flags` remembers it), and
// its Markdown beside it on request; returns the paths.
Result<std::vector<std::string>> write_subscriber_digest(const Settings& settings,
                                                         const SubscriberDigestOptions& options,
                                                         const Log& log);

struct MailOutcome {
  int sent = 0;               // mails the server accepted
  int skipped = 0;            // nothing new
  std::vector<Error> failed;  // one per address not sent, naming it
};

// Sends each subscriber's digest (or the one of options.committee, or one
// digest to options.mail_to) to each of its addresses, one mail per address.
// An Error only for what stops every send (unreadable subscriptions,
// database); failed sends are in the outcome.
Result<MailOutcome> mail_digests(const Settings& settings, const SubscriberDigestOptions& options,
                                 MailSender& sender, const Log& log);

}  // namespace omvarld

// Error and Result<T>: the one error style of omvarld.
//
// Expected failures (network errors, HTTP errors, bad input, database trouble)
// travel as values. An Error has a kind, which the CLI maps to an exit code in
// one place (src/cli/main.cpp), and a message that names the source ("Eurostat
// urb_cpop1 (https://...): ...") so a person reading a log knows what failed.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace omvarld {

enum class ErrorKind {
  kUsage,     // the caller asked for something malformed (bad option, unknown id)
  kNotFound,  // a file, dataset, indicator or record does not exist
  kNetwork,   // could not connect, timed out, connection reset, truncated body
  kHttp,      // the server answered with an HTTP error status
  kSource,    // the source answered, but with an error body (Eurostat error JSON, SOAP fault)
  kTooLarge,  // the source or our cap refused the size of an extraction
  kParse,     // the bytes are not what the format promises (malformed JSON, HTML page, ...)
  kDatabase,  // SQLite failed
  kBusy,      // another harvest holds the lock
  kIo,        // local file trouble
};

const char* to_string(ErrorKind kind);

struct Error {
  ErrorKind kind;
  std::string message;
  int http_status = 0;  // set for kHttp/kSource/kTooLarge when known
  // What the person can do about it, when the failing code knows better than
  // the generic hint for `kind` (src/cli/main.cpp prints one of the two).
  std::string hint;

  // Returns a copy whose message is prefixed with `context: `.
  Error with_context(const std::string& context) const {
    Error e = *this;
    e.message = context + ": " + message;
    return e;
  }
  // Returns a copy with `hint` set.
  Error with_hint(std::string h) const {
    Error e = *this;
    e.hint = std::move(h);
    return e;
  }
};

inline Error make_error(ErrorKind kind, std::string message, int http_status = 0) {
  return Error{kind, std::move(message), http_status, {}};
}

// A value or an Error. Small by design: ok(), value(), error(), and
// operator-> for the value. Accessing the wrong side is a programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_{ErrorKind::kIo, {}, 0, {}};
  bool ok_ = true;
};

}  // namespace omvarld

// Early returns for the error path, so a function reads as its steps:
//   RETURN_IF_ERROR(store.commit());          // a Status or a Result<T>
//   ASSIGN_OR_RETURN(auto rows, query(db));   // declares or assigns the value
// Each returns the Error as it is; add context with Error::with_context where
// the caller knows more. `expr` is evaluated once. ASSIGN_OR_RETURN is more
// than one statement: after an `if`, put it in braces.
#define OMVARLD_CONCAT_INNER(a, b) a##b
#define OMVARLD_CONCAT(a, b) OMVARLD_CONCAT_INNER(a, b)
#define RETURN_IF_ERROR(expr)                                                                 \
  do {                                                                                        \
    if (auto omvarld_status_ = (expr); !omvarld_status_.ok()) return omvarld_status_.error(); \
  } while (0)
#define ASSIGN_OR_RETURN(lhs, expr) \
  OMVARLD_ASSIGN_OR_RETURN_IMPL(OMVARLD_CONCAT(omvarld_result_, __LINE__), lhs, expr)
// `lhs` may be a declaration ("auto x"), so it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define OMVARLD_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                                  \
  if (!result.ok()) return result.error();               \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#include "parse/gzip.h"

#include <zlib.h>

#include <algorithm>

#include "core/text.h"

namespace omvarld {

bool is_gzip(std::string_view b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f &&
         static_cast<unsigned char>(b[1]) == 0x8b;
}

namespace {
// RAII for a z_stream in inflate or deflate mode.
struct ZStream {
  z_stream s{};
  bool inflating;
  explicit ZStream(bool inflate) : inflating(inflate) {}
  ~ZStream() {
    if (inflating)
      inflateEnd(&s);
    else
      deflateEnd(&s);
  }
};
}  // namespace

Result<std::string> gunzip(std::string_view bytes, std::size_t max_bytes,
                           const std::string& source) {
  ZStream z(true);
  if (inflateInit2(&z.s, 15 + 32) != Z_OK)
    return make_error(ErrorKind::kParse, source + ": cannot start gzip decoder");
  z.s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.s.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  // A gzip stream ends with its size (mod 2^32): reserve that when it is
  // within the cap, so an honest stream is inflated without reallocating.
  size_t hint = bytes.size() * 4;
  if (is_gzip(bytes) && bytes.size() >= 18) {
    const auto* t = reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - 4);
    hint = size_t{t[0]} | size_t{t[1]} << 8 | size_t{t[2]} << 16 | size_t{t[3]} << 24;
  }
  // (deflate expands at most 1032-fold, so a lying trailer cannot ask for more.)
  out.reserve(std::min({hint, max_bytes, bytes.size() * 1032 + 64}));
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.s.next_out = reinterpret_cast<Bytef*>(buf);
    z.s.avail_out = sizeof buf;
    rc = inflate(&z.s, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      if (rc == Z_BUF_ERROR)
        return make_error(ErrorKind::kParse, source + ": gzip stream is truncated");
      return make_error(ErrorKind::kParse, source + ": corrupt gzip stream (" +
                                               std::string(z.s.msg ? z.s.msg : "zlib error") + ")");
    }
    const size_t produced = sizeof buf - z.s.avail_out;
    // Refused before the bytes are kept: memory never exceeds the cap.
    if (out.size() + produced > max_bytes)
      return make_error(ErrorKind::kTooLarge,
                        source + ": decompressed body exceeds the cap of " +
                            with_thousands(static_cast<long long>(max_bytes)) +
                            " bytes (stopped inflating after " +
                            with_thousands(static_cast<long long>(out.size())) + " bytes from " +
                            with_thousands(static_cast<long long>(z.s.total_in)) + " compressed)");
    out.append(buf, produced);
    if (rc == Z_OK && z.s.avail_in == 0 && z.s.avail_out != 0)
      return make_error(ErrorKind::kParse, source + ": gzip stream is truncated");
  }
  return out;
}

std::string gzip_compress(std::string_view bytes) {
  ZStream z(false);
  deflateInit2(&z.s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.s.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buf[1 << 16];
  int rc;
  do {
    z.s.next_out = reinterpret_cast<Bytef*>(buf);
    z.s.avail_out = sizeof buf;
    rc = deflate(&z.s, Z_FINISH);
    out.append(buf, sizeof buf - z.s.avail_out);
  } while (rc == Z_OK);
  return out;
}

}  // namespace omvarld

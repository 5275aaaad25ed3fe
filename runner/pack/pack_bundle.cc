#include "runner/pack/pack_bundle.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "runner/fs/filesystem.h"
#include "runner/pack/left_out_paths.h"
#include "runner/pack/pack_tree.h"

namespace cdrun::pack {
namespace {

// Removes the temporary archive unless the rename has consumed it.
class TempArchive {
 public:
  explicit TempArchive(std::string path) : path_(std::move(path)) {}
  ~TempArchive() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempArchive(const TempArchive&) = delete;
  TempArchive& operator=(const TempArchive&) = delete;
  void release() { path_.clear(); }

 private:
  std::string path_;
};

mode_t creation_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

std::string file_sha256_hex(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!in || !context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    *error = "cannot compute the SHA-256 of " + path;
    return "";
  }
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(context.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = "cannot read " + path + " to compute its SHA-256";
    return "";
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

BundleResult write_bundle(const BundleRequest& request) {
  BundleResult result;
  TreeScan scan = scan_tree(request.directory, output_inside_directory(request.directory, request.output));
  if (!scan.error.empty()) {
    result.error = scan.error;
    return result;
  }
  std::string temp = request.output + ".tmp-XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    result.error = download::errno_message("cannot create a temporary file beside", request.output);
    return result;
  }
  TempArchive guard(temp);
  std::string error = write_archive(fd, request.format, scan.members, request.mtime);
  if (error.empty() && (::fchmod(fd, creation_mode()) != 0 || ::fsync(fd) != 0))
    error = download::errno_message("cannot write", temp);
  struct stat info {};
  if (error.empty() && ::fstat(fd, &info) != 0) error = download::errno_message("cannot read", temp);
  if (::close(fd) != 0 && error.empty()) error = download::errno_message("cannot write", temp);
  if (error.empty()) result.sha256 = file_sha256_hex(temp, &error);
  if (error.empty() && ::rename(temp.c_str(), request.output.c_str()) != 0)
    error = download::errno_message("cannot rename the new archive onto", request.output);
  if (!error.empty()) {
    result.error = error;
    result.sha256.clear();
    return result;
  }
  guard.release();
  result.members = scan.members.size();
  result.bytes = info.st_size;
  return result;
}

std::int64_t member_mtime(const char* source_date_epoch, std::string* error) {
  if (!source_date_epoch) return kFixedEpoch;
  const std::string text(source_date_epoch);
  constexpr std::int64_t kLast = 253402300799;  // 9999-12-31T23:59:59Z
  std::int64_t seconds = 0;
  bool valid = !text.empty() && text.size() <= 12;
  for (char c : text) {
    if (c < '0' || c > '9') valid = false;
    if (valid) seconds = seconds * 10 + (c - '0');
  }
  if (!valid || seconds > kLast) {
    *error = "SOURCE_DATE_EPOCH=" + text + " is not a number of seconds since 1970 (a decimal integer from 0 to " +
             std::to_string(kLast) + ")";
    return 0;
  }
  return seconds;
}

}  // namespace cdrun::pack

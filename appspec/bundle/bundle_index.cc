#include "appspec/bundle/bundle_index.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_set>

#include "appspec/bundle/bundle_path.h"

namespace cdrun {

namespace {

// Linux gives up after 40 links (MAXSYMLINKS); the same bound keeps a loop from spinning here.
constexpr int kMaxSymlinkHops = 40;

}  // namespace

BundleIndex::BundleIndex(const Bundle& bundle) : bundle_(bundle) {
  const auto& all = bundle.entries();
  entries_.reserve(all.size());
  directories_.insert(std::string_view());
  std::unordered_set<std::string_view> top;
  for (const BundleEntry& e : all) {
    if (e.escapes_root || e.path.empty()) continue;
    const std::string_view path(e.path);
    entries_[path] = &e;  // a later member overwrites an earlier one on extraction
    if (e.type == EntryType::directory) directories_.insert(path);
    top.insert(bundle_path::first_component(path));
    // Ancestors: stop at the first one already known, so the walk is linear overall.
    for (std::size_t slash = path.rfind('/'); slash != std::string_view::npos && slash > 0;
         slash = path.rfind('/', slash - 1)) {
      if (!directories_.insert(path.substr(0, slash)).second) break;
    }
  }
  top_level_.assign(top.begin(), top.end());
  std::sort(top_level_.begin(), top_level_.end());
}

const BundleIndex& Bundle::index() const {
  if (!index_) index_ = std::make_shared<const BundleIndex>(*this);
  return *index_;
}

const BundleEntry* BundleIndex::entry(const std::string& path) const {
  auto it = entries_.find(std::string_view(path));
  return it == entries_.end() ? nullptr : it->second;
}

bool BundleIndex::is_directory(const std::string& path) const {
  return directories_.count(std::string_view(path)) != 0;
}

std::vector<std::string> BundleIndex::children(const std::string& dir) const {
  std::set<std::string> names;
  const std::string prefix = dir.empty() ? std::string() : dir + "/";
  for (const BundleEntry& e : bundle_.entries()) {
    if (e.escapes_root || e.path.size() <= prefix.size()) continue;
    if (e.path.compare(0, prefix.size(), prefix) != 0) continue;
    names.insert(std::string(bundle_path::first_component(std::string_view(e.path).substr(prefix.size()))));
  }
  return {names.begin(), names.end()};
}

BundleIndex::Resolved BundleIndex::resolve(const std::string& path, bool follow_last) const {
  std::deque<std::string> pending;
  for (std::string_view part : bundle_path::split(path)) pending.emplace_back(part);
  std::vector<std::string> reached;
  int hops = 0;
  auto current = [&reached] {
    std::string out;
    for (const std::string& part : reached) out = bundle_path::join(out, part);
    return out;
  };

  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (reached.empty()) return {Status::outside, ".."};
      reached.pop_back();
      continue;
    }
    reached.push_back(part);
    const std::string here = current();
    const BundleEntry* e = entry(here);
    const bool last = pending.empty();
    if (e && e->type == EntryType::symlink && (!last || follow_last)) {
      if (++hops > kMaxSymlinkHops) return {Status::loop, here};
      if (!e->link_target.empty() && e->link_target.front() == '/') return {Status::outside, e->link_target};
      reached.pop_back();
      const auto target = bundle_path::split(e->link_target);
      for (auto it = target.rbegin(); it != target.rend(); ++it) pending.emplace_front(*it);
      continue;
    }
    if (is_directory(here)) continue;
    if (!e || !last) return {Status::missing, here};
  }
  return {Status::found, current()};
}

}  // namespace cdrun

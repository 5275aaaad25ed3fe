// Small filesystem helpers for the DownloadBundle step. Each reports failures as text naming the
// path and strerror, never throws, and works by file descriptor so that trees deeper than
// PATH_MAX can still be removed.
#pragma once

#include <string>
#include <vector>

namespace cdrun::download {

// "<what> <path>: <strerror(errno)>", read from the current errno.
std::string errno_message(const std::string& what, const std::string& path);

// `mkdir -p`: each missing directory is created with mode 0777 & ~umask.
bool make_directories(const std::string& path, std::string* error);

// `rm -rf`: removes `path` and everything under it without following symlinks. A missing path is
// success. Directories whose mode forbids removing their entries are made writable first (the
// agent runs as root and never meets this; cdrun may run unprivileged).
bool remove_tree(const std::string& path, std::string* error);

// The names in directory `path` other than "." and "..", in readdir order.
bool list_directory(const std::string& path, std::vector<std::string>* names, std::string* error);

// Whether `path` exists (lstat, so a dangling symlink exists).
bool path_exists(const std::string& path);

// Copies one regular file's bytes from `in` to `out`: copy_file_range, then sendfile, then
// read/write when the kernel or filesystem refuses the faster calls.
bool copy_file_bytes(int in, int out, std::string* why);

}  // namespace cdrun::download

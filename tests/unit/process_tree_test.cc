#include "runner/process/process_tree.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace cdrun {
namespace {

// A /proc/<pid>/stat line shaped like the kernel's: 52 fields, the start time at field 22.
std::string stat_line(const std::string& comm) {
  return "4242 (" + comm + ") S 17 4242 99 34816 4242 4194560 120 0 0 0 1 2 0 0 20 0 1 0 "
         "987654 2121728 200 18446744073709551615 1 1 0 0 0 0 0 0 65536 0 0 0 17 1 0 0 0 0 0 0 0 0 "
         "0 0 0 0 0\n";
}

TEST(ProcessTree, ParsesTheFieldsAfterTheCommandName) {
  ProcessInfo info;
  ASSERT_TRUE(parse_proc_stat(stat_line("sleep"), info));
  EXPECT_EQ(info.pid, 4242);
  EXPECT_EQ(info.state, 'S');
  EXPECT_EQ(info.ppid, 17);
  EXPECT_EQ(info.pgid, 4242);
  EXPECT_EQ(info.sid, 99);
  EXPECT_EQ(info.start_time, 987654u);
  EXPECT_FALSE(info.zombie());
}

TEST(ProcessTree, CommandNamesWithSpacesAndParenthesesDoNotShiftFields) {
  ProcessInfo info;
  ASSERT_TRUE(parse_proc_stat(stat_line("my (odd) prog) x"), info));
  EXPECT_EQ(info.ppid, 17);
  EXPECT_EQ(info.start_time, 987654u);
}

TEST(ProcessTree, TruncatedLineIsRejected) {
  ProcessInfo info;
  EXPECT_FALSE(parse_proc_stat("4242 (sleep) S 17 4242", info));
  EXPECT_FALSE(parse_proc_stat("garbage", info));
}

TEST(ProcessTree, ReadsOurOwnEntry) {
  ProcessInfo info;
  ASSERT_TRUE(read_process_info(::getpid(), info));
  EXPECT_EQ(info.pid, ::getpid());
  EXPECT_EQ(info.ppid, ::getppid());
  EXPECT_EQ(info.pgid, ::getpgrp());
  EXPECT_EQ(info.sid, ::getsid(0));
}

TEST(ProcessTree, FindsTheChildHoldingAPipeButNotUs) {
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    ::pause();
    ::_exit(0);
  }
  const unsigned long long inode = pipe_inode(fds[0]);
  EXPECT_NE(inode, 0u);
  const std::vector<PipeHolder> holders = find_pipe_holders({inode}, ::getpid());
  ASSERT_EQ(holders.size(), 1u);
  EXPECT_EQ(holders[0].pid, child);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(fds[0]);
  ::close(fds[1]);
  EXPECT_TRUE(find_pipe_holders({inode}, ::getpid()).empty());
}

TEST(ProcessTree, CommandLineJoinsArgumentsWithSpaces) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::execl("/bin/sleep", "sleep", "7", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string command;
  for (int i = 0; i < 200 && command != "sleep 7"; ++i) {  // until exec has happened
    command = process_command_line(child);
    ::usleep(10000);
  }
  EXPECT_EQ(command, "sleep 7");
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
}

}  // namespace
}  // namespace cdrun

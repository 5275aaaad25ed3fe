#include "runner/process/process_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cdrun {
namespace {

class LineCollector {
 public:
  LineSplitter::Sink sink() {
    return [this](const std::string& line) { lines.push_back(line); };
  }
  std::vector<std::string> lines;
};

TEST(ProcessLines, EachLineKeepsItsNewline) {
  LineSplitter splitter;
  LineCollector got;
  const std::string chunk = "one\ntwo\n\nthree\n";
  splitter.feed(chunk.data(), chunk.size(), got.sink());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"one\n", "two\n", "\n", "three\n"}));
}

TEST(ProcessLines, LinesSplitAcrossChunksAreJoined) {
  LineSplitter splitter;
  LineCollector got;
  splitter.feed("ab", 2, got.sink());
  EXPECT_TRUE(got.lines.empty());
  splitter.feed("c\nd", 3, got.sink());
  splitter.feed("e\n", 2, got.sink());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"abc\n", "de\n"}));
}

TEST(ProcessLines, UnterminatedRestIsDeliveredWithoutNewlineAtTheEnd) {
  LineSplitter splitter;
  LineCollector got;
  splitter.feed("done\nno-newline", 15, got.sink());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"done\n"}));
  splitter.finish(got.sink());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"done\n", "no-newline"}));
}

TEST(ProcessLines, FinishWithNothingPendingDeliversNothing) {
  LineSplitter splitter;
  LineCollector got;
  splitter.feed("x\n", 2, got.sink());
  splitter.finish(got.sink());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"x\n"}));
}

TEST(ProcessLines, OverlongLineIsPassedOnInPiecesOfTheLimit) {
  LineSplitter splitter(4);
  LineCollector got;
  splitter.feed("abcdefghij\nxy\n", 14, got.sink());
  // 10 letters and a newline with a limit of 4: "abcd", "efgh", then "ij\n".
  EXPECT_EQ(got.lines, (std::vector<std::string>{"abcd", "efgh", "ij\n", "xy\n"}));
}

TEST(ProcessLines, LineExactlyAtTheLimitStaysWhole) {
  LineSplitter splitter(4);
  LineCollector got;
  splitter.feed("abc\n", 4, got.sink());
  splitter.feed("ab", 2, got.sink());
  splitter.feed("cd", 2, got.sink());
  splitter.finish(got.sink());
  EXPECT_EQ(got.lines, (std::vector<std::string>{"abc\n", "abcd"}));
}

TEST(ProcessLines, NulBytesArePartOfTheLine) {
  LineSplitter splitter;
  LineCollector got;
  const std::string chunk("a\0b\n", 4);
  splitter.feed(chunk.data(), chunk.size(), got.sink());
  ASSERT_EQ(got.lines.size(), 1u);
  EXPECT_EQ(got.lines[0], chunk);
}

}  // namespace
}  // namespace cdrun

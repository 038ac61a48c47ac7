#include "kashf/text/chat_export.h"

#include <gtest/gtest.h>

namespace kashf::text {
namespace {

TEST(ChatExport, AndroidLinesWithContinuationsAndAttachments) {
  const auto chat = ParseChatExport(
      "12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.\n"
      "12/03/2024, 14:06 - Recruiter Bilal: Dubai job pakki hai\n"
      "fee 2 lakh, easypaisa 0345-5550777\n"
      "12/03/2024, 14:07 - +92 300 5551234: IMG-20240312-WA0007.jpg (file attached)\n"
      "passport ki photo\n"
      "13/03/2024, 09:00 - Recruiter Bilal: <Media omitted>\n");
  EXPECT_TRUE(chat.problems.empty());
  ASSERT_EQ(chat.messages.size(), 4u);
  EXPECT_TRUE(chat.messages[0].system);
  EXPECT_EQ(chat.messages[0].sender, "");
  const auto& m = chat.messages[1];
  EXPECT_EQ(m.line, 2u);
  EXPECT_EQ(m.time, "2024-03-12T14:06");
  EXPECT_EQ(m.sender, "Recruiter Bilal");
  EXPECT_EQ(m.text, "Dubai job pakki hai\nfee 2 lakh, easypaisa 0345-5550777");
  EXPECT_EQ(chat.messages[2].sender, "+92 300 5551234");
  ASSERT_EQ(chat.messages[2].attachments.size(), 1u);
  EXPECT_EQ(chat.messages[2].attachments[0], "IMG-20240312-WA0007.jpg");
  EXPECT_EQ(chat.messages[2].text, "IMG-20240312-WA0007.jpg (file attached)\npassport ki photo");
  EXPECT_EQ(chat.messages[3].attachments, std::vector<std::string>{"<Media omitted>"});
}

TEST(ChatExport, IosBracketsTwelveHourClockAndMarks) {
  const auto chat = ParseChatExport(
      "\xEF\xBB\xBF[12/03/24, 2:05:33 pm] Ali: salam\r\n"
      "\u200e[12/03/24, 2:06:00\u202fPM] Ali: <attached: 00000012-PHOTO-2024-03-12-14-06-00.jpg>\r\n"
      "12/03/2024, 12:10 am - Sana: raat ko\n");
  EXPECT_TRUE(chat.problems.empty());
  ASSERT_EQ(chat.messages.size(), 3u);
  EXPECT_EQ(chat.messages[0].time, "2024-03-12T14:05:33");
  EXPECT_EQ(chat.messages[0].text, "salam");
  EXPECT_EQ(chat.messages[1].time, "2024-03-12T14:06:00");
  EXPECT_EQ(chat.messages[1].attachments, std::vector<std::string>{"00000012-PHOTO-2024-03-12-14-06-00.jpg"});
  EXPECT_EQ(chat.messages[2].time, "2024-03-12T00:10");
}

TEST(ChatExport, MonthFirstLocale) {
  ChatExportOptions us;
  us.month_first = true;
  const auto chat = ParseChatExport("03/12/2024, 14:05 - Ali: hi\n", us);
  ASSERT_EQ(chat.messages.size(), 1u);
  EXPECT_EQ(chat.messages[0].time, "2024-03-12T14:05");
}

TEST(ChatExport, BadLinesAreReportedAndKept) {
  const auto chat = ParseChatExport(
      "exported by the monitoring cell\n"
      "31/02/2024, 10:00 - Ali: impossible date\n"
      "12/03/2024, 10:00 - Ali: ok\n"
      "12/03/2024, 25:00 - Ali: impossible hour\n");
  ASSERT_EQ(chat.problems.size(), 3u);
  EXPECT_EQ(chat.problems[0].line, 1u);
  EXPECT_EQ(chat.problems[1].line, 2u);
  EXPECT_EQ(chat.problems[2].line, 4u);
  EXPECT_EQ(chat.problems[1].reason.find("Ali"), std::string::npos);  // never quotes the line
  ASSERT_EQ(chat.messages.size(), 2u);
  EXPECT_TRUE(chat.messages[0].system);
  EXPECT_EQ(chat.messages[0].text, "exported by the monitoring cell\n31/02/2024, 10:00 - Ali: impossible date");
  EXPECT_EQ(chat.messages[1].text, "ok\n12/03/2024, 25:00 - Ali: impossible hour");
}

}  // namespace
}  // namespace kashf::text

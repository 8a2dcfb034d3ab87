#include "run.hpp"

#include <gtest/gtest.h>

using sopir::testing::run_sopir;

TEST(Cli, VersionPrintsAndSucceeds)
{
    auto r = run_sopir("--version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("0."), std::string::npos) << r.out;
}

TEST(Cli, UnknownCommandIsMisuse)
{
    auto r = run_sopir("tidak-ada");
    EXPECT_EQ(r.exit_code, 2) << r.out;
}

TEST(Cli, NoCommandIsMisuse)
{
    auto r = run_sopir();
    EXPECT_EQ(r.exit_code, 2) << r.out;
}

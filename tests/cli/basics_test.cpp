#include "run.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

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

TEST(Cli, OptionsComeFromAConfigurationFile)
{
    auto const dir = std::filesystem::temp_directory_path() / ("sopir-config-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "sopir.toml") << "# sopir configuration\ndb = \"sqlite://" << (dir / "data" / "sopir.db").string() << "\"\n";
    auto r = run_sopir("--config", (dir / "sopir.toml").string(), "db", "migrate");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(std::filesystem::exists(dir / "data" / "sopir.db")) << r.out;
    auto missing = run_sopir("--config", (dir / "tidak-ada.toml").string(), "db", "version");
    EXPECT_EQ(missing.exit_code, 2) << missing.out;
    std::filesystem::remove_all(dir);
}

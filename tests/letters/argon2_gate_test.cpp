// The Argon2id gate (issue 7's memory under load): never more hashes at
// once than its places, and every waiting one gets its turn.
#include "letters/argon2_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace sopir;

TEST(Argon2Gate, LetsNoMoreInAtOnceThanItsPlaces)
{
    Argon2Gate gate(2);
    std::atomic<int> inside { 0 }, most { 0 }, done { 0 };
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            Argon2Gate::Place place(gate);
            int const now = ++inside;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            --inside;
            ++done;
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(done.load(), 8);
    EXPECT_LE(most.load(), 2);
    EXPECT_GE(most.load(), 1);
}

TEST(Argon2Gate, HasAtLeastOnePlace)
{
    EXPECT_EQ(Argon2Gate(0).limit(), 1);
    EXPECT_EQ(Argon2Gate(-3).limit(), 1);
    EXPECT_GE(argon2_gate().limit(), 1);
}

// The Argon2id gate (issue 7's memory under load): never more hashes at
// once than its places, and every waiting one gets its turn, in order.
#include "letters/argon2_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
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

// A gate that let any waiter in kept some signatures waiting for seconds
// behind later arrivals (whole cases: p99 of tandatangani from 7 to 17 s).
TEST(Argon2Gate, GivesTurnsInOrderOfArrival)
{
    Argon2Gate gate(1);
    std::vector<int> order;
    std::mutex order_mutex;
    std::vector<std::thread> threads;
    {
        Argon2Gate::Place first(gate);
        for (int i = 0; i < 6; ++i) {
            threads.emplace_back([&, i] {
                Argon2Gate::Place place(gate);
                std::lock_guard lock(order_mutex);
                order.push_back(i);
            });
            // The next comes only once this one waits.
            while (gate.waiting() < i + 1)
                std::this_thread::yield();
        }
    }
    // Arriving as the place comes free, this one does not go before them.
    {
        Argon2Gate::Place late(gate);
        std::lock_guard lock(order_mutex);
        order.push_back(99);
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(order, (std::vector<int> { 0, 1, 2, 3, 4, 5, 99 }));
    EXPECT_EQ(gate.waiting(), 0);
}

TEST(Argon2Gate, HasAtLeastOnePlace)
{
    EXPECT_EQ(Argon2Gate(0).limit(), 1);
    EXPECT_EQ(Argon2Gate(-3).limit(), 1);
    EXPECT_GE(argon2_gate().limit(), 1);
}

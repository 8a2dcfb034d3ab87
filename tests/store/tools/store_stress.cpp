// The other processes of the storage tests.
//
//   store_stress prepare URL CASES THREADS   make CASES cases waiting in pengarsipan
//   store_stress archive URL WORKER WORKERS THREADS
//                                            archive every waiting case whose
//                                            id % WORKERS == WORKER; prints
//                                            "archived ID NUMBER" per case
//   store_stress drive URL                   create and drive cases forever,
//                                            printing "committed CASE SEQ" after
//                                            each commit (for the crash test)
//
// The office 63.05.06 and its staff must exist (driver.hpp's seed_staff).
#include "../driver.hpp"
#include "store/database.hpp"

#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <soci/soci.h>
#include <thread>
#include <vector>

using namespace sopir;
using namespace sopir::testing;

namespace {

struct Context {
    std::unique_ptr<store::Database> database;
    std::unique_ptr<store::Store> store;
    SopDefinition definition;
    Office office;
    Staff staff;
};

Context open(std::string const& text, std::size_t pool)
{
    Context context;
    auto url = store::parse_database_url(text);
    if (!url.ok())
        throw std::runtime_error(url.error().message);
    auto database = store::Database::open_and_migrate(*url, pool);
    if (!database.ok())
        throw std::runtime_error(database.error().message);
    context.database = std::move(*database);
    context.store = store::make_soci_store(*context.database);
    context.definition = load_perekaman_ektp();
    auto office = context.store->office_by_code("63.05.06");
    if (!office.ok())
        throw std::runtime_error(office.error().message);
    context.office = *office;
    context.staff = find_staff(*context.store, context.office);
    return context;
}

Timestamp const k_start = to_days({ 2026, 11, 23 }) * 86400 + 3600;

int prepare(std::string const& url, int cases, int threads)
{
    Context context = open(url, threads);
    std::atomic<int> next { 0 };
    std::atomic<int> failures { 0 };
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (int i = next++; i < cases; i = next++) {
                try {
                    Timestamp now = k_start;
                    auto created = context.store->create_case(context.definition, applicant(context.office.id, i), context.staff.pelayanan, now);
                    if (!created.ok())
                        throw std::runtime_error(created.error().message);
                    drive(*context.store, context.definition, context.staff, *created, "pengarsipan", now);
                } catch (std::exception const& e) {
                    std::cerr << "prepare: " << e.what() << "\n";
                    ++failures;
                }
            }
        });
    }
    for (auto& worker : workers)
        worker.join();
    return failures == 0 ? 0 : 1;
}

int archive(std::string const& url, int worker, int worker_count, int threads)
{
    Context context = open(url, threads);
    std::vector<Id> ids;
    {
        auto lease = context.database->lease();
        Id id = 0;
        soci::statement select = (lease.sql().prepare << "SELECT id FROM cases WHERE state = 'pengarsipan' ORDER BY id", soci::into(id));
        select.execute(false);
        while (select.fetch())
            if (id % worker_count == worker)
                ids.push_back(id);
    }
    std::atomic<std::size_t> next { 0 };
    std::atomic<int> failures { 0 };
    std::mutex output;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < ids.size(); i = next++) {
                auto outcome = context.store->perform_action(context.definition, next_action("pengarsipan", context.staff, ids[i], k_start + 3600));
                std::lock_guard lock(output);
                if (!outcome.ok()) {
                    std::cerr << "archive " << ids[i] << ": " << outcome.error().message << "\n";
                    ++failures;
                    continue;
                }
                std::cout << "archived " << ids[i] << " " << outcome->number->number << "\n";
            }
        });
    }
    for (auto& each : workers)
        each.join();
    std::cout.flush();
    return failures == 0 ? 0 : 1;
}

int drive_forever(std::string const& url)
{
    Context context = open(url, 1);
    Timestamp now = k_start;
    for (int serial = 0;; ++serial) {
        auto created = context.store->create_case(context.definition, applicant(context.office.id, serial), context.staff.pelayanan, now);
        if (!created.ok()) {
            std::cerr << created.error().message << "\n";
            return 1;
        }
        std::printf("committed %lld 1\n", static_cast<long long>(created->id));
        std::fflush(stdout);
        Case current = *created;
        std::int64_t seq = 1;
        while (current.state != "selesai") {
            now += 1;
            auto outcome = context.store->perform_action(context.definition, next_action(current.state, context.staff, current.id, now));
            if (!outcome.ok()) {
                std::cerr << outcome.error().message << "\n";
                return 1;
            }
            current = outcome->case_after;
            std::printf("committed %lld %lld\n", static_cast<long long>(current.id), static_cast<long long>(++seq));
            std::fflush(stdout);
        }
    }
}

}

int main(int argc, char** argv)
{
    try {
        std::string const mode = argc > 1 ? argv[1] : "";
        if (mode == "prepare" && argc == 5)
            return prepare(argv[2], std::stoi(argv[3]), std::stoi(argv[4]));
        if (mode == "archive" && argc == 6)
            return archive(argv[2], std::stoi(argv[3]), std::stoi(argv[4]), std::stoi(argv[5]));
        if (mode == "drive" && argc == 3)
            return drive_forever(argv[2]);
    } catch (std::exception const& e) {
        std::cerr << "store_stress: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: store_stress prepare URL CASES THREADS | archive URL WORKER WORKERS THREADS | drive URL\n";
    return 2;
}

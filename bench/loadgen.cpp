// bench/loadgen: drives complete Perekaman E-KTP cases through sopir's JSON
// API, as the offices of a kabupaten would, and measures them.
//
//   loadgen --url http://127.0.0.1:P[,http://127.0.0.1:Q] --accounts ACCOUNTS_TSV
//           --cases N --concurrency C [--warmup W] [--json] [--regions DIR] [--seed S]
//
// ACCOUNTS_TSV is what bench/setup-offices writes (office, role, username,
// password). Every account signs in once (POST /api/v1/sessions); sessions
// live in the database, so a token serves every server of it. Then C workers
// each take the next case and walk it through the seven steps of
// sops/perekaman-ektp.toml, one request a step, by the role the step names:
//
//   intake (POST /api/v1/cases, petugas_pelayanan) → terima → rekam → paraf
//   → tandatangani (the Camat's password again) → arsipkan → serahkan
//
// Each Camat's signing key is made, sealed under the password, at the
// Camat's first signature, which makes that first tandatangani slower: with
// --warmup W, W cases are walked (and checked) before the clock starts;
// W = offices × servers gives every office one case on every server.
//
// Case k goes to server k mod S and to office (k div S) mod O, so with two
// servers every office is served by both. Every action sends the version the
// previous answer gave, as the staff pages do. Afterwards every case is read
// back (GET /api/v1/cases/{id}): it must be `selesai`, with a registration
// and a letter number, and no number may repeat within its office (letter
// numbers of two offices may look alike: the unit code is the kecamatan's
// initials). Any non-2xx answer or failed check is an error; the first few
// are printed to stderr, and the exit status is 1.

#include "http_client.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#ifndef SOPIR_BENCH_REGIONS_DIR
#    define SOPIR_BENCH_REGIONS_DIR "node_modules/idn-area-data/data"
#endif

namespace sopir::bench {
namespace {

    using Json = nlohmann::json;
    using Clock = std::chrono::steady_clock;

    // Error bodies printed to stderr, at most.
    constexpr std::size_t k_error_samples = 5;

    struct Options {
        std::vector<Url> servers;
        std::string accounts_file;
        std::size_t cases { 0 };
        std::size_t concurrency { 0 };
        bool json { false };
        std::string regions_dir;
        std::optional<std::uint64_t> seed;
        std::size_t warmup { 0 };
    };

    // The command line, by CLI11 as sopir's own; 2 and a message for a bad one.
    std::optional<Options> parse_options(int argc, char** argv)
    {
        Options options;
        char const* regions = std::getenv("SOPIR_REGIONS_DIR");
        options.regions_dir = regions && *regions ? regions : SOPIR_BENCH_REGIONS_DIR;
        std::vector<std::string> urls;
        std::uint64_t seed = 0;
        CLI::App app("loadgen: whole cases through sopir's JSON API");
        app.add_option("--url", urls, "http://HOST:PORT, several separated by commas")->required()->delimiter(',');
        app.add_option("--accounts", options.accounts_file, "the accounts bench/setup-offices wrote")->required();
        app.add_option("--cases", options.cases, "cases to walk")->required()->check(CLI::PositiveNumber);
        app.add_option("--concurrency", options.concurrency, "cases at once")->required()->check(CLI::PositiveNumber);
        app.add_option("--warmup", options.warmup, "cases walked before the clock starts");
        app.add_flag("--json", options.json, "one JSON object");
        app.add_option("--regions", options.regions_dir, "idn-area-data's CSV directory");
        auto* seed_option = app.add_option("--seed", seed, "random seed")->check(CLI::PositiveNumber);
        try {
            app.parse(argc, argv);
        } catch (CLI::ParseError const& error) {
            if (app.exit(error) == 0)
                std::exit(0);
            return std::nullopt;
        }
        for (auto const& text : urls) {
            auto url = parse_url(text);
            if (!url) {
                std::cerr << "loadgen: not an http:// URL: " << text << "\n";
                return std::nullopt;
            }
            options.servers.push_back(*url);
        }
        if (seed_option->count())
            options.seed = seed;
        return options;
    }

    // ---- Offices and accounts ---------------------------------------------------

    // The office roles of sops/perekaman-ektp.toml that the walk needs.
    enum class Role { Pelayanan,
        Operator,
        Kasi,
        Camat,
        Pengadministrasi };
    constexpr std::array k_role_ids { "petugas_pelayanan", "operator_ektp", "kasi_pemerintahan", "camat", "pengadministrasi" };

    struct Account {
        std::string username;
        std::string password;
        std::string token;
    };

    struct Office {
        std::string code;                  // "63.05.06"
        std::string digits;                // "630506", the start of every NIK and KK
        std::vector<std::string> villages; // Village codes of the kecamatan.
        std::array<std::optional<Account>, k_role_ids.size()> accounts;

        Account const& account(Role role) const { return *accounts[static_cast<std::size_t>(role)]; }
    };

    std::optional<std::vector<Office>> read_accounts(std::string const& file)
    {
        std::ifstream in(file);
        if (!in) {
            std::cerr << "loadgen: cannot read " << file << "\n";
            return std::nullopt;
        }
        std::vector<Office> offices;
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            if (line.empty() || line.starts_with('#'))
                continue;
            std::vector<std::string> fields;
            std::istringstream split(line);
            for (std::string field; std::getline(split, field, '\t');)
                fields.push_back(field);
            if (fields.size() != 4) {
                std::cerr << "loadgen: " << file << ":" << number << ": expected office, role, username, password separated by tabs\n";
                return std::nullopt;
            }
            auto const role = std::find(k_role_ids.begin(), k_role_ids.end(), fields[1]);
            if (role == k_role_ids.end())
                continue; // A role the walk does not need (pemohon).
            auto office = std::find_if(offices.begin(), offices.end(), [&](Office const& o) { return o.code == fields[0]; });
            if (office == offices.end()) {
                Office added { .code = fields[0], .digits = fields[0] };
                std::erase(added.digits, '.');
                offices.push_back(std::move(added));
                office = offices.end() - 1;
            }
            office->accounts[static_cast<std::size_t>(role - k_role_ids.begin())] = Account { .username = fields[2], .password = fields[3] };
        }
        if (offices.empty()) {
            std::cerr << "loadgen: no accounts in " << file << "\n";
            return std::nullopt;
        }
        for (auto const& office : offices)
            for (std::size_t role = 0; role < k_role_ids.size(); ++role)
                if (!office.accounts[role]) {
                    std::cerr << "loadgen: office " << office.code << " has no " << k_role_ids[role] << " account in " << file << "\n";
                    return std::nullopt;
                }
        return offices;
    }

    // The villages of each office's kecamatan, from idn-area-data's villages.csv
    // (code,district_code,name): intake refuses a village of another kecamatan.
    bool read_villages(std::string const& dir, std::vector<Office>& offices)
    {
        std::string const file = dir + "/villages.csv";
        std::ifstream in(file);
        if (!in) {
            std::cerr << "loadgen: cannot read " << file << " (--regions DIR or SOPIR_REGIONS_DIR)\n";
            return false;
        }
        std::map<std::string, Office*> by_code;
        for (auto& office : offices)
            by_code[office.code] = &office;
        std::string line;
        while (std::getline(in, line)) {
            auto const first = line.find(',');
            auto const second = line.find(',', first + 1);
            if (first == std::string::npos || second == std::string::npos)
                continue;
            auto found = by_code.find(line.substr(first + 1, second - first - 1));
            if (found != by_code.end())
                found->second->villages.push_back(line.substr(0, first));
        }
        for (auto const& office : offices)
            if (office.villages.empty()) {
                std::cerr << "loadgen: no villages of kecamatan " << office.code << " in " << file << "\n";
                return false;
            }
        return true;
    }

    // ---- Applicants -------------------------------------------------------------

    constexpr std::array k_men { "Ahmad", "Muhammad", "Rahmat", "Budi", "Hasan", "Syahrani", "Fahrurrazi", "Zainal", "Abdul", "Rizky" };
    constexpr std::array k_women { "Siti", "Noorhayati", "Rina", "Dewi", "Aisyah", "Fatimah", "Nurul", "Rahmah", "Lailatul", "Mariani" };
    constexpr std::array k_family_names { "Fauzi", "Hidayat", "Rahman", "Saputra", "Maulana", "Rusdi", "Aini", "Hairani", "Jumberi", "Syarifah" };

    // Birth dates run over 1960–2005, so every applicant is past the recording
    // age of 17 (UU 24/2013 Pasal 63) and none raises the underage warning.
    constexpr std::chrono::sys_days k_first_birthday { std::chrono::year { 1960 } / 1 / 1 };
    constexpr std::chrono::sys_days k_last_birthday { std::chrono::year { 2005 } / 12 / 31 };
    constexpr std::uint64_t k_serials = 9999; // NIK serials run 0001–9999.

    std::string two_digits(unsigned value)
    {
        value %= 100;
        return { static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10) };
    }

    std::string iso_date(std::chrono::sys_days day)
    {
        std::chrono::year_month_day const date { day };
        return std::to_string(static_cast<int>(date.year())) + "-" + two_digits(static_cast<unsigned>(date.month())) + "-"
            + two_digits(static_cast<unsigned>(date.day()));
    }

    // Slot s of the NIK space of one kecamatan: birth day s div 9999, serial
    // s mod 9999 + 1, so distinct slots give distinct NIKs (SPEC.md: region,
    // DDMMYY with women's day + 40, serial from 0001).
    std::uint64_t nik_slots()
    {
        return static_cast<std::uint64_t>((k_last_birthday - k_first_birthday).count() + 1) * k_serials;
    }

    Json application(Office const& office, std::uint64_t slot, std::size_t case_index, std::string const& surat_pengantar_date)
    {
        std::chrono::sys_days const birthday = k_first_birthday + std::chrono::days { static_cast<int>(slot / k_serials) };
        std::chrono::year_month_day const birth { birthday };
        bool const woman = case_index % 2 == 1;
        unsigned const day = static_cast<unsigned>(birth.day()) + (woman ? 40 : 0);
        std::string serial = std::to_string(slot % k_serials + 1);
        serial.insert(0, 4 - serial.size(), '0');
        std::string const nik = office.digits + two_digits(day) + two_digits(static_cast<unsigned>(birth.month())) + two_digits(static_cast<unsigned>(static_cast<int>(birth.year()) % 100)) + serial;
        // One Kartu Keluarga issued 20 January 2015, the family's serial alike.
        std::string const kk = office.digits + "200115" + serial;
        std::string const name = std::string(woman ? k_women[case_index / 2 % k_women.size()] : k_men[case_index / 2 % k_men.size()]) + " "
            + k_family_names[case_index / 20 % k_family_names.size()];
        std::string const village = office.villages[case_index % office.villages.size()];
        return {
            { "service", "perekaman-ektp" },
            { "applicant",
                { { "nik", nik }, { "kk", kk }, { "name", name }, { "birth_place", "Rantau" }, { "birth_date", iso_date(birthday) },
                    { "sex", woman ? "P" : "L" }, { "religion", "Islam" }, { "marital_status", "Belum Kawin" }, { "occupation", "Petani" },
                    { "address", "Jl. Brigjen H. Hasan Basry No. " + std::to_string(case_index % 200 + 1) }, { "rt", "002" }, { "rw", "001" },
                    { "village_code", village }, { "phone", "081234567890" } } },
            { "documents",
                { { "surat_pengantar", { { "number", "470/" + std::to_string(case_index + 1) + "/DS/2026" }, { "date", surat_pengantar_date } } },
                    { "akta_kelahiran", { { "number", office.digits.substr(0, 4) + "-LT-" + nik.substr(6, 6) + "-" + serial } } },
                    { "kartu_keluarga", { { "number", kk } } } } },
        };
    }

    // ---- The walk ---------------------------------------------------------------

    // Intake, then the action of each step, with the role that takes it and the
    // state it leads to.
    struct Step {
        std::string_view action;
        Role role;
        std::string_view next_state;
    };
    constexpr std::array k_steps {
        Step { "intake", Role::Pelayanan, "verifikasi" },
        Step { "terima", Role::Pelayanan, "perekaman" },
        Step { "rekam", Role::Operator, "pemeriksaan" },
        Step { "paraf", Role::Kasi, "penandatanganan" },
        Step { "tandatangani", Role::Camat, "pengarsipan" },
        Step { "arsipkan", Role::Pengadministrasi, "penyerahan" },
        Step { "serahkan", Role::Pengadministrasi, "selesai" },
    };

    Json action_data(std::string_view action, Office const& office, std::size_t case_index)
    {
        if (action == "terima")
            return { { "kelengkapan", { "surat_pengantar", "akta_kelahiran", "kartu_keluarga" } } };
        if (action == "rekam")
            return { { "siak_reference", "SIAK-BENCH-" + std::to_string(case_index + 1) } };
        if (action == "tandatangani")
            return { { "password", office.account(Role::Camat).password } };
        if (action == "serahkan")
            return { { "received_by", "Penerima Bench" } };
        return Json::object();
    }

    Headers bearer(std::string const& token)
    {
        return { { "Authorization", "Bearer " + token }, { "Accept", "application/json" } };
    }

    double milliseconds(Clock::duration elapsed)
    {
        return std::chrono::duration<double, std::milli>(elapsed).count();
    }

    // What failed, collected across workers: a count and the first few reasons.
    class Errors {
    public:
        void add(std::string what)
        {
            std::lock_guard lock(m_mutex);
            ++m_count;
            if (m_samples.size() < k_error_samples)
                m_samples.push_back(std::move(what));
        }
        std::size_t count() const
        {
            std::lock_guard lock(m_mutex);
            return m_count;
        }
        void print() const
        {
            std::lock_guard lock(m_mutex);
            for (auto const& sample : m_samples)
                std::cerr << "loadgen: error: " << sample << "\n";
            if (m_count > m_samples.size())
                std::cerr << "loadgen: … and " << m_count - m_samples.size() << " more errors\n";
        }

    private:
        mutable std::mutex m_mutex;
        std::size_t m_count { 0 };
        std::vector<std::string> m_samples;
    };

    std::string describe(std::string_view what, HttpResponse const& response)
    {
        if (response.status == 0)
            return std::string(what) + ": " + response.error;
        std::string body = response.body.substr(0, 600);
        return std::string(what) + ": HTTP " + std::to_string(response.status) + " " + body;
    }

    std::optional<Json> parse_json(std::string const& text)
    {
        Json json = Json::parse(text, nullptr, false);
        if (json.is_discarded())
            return std::nullopt;
        return json;
    }

    // Runs work(worker, item) for items [0, count) on `concurrency` threads, each
    // worker taking the next item when it is done with one.
    void run_workers(std::size_t count, std::size_t concurrency, std::function<void(std::size_t, std::size_t)> const& work)
    {
        std::atomic<std::size_t> next { 0 };
        std::vector<std::jthread> threads;
        for (std::size_t worker = 0; worker < std::min(count, concurrency); ++worker)
            threads.emplace_back([&, worker] {
                for (std::size_t item; (item = next.fetch_add(1)) < count;)
                    work(worker, item);
            });
    }

    struct CaseRecord {
        std::int64_t id { 0 };
        std::size_t office { 0 };
        std::size_t server { 0 };
        bool walked { false }; // Every step answered as expected.
    };

    // Per worker: one keep-alive connection to each server, and the latencies
    // of each step.
    struct Worker {
        std::vector<HttpClient> clients;
        std::array<std::vector<double>, k_steps.size()> latencies;
        std::size_t warnings { 0 };
    };

    struct Summary {
        std::size_t completed { 0 };
        double seconds { 0 };
        double sign_in_seconds { 0 };
        double warmup_seconds { 0 };
        double check_seconds { 0 };
        std::size_t warnings { 0 };
        std::size_t connections { 0 };
        std::array<std::vector<double>, k_steps.size()> latencies;
    };

    int run(Options const& options)
    {
        auto offices = read_accounts(options.accounts_file);
        if (!offices || !read_villages(options.regions_dir, *offices))
            return 2;
        std::size_t const concurrency = std::min(options.concurrency, options.cases);
        Errors errors;

        auto make_worker = [&] {
            Worker worker;
            for (auto const& url : options.servers)
                worker.clients.emplace_back(url);
            return worker;
        };
        std::vector<Worker> workers;
        for (std::size_t i = 0; i < std::max(concurrency, k_role_ids.size()); ++i)
            workers.push_back(make_worker());

        // Sign-ins, spread over the servers; each runs Argon2id, so they run in
        // parallel too.
        std::vector<std::pair<std::size_t, std::size_t>> sign_ins; // office, role
        for (std::size_t office = 0; office < offices->size(); ++office)
            for (std::size_t role = 0; role < k_role_ids.size(); ++role)
                sign_ins.emplace_back(office, role);
        auto const sign_in_start = Clock::now();
        run_workers(sign_ins.size(), workers.size(), [&](std::size_t worker, std::size_t item) {
            auto [office, role] = sign_ins[item];
            Account& account = *(*offices)[office].accounts[role];
            HttpClient& client = workers[worker].clients[item % options.servers.size()];
            auto response = client.post_json("/api/v1/sessions", Json { { "username", account.username }, { "password", account.password } }.dump());
            auto body = response.status == 201 ? parse_json(response.body) : std::nullopt;
            if (!body || !(*body)["token"].is_string()) {
                errors.add(describe("sign-in of " + account.username, response));
                return;
            }
            account.token = (*body)["token"].get<std::string>();
        });
        double const sign_in_seconds = std::chrono::duration<double>(Clock::now() - sign_in_start).count();
        // Without every token no case can be walked; the summary still comes
        // out (zero cases done), so that a script reading --json sees why.
        bool const signed_in = errors.count() == 0;

        // A run starts at a random place of the NIK space (or --seed's), so that
        // runs on one database do not repeat each other's NIKs; within a run
        // every case has its own slot.
        std::uint64_t const seed = options.seed.value_or(std::random_device {}());
        std::uint64_t const first_slot = std::mt19937_64 { seed }() % (nik_slots() - options.cases - options.warmup);
        // The surat pengantar was written two days ago (it must not be dated in
        // the future in the office's time zone, which is ahead of UTC).
        std::string const surat_pengantar_date = iso_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days { 2 });

        // Warm-up cases come first (indices below `warmup`) and are walked and
        // checked like the others, but not timed.
        std::size_t const warmup = options.warmup;
        std::size_t const total = signed_in ? warmup + options.cases : 0;
        std::vector<CaseRecord> cases(total);
        auto walk = [&](std::size_t worker_index, std::size_t k) {
            bool const timed = k >= warmup;
            Worker& worker = workers[worker_index];
            CaseRecord& record = cases[k];
            record.server = k % options.servers.size();
            record.office = k / options.servers.size() % offices->size();
            Office const& office = (*offices)[record.office];
            HttpClient& client = worker.clients[record.server];
            std::string const where = "case " + std::to_string(k) + " (office " + office.code + ", server " + std::to_string(record.server) + ")";

            std::optional<std::int64_t> version;
            for (std::size_t step = 0; step < k_steps.size(); ++step) {
                Step const& plan = k_steps[step];
                std::string const& token = office.account(plan.role).token;
                auto const sent = Clock::now();
                HttpResponse response;
                if (step == 0) {
                    response = client.post_json("/api/v1/cases", application(office, first_slot + k, k, surat_pengantar_date).dump(), bearer(token));
                } else {
                    Json body { { "action", plan.action }, { "data", action_data(plan.action, office, k) } };
                    if (version)
                        body["version"] = *version;
                    response = client.post_json("/api/v1/cases/" + std::to_string(record.id) + "/actions", body.dump(), bearer(token));
                }
                auto const elapsed = Clock::now() - sent;
                int const expected = step == 0 ? 201 : 200;
                auto body = response.status == expected ? parse_json(response.body) : std::nullopt;
                if (!body) {
                    errors.add(describe(where + " " + std::string(plan.action), response));
                    return;
                }
                if ((*body)["state"] != plan.next_state) {
                    errors.add(where + " " + std::string(plan.action) + ": state " + (*body)["state"].dump() + ", expected " + std::string(plan.next_state));
                    return;
                }
                if (step == 0) {
                    record.id = (*body)["id"].get<std::int64_t>();
                    if (auto const& warnings = (*body)["warnings"]; timed && warnings.is_array() && !warnings.empty())
                        ++worker.warnings;
                }
                version = (*body)["version"].is_number_integer() ? std::optional((*body)["version"].get<std::int64_t>()) : std::nullopt;
                if (timed)
                    worker.latencies[step].push_back(milliseconds(elapsed));
            }
            record.walked = true;
        };
        auto const warmup_start = Clock::now();
        run_workers(signed_in ? warmup : 0, concurrency, walk);
        double const warmup_seconds = std::chrono::duration<double>(Clock::now() - warmup_start).count();
        auto const start = Clock::now();
        run_workers(signed_in ? options.cases : 0, concurrency, [&](std::size_t worker_index, std::size_t k) { walk(worker_index, warmup + k); });
        double const seconds = std::chrono::duration<double>(Clock::now() - start).count();

        // Every case read back: selesai, numbered, and no number twice in an office.
        std::mutex numbers_mutex;
        std::set<std::pair<std::size_t, std::string>> letter_numbers;
        std::set<std::pair<std::size_t, std::string>> registration_numbers;
        std::atomic<std::size_t> completed { 0 };
        auto const check_start = Clock::now();
        run_workers(total, concurrency, [&](std::size_t worker_index, std::size_t k) {
            CaseRecord const& record = cases[k];
            if (!record.walked)
                return; // Already counted as an error.
            Office const& office = (*offices)[record.office];
            // Read back through the other server, when there are two: what one
            // server wrote, the other must see.
            HttpClient& client = workers[worker_index].clients[(record.server + 1) % options.servers.size()];
            std::string const what = "check of case " + std::to_string(record.id) + " (office " + office.code + ")";
            auto response = client.get("/api/v1/cases/" + std::to_string(record.id), bearer(office.account(Role::Kasi).token));
            auto body = response.status == 200 ? parse_json(response.body) : std::nullopt;
            if (!body) {
                errors.add(describe(what, response));
                return;
            }
            if ((*body)["state"] != "selesai") {
                errors.add(what + ": state " + (*body)["state"].dump());
                return;
            }
            auto const& letter = (*body)["letter_number"];
            auto const& registration = (*body)["registration_number"];
            if (!letter.is_string() || !registration.is_string()) {
                errors.add(what + ": letter_number " + letter.dump() + ", registration_number " + registration.dump());
                return;
            }
            std::lock_guard lock(numbers_mutex);
            if (!letter_numbers.emplace(record.office, letter.get<std::string>()).second) {
                errors.add(what + ": letter number " + letter.get<std::string>() + " given twice");
                return;
            }
            if (!registration_numbers.emplace(record.office, registration.get<std::string>()).second) {
                errors.add(what + ": registration number " + registration.get<std::string>() + " given twice");
                return;
            }
            if (k >= warmup)
                ++completed;
        });

        Summary summary { .completed = completed.load(), .seconds = seconds, .sign_in_seconds = sign_in_seconds, .warmup_seconds = warmup_seconds, .check_seconds = std::chrono::duration<double>(Clock::now() - check_start).count() };
        for (auto& worker : workers) {
            summary.warnings += worker.warnings;
            for (auto const& client : worker.clients)
                summary.connections += client.connects();
            for (std::size_t step = 0; step < k_steps.size(); ++step)
                summary.latencies[step].insert(summary.latencies[step].end(), worker.latencies[step].begin(), worker.latencies[step].end());
        }
        for (auto& list : summary.latencies)
            std::sort(list.begin(), list.end());

        std::size_t const error_count = errors.count();
        double const rate = seconds > 0 ? static_cast<double>(summary.completed) / seconds : 0;
        if (options.json) {
            nlohmann::ordered_json out { { "cases", options.cases }, { "completed", summary.completed }, { "seconds", seconds },
                { "cases_per_second", rate }, { "errors", error_count }, { "offices", offices->size() }, { "servers", options.servers.size() },
                { "concurrency", concurrency }, { "requests", summary.completed * k_steps.size() },
                { "requests_per_second", seconds > 0 ? static_cast<double>(summary.completed * k_steps.size()) / seconds : 0 },
                { "sign_in_seconds", summary.sign_in_seconds }, { "warmup_cases", warmup }, { "warmup_seconds", summary.warmup_seconds },
                { "check_seconds", summary.check_seconds },
                { "intake_warnings", summary.warnings }, { "connections", summary.connections } };
            nlohmann::ordered_json actions = nlohmann::ordered_json::object();
            for (std::size_t step = 0; step < k_steps.size(); ++step) {
                auto const& list = summary.latencies[step];
                actions[std::string(k_steps[step].action)] = { { "count", list.size() }, { "p50_ms", nearest_rank(list, 50) },
                    { "p99_ms", nearest_rank(list, 99) }, { "max_ms", list.empty() ? 0.0 : list.back() } };
            }
            out["actions"] = actions;
            std::cout << out.dump() << "\n";
        } else {
            std::printf("loadgen: %zu offices, %zu server(s), concurrency %zu\n", offices->size(), options.servers.size(), concurrency);
            std::printf("cases        %zu\n", options.cases);
            std::printf("selesai      %zu\n", summary.completed);
            std::printf("seconds      %.3f\n", seconds);
            std::printf("cases/s      %.2f\n", rate);
            std::printf("errors       %zu\n", error_count);
            std::printf("sign-in s    %.3f  (%zu accounts)\n", summary.sign_in_seconds, sign_ins.size());
            std::printf("warm-up s    %.3f  (%zu cases)\n", summary.warmup_seconds, warmup);
            std::printf("check s      %.3f  (%zu cases read back)\n", summary.check_seconds, total);
            std::printf("warnings     %zu  (intakes answered with warnings)\n", summary.warnings);
            std::printf("connections  %zu\n", summary.connections);
            std::printf("%-14s %8s %10s %10s %10s\n", "action", "count", "p50 ms", "p99 ms", "max ms");
            for (std::size_t step = 0; step < k_steps.size(); ++step) {
                auto const& list = summary.latencies[step];
                std::printf("%-14s %8zu %10.1f %10.1f %10.1f\n", std::string(k_steps[step].action).c_str(), list.size(), nearest_rank(list, 50),
                    nearest_rank(list, 99), list.empty() ? 0.0 : list.back());
            }
        }
        if (error_count > 0) {
            errors.print();
            return 1;
        }
        return 0;
    }

}
}

int main(int argc, char** argv)
{
    auto options = sopir::bench::parse_options(argc, argv);
    if (!options)
        return 2;
    return sopir::bench::run(*options);
}

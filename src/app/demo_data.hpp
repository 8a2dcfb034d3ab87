#pragma once
// Demo cases for `sopir demo --cases N --days D --seed S`: realistic
// histories of every service of the catalog over the office's last D working
// days, made from a seed, each action checked with the workflow engine as it
// is made, so a demo never holds a history the SOP does not allow. Pure
// apart from the seed: the catalog, the office, its staff, the villages and
// "now" come in as arguments, and the same arguments give the same cases.
// Nothing here knows a service: each case is walked from its definition.
//
// What the cases look like:
//   - the services mixed by their definitions' `monthly_cases`;
//   - applicants of the kecamatan: NIK and Nomor KK of the office's district
//     with the birth date (women +40) and issue date encoded, Banjar and
//     Indonesian names, villages from the region data; each form filled by
//     its fields' types and checked as intake checks it;
//   - arrivals on working days (Monday to Friday), every action between
//     08:00 and 15:00 local time; work that does not fit in a day goes on
//     the next working day;
//   - step durations around each step's standard time (log-normal, about
//     15% over the standard);
//   - the way forward taken most of the time; about 8% sent back to the
//     applicant where a step can (reasons weighted to the first listed),
//     most resubmitted a day or so later; about 5% held by an outage where
//     a step can be held, and resumed; about 3% sent back to an earlier step
//     for a correction; waits on another agency of one to four days;
//   - the newest cases still in progress in various steps.
#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/result.hpp"
#include "core/sop.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace sopir::app {

// The accounts the demo's actions are done by: one per role id.
using DemoStaff = std::map<std::string, Id>;

struct DemoOptions {
    std::int64_t cases { 0 };
    int days { 20 };          // Working days, ending on the working day of `now` (or the one before).
    std::uint64_t seed { 1 };
    Timestamp now { 0 };      // Nothing happens after this instant.
    Office office;            // id, code and utc_offset_minutes are used.
    std::vector<Region> villages; // The kecamatan's desa/kelurahan.
    Regions const* regions { nullptr }; // For region fields' names and destinations; optional.
    DemoStaff staff;
    std::size_t batch_size { 5000 };
};

// Office hours: every demo action falls in [08:00, 15:00] local time on a
// working day.
inline constexpr int k_demo_opening_seconds = 8 * 3600;
inline constexpr int k_demo_closing_seconds = 15 * 3600;

// Makes the cases batch by batch, oldest first, for Store::import_history.
class DemoGenerator {
public:
    // Cases of every service of `catalog` (which must outlive the generator).
    DemoGenerator(std::vector<SopDefinition> const& catalog, DemoOptions);
    ~DemoGenerator();
    DemoGenerator(DemoGenerator const&) = delete;
    DemoGenerator& operator=(DemoGenerator const&) = delete;

    // The next batch; empty when every case is made. An error means the
    // engine refused a generated action: a bug in the generator.
    Result<std::vector<store::Store::ImportedCase>> next_batch();

    // The first and last working day the cases arrive on.
    Date first_day() const;
    Date last_day() const;

    store::Store::ImportSource source()
    {
        return [this] { return next_batch(); };
    }

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// True when the instant falls on a working day (Monday to Friday) within
// office hours, in the office's zone.
bool within_demo_office_hours(Timestamp, int utc_offset_minutes);

}
